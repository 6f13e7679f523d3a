/**
 * What JSON.parse (or shallowJson) said about a text that is not JSON, and where in that text:
 * `at` counts UTF-16 code units from the text's start, undefined where that cannot be told.
 * `message` is the fault alone, its first letter in lower case, without V8's position: that
 * position is of the text parsed, never of a file, so whoever reports the fault gives `at` in
 * the terms of what holds the text. V8 words it as "… in JSON at position N", with " (line L
 * column C)" after it in newer versions; an unexpected token as "Unexpected token 'x',
 * ..."excerpt"... is not valid JSON", its position found from the excerpt (10 characters either
 * side of the token, or to the text's start or end) only where that cannot be wrong.
 */
export interface JsonFault {
  message: string;
  at?: number;
}

const AT_POSITION = /(?: in JSON)? at position (\d+)(?: \(line \d+ column \d+\))?$/;
const UNEXPECTED_TOKEN = /^Unexpected token '([\s\S])', (\.\.\.)?"([\s\S]*)"(\.\.\.)? is not valid JSON$/;
/** V8's context on either side of an unexpected token. */
const CONTEXT = 10;

const lowerFirst = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);

export function jsonFault(error: unknown, text: string): JsonFault {
  const raw = error instanceof Error ? error.message : String(error);
  const positioned = AT_POSITION.exec(raw);
  if (positioned) return { message: lowerFirst(raw.slice(0, positioned.index)), at: Number(positioned[1]) };
  if (raw === 'Unexpected end of JSON input') return { message: lowerFirst(raw), at: text.length };
  const token = UNEXPECTED_TOKEN.exec(raw);
  if (token) {
    const [, char, before, excerpt, after] = token as unknown as [string, string, string | undefined, string, string | undefined];
    const at = tokenAt(text, char, excerpt, before !== undefined, after !== undefined);
    if (at !== undefined) return { message: `unexpected token '${char}'`, at };
  }
  return { message: lowerFirst(raw) };
}

/** Where the unexpected token `char` is in `text`, from V8's excerpt of it; undefined unless only one place fits. */
function tokenAt(text: string, char: string, excerpt: string, cutBefore: boolean, cutAfter: boolean): number | undefined {
  let at: number;
  if (cutBefore && cutAfter) {
    at = text.indexOf(excerpt);
    if (at < 0 || text.indexOf(excerpt, at + 1) >= 0) return undefined;
    at += CONTEXT;
  } else if (cutAfter) {
    if (!text.startsWith(excerpt)) return undefined;
    at = excerpt.length - CONTEXT;
  } else if (cutBefore) {
    if (!text.endsWith(excerpt)) return undefined;
    at = text.length - excerpt.length + CONTEXT;
  } else {
    // A short text, quoted whole.
    at = text.indexOf(char);
    if (text !== excerpt || at !== text.lastIndexOf(char)) return undefined;
  }
  return at >= 0 && text[at] === char ? at : undefined;
}
