import { jsonFault } from './jsonFault';

/**
 * How deep objects and arrays may nest in the value the app reads from an event (its root being
 * one level). The app's walks over a value (the detail pane's tree, request parameters,
 * comparisons of conflicting twins) recurse, and so do JSON.stringify and structured cloning, which
 * run out of stack a few thousand levels down; parsing deep nesting also costs far more memory
 * than its text (4 million levels: some 230 MB). Below this depth an event is kept as text only.
 */
export const JSON_TREE_DEPTH = 100;

/** Index of the quote closing a JSON string whose content starts at `from`, or -1 when `s` has none (yet). */
export function stringClose(s: string, from: number): number {
  let j = from;
  for (;;) {
    j = s.indexOf('"', j);
    if (j < 0) return -1;
    let backslashes = 0;
    while (s.charCodeAt(j - 1 - backslashes) === 0x5c && j - 1 - backslashes >= from) backslashes++;
    if (backslashes % 2 === 0) return j;
    j++;
  }
}

/**
 * True when objects and arrays nest in a JSON text more than `limit` levels deep (its root being
 * one). Nesting that deep needs more than `limit` opening brackets, so an ordinary event is cleared
 * by counting them with a few native searches; only a text with more is scanned, strings passed over.
 */
export function nestedDeeperThan(text: string, limit: number): boolean {
  let brackets = 0;
  for (let at = text.indexOf('{'); at >= 0; at = text.indexOf('{', at + 1)) if (++brackets > limit) return scanDeeperThan(text, limit);
  for (let at = text.indexOf('['); at >= 0; at = text.indexOf('[', at + 1)) if (++brackets > limit) return scanDeeperThan(text, limit);
  return false;
}

function scanDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) i = stringClose(text, i + 1);
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
    if (i < 0) return false;
  }
  return false;
}

/** An open object or array no deeper than the limit, with the spans of its members. */
interface Frame {
  array: boolean;
  start: number;
  /** Whether something inside it lies deeper than the limit: then it is built from its members. */
  deep: boolean;
  /** Where the member being read starts (after `[`, `,` or `:`), and its key in an object. */
  memberStart: number;
  key: string | undefined;
  /** The value built for the member just closed, when it was itself deep; `omit` when it lies past the limit. */
  built: { value: unknown } | 'omit' | undefined;
  /** Members read so far, and the kept ones' spans (parsed only when the frame turns out deep). */
  count: number;
  members: { key: string | undefined; start: number; end: number; built: { value: unknown } | undefined }[];
}

const fail = (message: string, at: number): never => {
  throw new SyntaxError(`${message} at position ${at}`);
};

/** The JSON value of `text` from `start` to `end`; a fault in it is told at its position in `text`, not in the piece. */
function parseSpan(text: string, start: number, end: number): unknown {
  const span = text.slice(start, end);
  try {
    return JSON.parse(span) as unknown;
  } catch (error) {
    const { message, at } = jsonFault(error, span);
    if (at === undefined) throw new SyntaxError(message, { cause: error });
    // The piece ending too soon is no end of the text: said as what it is.
    throw new SyntaxError(`${at === span.length ? 'incomplete value' : message} at position ${start + at}`, { cause: error });
  }
}

/**
 * A JSON text's value as far as `limit` levels down: every object or array that would lie deeper is
 * left out (a key, or an element, so later elements move up), so the value nests at most `limit`
 * levels and any walk over it is safe. One linear pass; what lies within the limit is parsed by
 * JSON.parse piece by piece, what lies deeper is checked only for matching brackets and closed
 * strings, never built, so even millions of levels cost no more memory than their text. `depth`
 * gives the deepest level seen. Throws a SyntaxError on a text that is not JSON.
 */
export function shallowJson(text: string, limit: number): { value: unknown; depth: number } {
  const frames: Frame[] = [];
  /** Bracket kinds of every open level (1 = array), grown as needed. */
  let kinds = new Uint8Array(64);
  let depth = 0;
  let deepest = 0;
  let root: { value: unknown } | undefined;
  let rootStart = -1;
  let rootEnd = -1;
  const endMember = (frame: Frame, end: number, closing: boolean): void => {
    const built = frame.built;
    frame.built = undefined;
    const span = text.slice(frame.memberStart, end).trim();
    if (span === '') {
      if (!closing || frame.key !== undefined || frame.count > 0) fail('expected a value', end);
      return;
    }
    if (!frame.array && frame.key === undefined) fail('expected ":"', end);
    frame.count++;
    if (built === 'omit') return;
    frame.members.push({ key: frame.key, start: frame.memberStart, end, built });
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const close = stringClose(text, i + 1);
      if (close < 0) fail('unterminated string', i);
      i = close;
    } else if (c === 0x7b || c === 0x5b) {
      if (depth === 0) rootStart = i;
      if (depth === kinds.length) {
        const grown = new Uint8Array(kinds.length * 2);
        grown.set(kinds);
        kinds = grown;
      }
      kinds[depth++] = c === 0x5b ? 1 : 0;
      deepest = Math.max(deepest, depth);
      if (depth <= limit) frames.push({ array: c === 0x5b, start: i, deep: false, memberStart: i + 1, key: undefined, built: undefined, count: 0, members: [] });
      else if (depth === limit + 1) {
        for (let f = frames.length - 1; f >= 0 && !frames[f]!.deep; f--) frames[f]!.deep = true;
        if (frames.length > 0) frames[frames.length - 1]!.built = 'omit';
      }
    } else if (c === 0x7d || c === 0x5d) {
      if (depth === 0 || kinds[depth - 1] !== (c === 0x5d ? 1 : 0)) fail(`unexpected "${text[i]}"`, i);
      if (depth-- <= limit) {
        const frame = frames.pop()!;
        endMember(frame, i, true);
        let value: { value: unknown } | undefined;
        if (frame.deep) {
          const values = frame.members.map((member) => (member.built ? member.built.value : parseSpan(text, member.start, member.end)));
          if (frame.array) value = { value: values };
          else {
            const object: Record<string, unknown> = {};
            frame.members.forEach(({ key }, m) => Object.defineProperty(object, key!, { value: values[m], enumerable: true, writable: true, configurable: true }));
            value = { value: object };
          }
        }
        const parent = frames.at(-1);
        if (parent) parent.built = value;
        else {
          // A root with nothing deep in it is the whole of a shallow text: JSON.parse checks all of it.
          if (value === undefined) return { value: JSON.parse(text), depth: deepest };
          root = value;
          rootEnd = i;
        }
      }
    } else if (depth > 0 && depth <= limit) {
      const frame = frames[depth - 1]!;
      if (c === 0x3a && !frame.array) {
        if (frame.key !== undefined) fail('unexpected ":"', i);
        frame.key = parseSpan(text, frame.memberStart, i) as string;
        frame.memberStart = i + 1;
      } else if (c === 0x2c) {
        if (!frame.array && frame.key === undefined) fail('expected a key', i);
        endMember(frame, i, false);
        frame.key = undefined;
        frame.memberStart = i + 1;
      }
    }
  }
  if (depth > 0) fail('unexpected end of text', text.length);
  if (root === undefined) return { value: JSON.parse(text), depth: 0 };
  if (text.slice(0, rootStart).trim() !== '' || text.slice(rootEnd + 1).trim() !== '') fail('unexpected text around the value', rootStart);
  return { value: root.value, depth: deepest };
}

/**
 * An event's text parsed as far as JSON_TREE_DEPTH levels down (see shallowJson): what any walk
 * over an event may safely read. Throws a SyntaxError on a text that is not JSON.
 */
export function boundedParse(text: string): unknown {
  return nestedDeeperThan(text, JSON_TREE_DEPTH) ? shallowJson(text, JSON_TREE_DEPTH).value : (JSON.parse(text) as unknown);
}

/** An event's text parsed as far as it can be walked (see boundedParse); undefined when it is not JSON. */
export function boundedParseOrUndefined(text: string): unknown {
  try {
    return boundedParse(text);
  } catch {
    return undefined;
  }
}
