import type { EvidenceFile } from './event';

/**
 * Characters that act on a terminal or reorder the text around them rather than show: C0 and C1
 * controls, DEL, and Unicode's bidirectional formatting characters (which can make a name read
 * as another: `evil\u202Egpj.json`); and the invisible ones that make two names look the same
 * (`admin\u200B` beside `admin`): soft hyphen, zero-width space, word joiner, invisible operators,
 * zero-width no-break space. Zero-width (non-)joiners stay: scripts and emoji need them.
 */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

const escaped = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Text from the evidence (names, excerpts in messages) as it is safe to show: each such character written as its \uXXXX escape. */
export const printable = (text: string): string => text.replace(HIDDEN, escaped);

/** Whitespace at either end of a text: space, tab, no-break space and Unicode's other spaces and line breaks. */
const ENDS = /^\s+|\s+$/g;

/**
 * One value from the evidence (an address, a name, a cell) as it is safe to show (see printable),
 * with the whitespace at its ends escaped too: a page shows ` 203.0.113.9` and `203.0.113.9` alike,
 * yet they are different values. Spaces inside stay (`aws-cli/2.15 Python/3.11`); for values only,
 * never whole sentences, whose own spaces around a value would be escaped with it.
 */
export const printableValue = (text: string): string => printable(text).replace(ENDS, (run) => [...run].map(escaped).join(''));

/**
 * JSON text as it is safe to show, and still the same JSON: inside a string `\u202e` means the
 * character itself, and outside strings JSON allows only whitespace, whose tab, line feed and
 * carriage return are kept so that the text keeps its lines.
 */
export const printableJson = (text: string): string => text.replace(HIDDEN, (c) => (c === '\t' || c === '\n' || c === '\r' ? c : escaped(c)));

/**
 * What names a file whose record never came (an import cancelled or stopped while it was read)
 * and that no batch named: only its events tell of it. Imports now name such a file (see the
 * batch's `inProgress`); cases stored before keep these.
 */
export const UNNAMED_FILE = "(unnamed: the import ended before this file's record came)";

/** A file as people read its name: the archives it sits in, outermost first, then its own name, each a printableValue. */
export const fileName = (file: Pick<EvidenceFile, 'container' | 'path'>): string =>
  file.path === '' ? UNNAMED_FILE : [...file.container, file.path].map(printableValue).join(' › ');

/**
 * A file's name as fileName shows it, cut where its own name begins: `place` is its archives and
 * folders, `name` the rest. The cut is found in the path, not in the shown text, whose escapes'
 * backslashes (`x.json\u0020`) are no Windows folder separators.
 */
export function fileNameParts(file: Pick<EvidenceFile, 'container' | 'path'>): { place: string; name: string } {
  const shown = fileName(file);
  if (file.path === '') return { place: '', name: shown };
  const folder = file.path.slice(0, Math.max(file.path.lastIndexOf('/'), file.path.lastIndexOf('\\')) + 1);
  const place = [...file.container, folder].map(printableValue).join(' › ');
  return { place, name: shown.slice(place.length) };
}

/**
 * Why a file has no SHA-256, said where its hash would be: a hash of part of a file would mislead,
 * so a file not read to its end (an import cancelled or stopped while it was read, an archive entry
 * not followed) has none; a file none of which was read (EvidenceFile.unread) has none either, and
 * says so rather than suggest part of it was; of an unnamed file (see UNNAMED_FILE) only its events
 * are known.
 */
export const missingHash = (file: Pick<EvidenceFile, 'path' | 'unread'>): string =>
  file.path === '' ? "not known: this file's record never came" : file.unread ? 'not hashed: not read' : 'not hashed: not read to its end';

