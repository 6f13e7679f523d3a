/**
 * An identifier (an ARN, an access key, a session name, a file path) that wraps after its ':',
 * '/' and '_' rather than after a hyphen or inside a word: each part up to a separator is a box of
 * its own (.identifier-part), broken inside only when it is wider than a whole line. The text
 * read, copied or selected is the identifier as written; spaces stay between the parts.
 */
export function Identifier({ text }: { text: string }) {
  return (text.match(/\s+|[^\s:/_]*[:/_]+|[^\s:/_]+/g) ?? []).map((part, i) =>
    /^\s/.test(part) ? (
      part
    ) : (
      <span key={i} className="identifier-part">
        {part}
      </span>
    ),
  );
}
