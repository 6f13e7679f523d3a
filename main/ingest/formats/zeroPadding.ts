// Zero padding: runs of NUL characters (zero bytes) where a file should hold text, as a
// preallocated log file, or one cut short by a crash or an interrupted copy, holds. Readers pass
// over it wherever whitespace may be, and report it; no event is in it.

/** What zero padding is reported as: a warning, since the JSON around it is read. */
export const zeroPadding = (count: number): string => `zero padding: ${count} NUL ${count === 1 ? 'character' : 'characters'}, as a preallocated file or an interrupted write or copy leaves; passed over (no events in it)`;

/** A line's text between whitespace and NUL characters at either end, and how many NULs are before and after it. */
export function padded(text: string): { core: string; before: number; after: number } {
  if (!text.includes('\0')) return { core: text.trim(), before: 0, after: 0 };
  const lead = /^[\s\0]*/.exec(text)![0];
  const rest = text.slice(lead.length);
  const trail = /[\s\0]*$/.exec(rest)![0];
  return { core: rest.slice(0, rest.length - trail.length), before: nulsIn(lead), after: nulsIn(trail) };
}

const nulsIn = (text: string): number => text.length - text.replaceAll('\0', '').length;
