/** The fields of Lake's `useridentity` column that map one to one onto userIdentity's, by Lake's name. */
const IDENTITY_FIELDS = new Map([
  ['type', 'type'],
  ['principalid', 'principalId'],
  ['arn', 'arn'],
  ['accountid', 'accountId'],
  ['accesskeyid', 'accessKeyId'],
  ['username', 'userName'],
  ['invokedby', 'invokedBy'],
]);

/** Where the next field starts after a comma: a space, then a lower-case name and `=`. */
const NEXT_FIELD = / [a-z]+=/y;

/**
 * The userIdentity a CloudTrail Lake result's `useridentity` column holds, written as Lake writes
 * a struct: `{type=IAMUser, principalid=AIDA…, arn=arn:aws:…, accountid=…, sessioncontext={…}, invokedby=null}`.
 * Values are not quoted, so only the plain top-level fields listed above are taken, split where a
 * comma is followed by the next field's name; nested structs and `null` are passed over. Undefined
 * when the cell is not written so.
 */
export function lakeIdentity(cell: string): Record<string, string> | undefined {
  const text = cell.trim();
  if (!text.startsWith('{') || !text.endsWith('}') || text.startsWith('{"')) return undefined;
  const identity: Record<string, string> = {};
  const take = (part: string): void => {
    const equals = part.indexOf('=');
    const name = IDENTITY_FIELDS.get(part.slice(0, equals).trim());
    const value = part.slice(equals + 1).trim();
    if (equals > 0 && name !== undefined && value !== '' && value !== 'null' && !value.startsWith('{')) identity[name] = value;
  };
  let depth = 0;
  let start = 1;
  for (let i = 1; i < text.length - 1; i++) {
    const c = text[i];
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    else if (c === ',' && depth === 0 && fieldAt(text, i + 1)) {
      take(text.slice(start, i));
      start = i + 1;
    }
  }
  take(text.slice(start, -1));
  return Object.keys(identity).length > 0 ? identity : undefined;
}

function fieldAt(text: string, at: number): boolean {
  NEXT_FIELD.lastIndex = at;
  return NEXT_FIELD.test(text);
}
