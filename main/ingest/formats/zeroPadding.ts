// Zero padding: runs of NUL characters (zero bytes) where a file should hold text, as a
// preallocated log file, or one cut short by a crash or an interrupted copy, holds. Readers pass
// over it wherever whitespace may be, and report it; no event is in it.

/**
 * What zero padding is reported as: a warning, since the JSON around it is read. Padding that is
 * all a file named as a tar archive holds (see emptyTarLike) is said to be most likely one with
 * no entries, which tar writes as zeros only: by content the two cannot be told apart.
 */
export const zeroPadding = (count: number, emptyTar = false): string =>
  `zero padding: ${count} NUL ${count === 1 ? 'character' : 'characters'}${emptyTar ? ': by its name most likely an empty tar archive (tar writes one with no entries as zeros only), else' : ', as'} a preallocated file or an interrupted write or copy leaves; passed over (no events in it)`;

/** Whether a file named `path` that holds `count` NULs and nothing else looks like an empty tar archive: named .tar, .tar.gz or .tgz, and whole 512-byte blocks, two at least. */
export const emptyTarLike = (path: string, count: number): boolean => count >= 1024 && count % 512 === 0 && /\.(?:tar|tar\.gz|tgz)$/i.test(path);

/** A line's text between whitespace and NUL characters at either end, and how many NULs are before and after it. */
export function padded(text: string): { core: string; before: number; after: number } {
  if (!text.includes('\0')) return { core: text.trim(), before: 0, after: 0 };
  const lead = /^[\s\0]*/.exec(text)![0];
  const rest = text.slice(lead.length);
  const trail = /[\s\0]*$/.exec(rest)![0];
  return { core: rest.slice(0, rest.length - trail.length), before: nulsIn(lead), after: nulsIn(trail) };
}

const nulsIn = (text: string): number => text.length - text.replaceAll('\0', '').length;
