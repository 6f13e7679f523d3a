import Fuse from 'fuse.js';
import { DICTIONARY_FIELDS, type DictionaryField } from '../../shared/event';
import { printableValue } from '../../shared/printable';

/** A value of a field of the case, and how many events hold it there. */
export interface ValueCount {
  field: DictionaryField;
  value: string;
  count: number;
}

/** The best values found for a text, best first, and how many values matched it in all. */
export interface FoundValues {
  values: ValueCount[];
  matching: number;
}

/** How a value matches the text typed, best first: the whole value, its start, a part of it (case aside), or fuzzily, as fuse.js scores it. */
const MATCH = { exact: 0, prefix: 1, part: 2, fuzzy: 3 } as const;

/** A value found, how it matched (MATCH) and, for a fuzzy match, fuse.js's score (0 best). */
interface Hit {
  entry: ValueCount;
  match: number;
  score: number;
}

/**
 * Whether `a` is a better suggestion than `b`: by how it matched (exact, then prefix, then a part,
 * then fuzzy, by score), ties by more events, then by the field's place in DICTIONARY_FIELDS and the value.
 */
function compareHits(a: Hit, b: Hit): number {
  return a.match - b.match || a.score - b.score || b.entry.count - a.entry.count || DICTIONARY_FIELDS.indexOf(a.entry.field) - DICTIONARY_FIELDS.indexOf(b.entry.field) || (a.entry.value < b.entry.value ? -1 : a.entry.value > b.entry.value ? 1 : 0);
}

/** The `limit` best hits offered (compareHits), best first, kept as they come: a short text can match most of a case's values. */
class BestHits {
  readonly hits: Hit[] = [];
  constructor(private readonly limit: number) {}

  offer(hit: Hit): void {
    const { hits, limit } = this;
    if (limit === 0 || (hits.length === limit && compareHits(hit, hits[limit - 1]!) >= 0)) return;
    let at = hits.length;
    while (at > 0 && compareHits(hit, hits[at - 1]!) < 0) at--;
    hits.splice(at, 0, hit);
    if (hits.length > limit) hits.pop();
  }
}

/**
 * How many characters of values fuse.js scores for one text, at most: fuzzy matching costs a few
 * microseconds a value, more for a long one (measured: 300k actors and addresses took 0.6 to 1.2 s a
 * search), while a case can hold 100k+ actors or addresses. Fields are matched fuzzily smallest
 * first while their values fit in it (event names, services, regions, error codes… always do);
 * every value is matched by its parts.
 */
export const FUZZY_CHARACTERS = 250_000;

/** Texts longer than fuse.js's one-pass pattern (32 characters) are pasted rather than misremembered: they are matched by their parts only. */
const FUZZY_LONGEST = 32;

/** Shorter texts allow fuse.js no mistake at its threshold (0.3 of the text's letters): their fuzzy matches are their parts, found already. */
const FUZZY_SHORTEST = 4;

/** Between two values in the text searched for parts: no text typed holds it. */
const SEPARATOR = '\u0000';

/**
 * The values of a case, searched for a text an investigator types: every value whose whole, start
 * or a part is the text (case aside), and, fuzzily (fuse.js: a typo, a letter left out, `stoplogin`),
 * those of the fields that fit in FUZZY_CHARACTERS. Values are searched as the page shows them
 * (printableValue), so that one copied from a cell, `\u0020203.0.113.9`, finds that value alone.
 * Empty values and values no event holds are left out.
 */
export class ValueFinder {
  private readonly entries: ValueCount[];
  /** Every value as shown, lowercased, one after another with SEPARATOR between: one native search finds a text's every place (300k values: a few ms). */
  private readonly joined: string;
  /** Where each value starts in `joined`. */
  private readonly starts: Uint32Array;
  /** The values matched fuzzily, as indexes into `entries`. */
  private readonly fuzzy: Fuse<number>;

  constructor(entries: readonly ValueCount[]) {
    this.entries = entries.filter(({ value, count }) => value !== '' && count > 0);
    const shown = this.entries.map(({ value }) => printableValue(value));
    const lowered = shown.map((value) => value.toLowerCase());
    this.joined = lowered.join(SEPARATOR);
    this.starts = new Uint32Array(lowered.length);
    for (let k = 1; k < lowered.length; k++) this.starts[k] = this.starts[k - 1]! + lowered[k - 1]!.length + 1;
    const sizes = new Map<DictionaryField, number>();
    for (const { field, value } of this.entries) sizes.set(field, (sizes.get(field) ?? 0) + value.length);
    const fuzzyFields = new Set<DictionaryField>();
    let taken = 0;
    for (const [field, size] of [...sizes].sort((a, b) => a[1] - b[1])) {
      if (taken + size > FUZZY_CHARACTERS) break;
      taken += size;
      fuzzyFields.add(field);
    }
    const fuzzyEntries = this.entries.flatMap(({ field }, k) => (fuzzyFields.has(field) ? [k] : []));
    this.fuzzy = new Fuse(fuzzyEntries, { getFn: (k) => shown[k]!, keys: ['value'], includeScore: true, ignoreLocation: true, ignoreFieldNorm: true, shouldSort: false, threshold: 0.3 });
  }

  /** The `limit` best values for `text` (its ends' whitespace aside), best first (see compareHits); none for a blank text. */
  find(text: string, limit: number): FoundValues {
    const typed = text.trim().toLowerCase();
    if (typed === '' || typed.includes(SEPARATOR)) return { values: [], matching: 0 };
    const best = new BestHits(limit);
    let matching = 0;
    const byParts = new Uint8Array(this.entries.length);
    // Places come in order: the value holding each is walked to from the one before.
    let k = 0;
    for (let at = this.joined.indexOf(typed); at >= 0; ) {
      while (k + 1 < this.starts.length && this.starts[k + 1]! <= at) k++;
      const next = k + 1 < this.starts.length ? this.starts[k + 1]! : this.joined.length + 1;
      byParts[k] = 1;
      matching++;
      best.offer({ entry: this.entries[k]!, match: at > this.starts[k]! ? MATCH.part : at + typed.length === next - 1 ? MATCH.exact : MATCH.prefix, score: 0 });
      // The value's first place decides how it matched: the search goes on from the next value.
      at = next < this.joined.length ? this.joined.indexOf(typed, next) : -1;
    }
    if (typed.length >= FUZZY_SHORTEST && typed.length <= FUZZY_LONGEST) {
      for (const { item: k, score } of this.fuzzy.search(typed)) {
        if (byParts[k]) continue;
        matching++;
        best.offer({ entry: this.entries[k]!, match: MATCH.fuzzy, score: score ?? 1 });
      }
    }
    return { values: best.hits.map(({ entry }) => entry), matching };
  }
}
