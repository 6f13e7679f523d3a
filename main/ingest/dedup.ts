import { hash } from 'node:crypto';
import { PARTIAL_KEY, type BatchIdentities, type KnownEvents } from '../../shared/ipc';
import { lastAtMost } from '../../shared/sortedSearch';
import { keyHash } from './keyHash';
import { SpilledEntries } from './spilledEntries';

/** Where an event was first seen: its file (job index; negative for an earlier import's file) and position in that file. */
export interface FirstSeen {
  file: number;
  index: number;
}

/**
 * `copies`: where the events of the other kind with this eventID it is linked to were seen, when
 * there are any (see PARTIAL_KEY): for a partial row, the earliest full event; for the first full
 * event of its eventID, every partial row read before it, in the order read, so that each row is
 * linked to the first full event whichever came first; for a later full event (a conflict's), the
 * earliest partial row. `firstRow`: for a partial row of an eventID held so far only as other
 * partial rows (two exports of one call), the earliest of them, which stands for the call until a
 * full event of it comes (it then takes every row, as above).
 */
export type DedupVerdict = { kind: 'new'; copies?: FirstSeen[]; firstRow?: FirstSeen } | { kind: 'duplicate' } | { kind: 'conflict'; first: FirstSeen; copies?: FirstSeen[] };

const NEW: DedupVerdict = { kind: 'new' };
const DUPLICATE: DedupVerdict = { kind: 'duplicate' };

/** The top bit of a digest's first word, which the deduplicator sets on a partial row's (its other 63 bits suffice). */
const PARTIAL_DIGEST = 0x80000000;
/**
 * Whether two digests' first words agree but for that bit: the same text, whatever kind it was
 * taken for (a row stored by an import made before rows were told apart was taken for an event).
 */
const sameContent = (a: number, b: number): boolean => ((a ^ b) & ~PARTIAL_DIGEST) === 0;

/**
 * A 52-bit FNV-1a hash of an eventID, as an exact double: the table's key. A collision can only
 * make two events compare their content hashes, so at worst it reports a false conflict; it can
 * never hide an event.
 */
function idKey(eventId: string): number {
  let lo = 0x811c9dc5;
  let hi = 0x050c5d1f;
  for (let i = 0; i < eventId.length; i++) {
    const c = eventId.charCodeAt(i);
    lo = Math.imul(lo ^ c, 0x01000193);
    hi = Math.imul(hi ^ c ^ (lo >>> 24), 0x01000193);
  }
  return (hi >>> 12) * 2 ** 32 + (lo >>> 0);
}

/** The earlier of two places (by file, then index); `place` when there is no other. */
const earlier = (other: FirstSeen | undefined, place: FirstSeen): FirstSeen =>
  !other || place.file < other.file || (place.file === other.file && place.index < other.index) ? place : other;

/** Places in the order read (by file, then index). */
const byPlace = (a: FirstSeen, b: FirstSeen): number => a.file - b.file || a.index - b.index;

/** Four bytes, big-endian, of a binary string (one byte per character) from `at`, as an unsigned 32-bit word. */
const wordAt = (bytes: string, at: number): number =>
  ((bytes.charCodeAt(at) << 24) | (bytes.charCodeAt(at + 1) << 16) | (bytes.charCodeAt(at + 2) << 8) | bytes.charCodeAt(at + 3)) >>> 0;

/**
 * The identities of a batch of events, worked out where they are parsed so that the thread
 * deciding duplicates only looks them up: per event, the key of its eventID (of its text when it
 * has none: then only exact copies match), 64 bits of the SHA-256 of the text its content is
 * compared by (readDocument's `comparedText`: its text, or its compact form), and its place
 * (file, local to the file on disk, and index in that file). Plain data: it crosses threads.
 */
export interface ParsedIdentities extends BatchIdentities {
  files: Uint32Array<ArrayBuffer>;
  indexes: Uint32Array<ArrayBuffer>;
  /** Each event's eventID ('' when it has none), named in conflict reports; one per event. */
  ids: string[];
}

/** The memory of parsed identities (one buffer holds all four arrays), to transfer rather than copy when posting them. */
export const identityBuffers = ({ keys }: ParsedIdentities): ArrayBuffer[] => [keys.buffer];

/**
 * Room an EventIdentities starts with: a whole file of a quiet account's trail (tens of events). An
 * allocation costs more than the room: with 16, a scan of 25,000 files of 40 events spent 16 µs a
 * file allocating and growing arrays.
 */
const FIRST_CAPACITY = 64;

/** Bytes per event: its key (8), digest (8), file (4) and index (4), each array in turn in one buffer. */
const BYTES_PER_EVENT = 24;

/**
 * Fills the identities of up to `capacity` events, as they are parsed. Its four arrays share one
 * buffer (one allocation, one transfer), which starts small and doubles as events come (a file on
 * disk gets one per batch, and most files hold few events).
 */
export class EventIdentities implements ParsedIdentities {
  keys!: Float64Array<ArrayBuffer>;
  digests!: Uint32Array<ArrayBuffer>;
  files!: Uint32Array<ArrayBuffer>;
  indexes!: Uint32Array<ArrayBuffer>;
  readonly ids: string[] = [];

  constructor(private readonly capacity: number) {
    this.allocate(Math.min(capacity, FIRST_CAPACITY));
  }

  /** `partial`: the event is a partial row (see PARTIAL_KEY), compared by its `text`. */
  add(eventId: string | undefined, text: string, file: number, index: number, partial = false): void {
    const at = this.ids.length;
    if (at === this.keys.length) this.grow();
    // The digest's bytes as the characters of a 'binary' (Latin-1) string: no Buffer to allocate, no hex to
    // parse (1.00 µs per 766-character event, against 1.29 µs from hex and 1.83 µs from a Buffer).
    const digest = hash('sha256', text, 'binary');
    this.keys[at] = idKey(eventId ?? `\u0000${text}`) + (partial ? PARTIAL_KEY : 0);
    this.digests[2 * at] = wordAt(digest, 0);
    this.digests[2 * at + 1] = wordAt(digest, 4);
    this.files[at] = file;
    this.indexes[at] = index;
    this.ids.push(eventId ?? '');
  }

  private allocate(room: number): void {
    const buffer = new ArrayBuffer(room * BYTES_PER_EVENT);
    this.keys = new Float64Array(buffer, 0, room);
    this.digests = new Uint32Array(buffer, 8 * room, 2 * room);
    this.files = new Uint32Array(buffer, 16 * room, room);
    this.indexes = new Uint32Array(buffer, 20 * room, room);
  }

  private grow(): void {
    const room = this.keys.length;
    if (room >= this.capacity) throw new RangeError(`identities hold at most ${this.capacity} events`);
    const { keys, digests, files, indexes } = this;
    this.allocate(Math.min(this.capacity, 2 * room));
    this.keys.set(keys);
    this.digests.set(digests);
    this.files.set(files);
    this.indexes.set(indexes);
  }
}

/** Entries per chunk of the entry store: it grows a chunk at a time, never copying what it holds. */
const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;

/** One chunk of entries: the eventID key's low 48 bits (32 + 16) and 64 bits of the content's SHA-256: 14 bytes. */
interface Chunk {
  keyLow: Uint32Array;
  keyMid: Uint16Array;
  digests: Uint32Array;
}

/** The index is split in parts, each growing on its own: a growth step copies 1/256 of it, never all at once. */
const PART_BITS = 8;
/** Slots a part starts with: 1 MB for the whole index, which a job of 200k events would otherwise grow to in 6 steps. */
const FIRST_PART_SLOTS = 1024;
/** A slot holds an entry number + 1 in its low 28 bits and the key's top 4 bits above them (0 is empty). */
const ENTRY_BITS = 28;
const ENTRY_MASK = 2 ** ENTRY_BITS - 1;
const MAX_ENTRIES = ENTRY_MASK - 1;

/** Events remembered in memory (about 20 bytes each) before they are written to disk: about 40 MB. */
export const MEMORY_ENTRIES = 2 ** 21;

/** A key's hash: its top bits pick the index part, its low bits the slot. */
const home = (low: number, high: number): number => keyHash(low, high);

/**
 * Where each remembered event was first seen, by entry number, kept as runs: entries that follow
 * each other in one file at consecutive indexes (nearly all of them) share one run.
 */
class PlaceRuns {
  private entries = new Uint32Array(64);
  private files = new Int32Array(64);
  private indexes = new Uint32Array(64);
  private count = 0;
  private nextEntry = 0;

  add(file: number, index: number): void {
    const last = this.count - 1;
    const continues = last >= 0 && this.files[last] === file && this.indexes[last]! + (this.nextEntry - this.entries[last]!) === index;
    if (!continues) {
      if (this.count === this.entries.length) this.grow();
      this.entries[this.count] = this.nextEntry;
      this.files[this.count] = file;
      this.indexes[this.count] = index;
      this.count++;
    }
    this.nextEntry++;
  }

  at(entry: number): FirstSeen {
    const run = lastAtMost(this.entries.subarray(0, this.count), entry);
    return { file: this.files[run]!, index: this.indexes[run]! + (entry - this.entries[run]!) };
  }

  get bytes(): number {
    return this.entries.byteLength * 3;
  }

  private grow(): void {
    const size = this.entries.length * 2;
    const [entries, files, indexes] = [new Uint32Array(size), new Int32Array(size), new Uint32Array(size)];
    entries.set(this.entries);
    files.set(this.files);
    indexes.set(this.indexes);
    [this.entries, this.files, this.indexes] = [entries, files, indexes];
  }
}

/**
 * Remembers every eventID of a job (and of the case it adds to) with each content it came with:
 * the same eventID with a content seen before is a duplicate, with a new content a conflict with
 * the first event of that eventID (and its content is remembered too, so that a copy of either
 * side is a duplicate).
 * Content is compared by 64 bits of SHA-256, so a forged twin cannot pass as a duplicate.
 *
 * In memory, each event becomes an entry, numbered in arrival order and kept in chunks that never
 * move: the low 48 bits of its eventID's 52-bit key and its content digest (14 bytes). An
 * open-addressing index of entry numbers (4 bytes a slot, which also hold the key's top 4 bits, so
 * most probes never read an entry) finds them; where each was first seen is kept as runs
 * (PlaceRuns). Every bit of the key is compared: 48 bits were tried, and among 10M generated
 * eventIDs two shared them. Once `memoryEntries` are held, they are written to disk
 * (SpilledEntries, whose memory has a fixed budget) and memory is emptied to be filled again, so memory stays
 * flat whatever the job's size.
 */
export class Deduplicator {
  private parts = Array.from({ length: 2 ** PART_BITS }, () => new Uint32Array(FIRST_PART_SLOTS));
  private readonly partSizes = new Uint32Array(2 ** PART_BITS);
  private chunks: Chunk[] = [];
  private places = new PlaceRuns();
  private size = 0;
  private readonly spilled = new SpilledEntries();
  private spillCount = 0;

  constructor(private readonly memoryEntries = MEMORY_ENTRIES) {
    if (!(memoryEntries >= 1 && memoryEntries <= MAX_ENTRIES)) throw new RangeError(`memoryEntries must be from 1 to ${MAX_ENTRIES}`);
  }

  /** Remembers events stored before this job, so that they too are found as duplicates or conflicts. */
  seed(known: KnownEvents): void {
    for (let at = 0; at < known.keys.length; at++) this.check(known, at, known.files[at]!, known.indexes[at]!);
  }

  /** Bytes held in memory: index, entries, places, and what finds the entries on disk. */
  get bytes(): number {
    return this.parts.reduce((sum, part) => sum + part.byteLength, 0) + this.chunks.length * CHUNK * 14 + this.places.bytes + this.spilled.bytes;
  }

  /** How many times entries were written to disk. */
  get spills(): number {
    return this.spillCount;
  }

  /** How many files on disk hold them (runs of equal size are merged). */
  get runs(): number {
    return this.spilled.runCount;
  }

  /** Deletes the entries written to disk. */
  close(): void {
    this.spilled.close();
  }

  /**
   * The verdict on the `at`-th event of a batch whose identities are given; it is then remembered.
   * A partial row is remembered with the top bit of its digest set (whatever it was), a full event
   * with it clear; contents are compared without it, so digests stored by earlier imports still match.
   */
  check(identities: BatchIdentities, at: number, file: number, index: number): DedupVerdict {
    if (this.size === this.memoryEntries) this.spill();
    const marked = identities.keys[at]!;
    const partial = marked >= PARTIAL_KEY;
    const key = partial ? marked - PARTIAL_KEY : marked;
    const low = key >>> 0;
    const high = Math.floor(key / 2 ** 32);
    const mid = high & 0xffff;
    const top = high >>> 16;
    const hi = ((identities.digests[2 * at]! & ~PARTIAL_DIGEST) | (partial ? PARTIAL_DIGEST : 0)) >>> 0;
    const lo = identities.digests[2 * at + 1]!;
    const hash = home(low, high);
    const partIndex = hash >>> (32 - PART_BITS);
    const part = this.parts[partIndex]!;
    const mask = part.length - 1;
    let slot = hash & mask;
    // The earliest of the events held with this eventID and other content of the same kind (both
    // full): a conflict's first; and every one of the other kind, in the order read: the copies.
    let first = -1;
    let copies: number[] | undefined;
    // For a partial row, the earliest other row of its eventID.
    let firstRow = -1;
    for (;;) {
      const stored = part[slot]!;
      if (stored === 0) break;
      if (stored >>> ENTRY_BITS === top) {
        const entry = (stored & ENTRY_MASK) - 1;
        const chunk = this.chunks[entry >>> CHUNK_BITS]!;
        const at = entry & (CHUNK - 1);
        if (chunk.keyLow[at] === low && chunk.keyMid[at] === mid) {
          const storedHi = chunk.digests[2 * at]!;
          if (sameContent(storedHi, hi) && chunk.digests[2 * at + 1] === lo) return DUPLICATE;
          if (storedHi >= PARTIAL_DIGEST !== partial) (copies ??= []).push(entry);
          else if (!partial && (first < 0 || entry < first)) first = entry;
          else if (partial && (firstRow < 0 || entry < firstRow)) firstRow = entry;
        }
      }
      slot = (slot + 1) & mask;
    }
    // Nearly every event: an eventID not seen before, nothing on disk to look through.
    const verdict = first < 0 && firstRow < 0 && !copies && this.spilled.runCount === 0 ? NEW : this.verdictOf(low, high, hi, lo, partial, first, copies ?? [], firstRow);
    if (verdict === DUPLICATE) return verdict;
    const entry = this.size++;
    if (entry >>> CHUNK_BITS === this.chunks.length) this.chunks.push({ keyLow: new Uint32Array(CHUNK), keyMid: new Uint16Array(CHUNK), digests: new Uint32Array(2 * CHUNK) });
    const chunk = this.chunks[entry >>> CHUNK_BITS]!;
    const within = entry & (CHUNK - 1);
    chunk.keyLow[within] = low;
    chunk.keyMid[within] = mid;
    chunk.digests[2 * within] = hi;
    chunk.digests[2 * within + 1] = lo;
    this.places.add(file, index);
    part[slot] = ((top << ENTRY_BITS) | (entry + 1)) >>> 0;
    if (++this.partSizes[partIndex]! * 4 > part.length * 3) this.grow(partIndex);
    return verdict;
  }

  /**
   * The verdict on an event (see check) given what memory holds of its eventID: the earliest of
   * the other contents of its kind (`first`, `firstRow`: entry numbers, -1 for none) and every entry
   * of the other kind (`copies`), looking on disk too.
   */
  private verdictOf(low: number, high: number, hi: number, lo: number, partial: boolean, first: number, copies: number[], firstRow: number): DedupVerdict {
    // Every event on disk came before those in memory.
    let firstSpilled: FirstSeen | undefined;
    let firstRowSpilled: FirstSeen | undefined;
    const copiesSpilled: FirstSeen[] = [];
    if (this.spilled.runCount > 0) for (const record of this.spilled.records(low, high)) {
      if (sameContent(record[2]!, hi) && record[3] === lo) return DUPLICATE;
      const place = { file: record[4]! | 0, index: record[5]! };
      if (record[2]! >= PARTIAL_DIGEST !== partial) copiesSpilled.push(place);
      else if (!partial) firstSpilled = earlier(firstSpilled, place);
      else firstRowSpilled = earlier(firstRowSpilled, place);
    }
    const copyPlaces = [...copiesSpilled.sort(byPlace), ...copies.sort((a, b) => a - b).map((entry) => this.places.at(entry))];
    const firstPlace = firstSpilled ?? (first >= 0 ? this.places.at(first) : undefined);
    // Only the first full event takes every row; a row, or a later full event, the earliest of the other kind.
    const linked = partial || firstPlace ? copyPlaces.slice(0, 1) : copyPlaces;
    const firstRowPlace = firstRowSpilled ?? (firstRow >= 0 ? this.places.at(firstRow) : undefined);
    return (
      firstPlace ? (linked.length > 0 ? { kind: 'conflict', first: firstPlace, copies: linked } : { kind: 'conflict', first: firstPlace })
      : linked.length > 0 ? { kind: 'new', copies: linked }
      : firstRowPlace ? { kind: 'new', firstRow: firstRowPlace }
      : NEW
    );
  }

  /** Writes the entries in memory to disk as one run (see SpilledEntries), and empties memory. */
  private spill(): void {
    const chunkOf = (entry: number) => this.chunks[entry >>> CHUNK_BITS]!;
    // The top 4 bits of each key are in its index slot.
    const tops = new Uint8Array(this.size);
    for (const part of this.parts) for (const stored of part) if (stored !== 0) tops[(stored & ENTRY_MASK) - 1] = stored >>> ENTRY_BITS;
    const low = (entry: number) => chunkOf(entry).keyLow[entry & (CHUNK - 1)]!;
    const high = (entry: number) => (tops[entry]! << 16) | chunkOf(entry).keyMid[entry & (CHUNK - 1)]!;
    this.spilled.write(this.size, low, high, (entry, into, at) => {
      const { digests } = chunkOf(entry);
      const within = entry & (CHUNK - 1);
      const place = this.places.at(entry);
      into[at] = low(entry);
      into[at + 1] = high(entry);
      into[at + 2] = digests[2 * within]!;
      into[at + 3] = digests[2 * within + 1]!;
      into[at + 4] = place.file;
      into[at + 5] = place.index;
    });
    this.spillCount++;
    // Emptied, not dropped: memory fills to the same size again, and dropped arrays would be
    // held beside their successors until a full garbage collection.
    for (const part of this.parts) part.fill(0);
    this.partSizes.fill(0);
    this.places = new PlaceRuns();
    this.size = 0;
  }

  private grow(partIndex: number): void {
    const old = this.parts[partIndex]!;
    const part = new Uint32Array(old.length * 2);
    const mask = part.length - 1;
    for (const stored of old) {
      if (stored === 0) continue;
      const entry = (stored & ENTRY_MASK) - 1;
      const chunk = this.chunks[entry >>> CHUNK_BITS]!;
      const at = entry & (CHUNK - 1);
      let slot = home(chunk.keyLow[at]!, ((stored >>> ENTRY_BITS) << 16) | chunk.keyMid[at]!) & mask;
      while (part[slot] !== 0) slot = (slot + 1) & mask;
      part[slot] = stored;
    }
    this.parts[partIndex] = part;
  }
}
