import { hash } from 'node:crypto';
import type { BatchIdentities, KnownEvents } from '../../shared/ipc';

/** Where an event was first seen: its file (job index; negative for an earlier import's file) and position in that file. */
export interface FirstSeen {
  file: number;
  index: number;
}


export type DedupVerdict = { kind: 'new' } | { kind: 'duplicate' } | { kind: 'conflict'; first: FirstSeen };

const EMPTY = -1;
const NEW: DedupVerdict = { kind: 'new' };
const DUPLICATE: DedupVerdict = { kind: 'duplicate' };

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

/**
 * The identities of a batch of events, worked out where they are parsed so that the thread
 * deciding duplicates only looks them up: per event, the key of its eventID (of its text when it
 * has none: then only exact copies match) and 64 bits of the SHA-256 of its text.
 */
export class EventIdentities {
  readonly keys: Float64Array<ArrayBuffer>;
  readonly digests: Uint32Array<ArrayBuffer>;
  /** Each event's eventID ('' when it has none), named in conflict reports. */
  readonly ids: string[] = [];

  constructor(capacity: number) {
    this.keys = new Float64Array(capacity);
    this.digests = new Uint32Array(capacity * 2);
  }

  add(eventId: string | undefined, text: string): void {
    const at = this.ids.length;
    // Hex output measured faster here than a Buffer's (no allocation per event).
    const digest = hash('sha256', text, 'hex');
    this.keys[at] = idKey(eventId ?? `\u0000${text}`);
    this.digests[2 * at] = parseInt(digest.slice(0, 8), 16);
    this.digests[2 * at + 1] = parseInt(digest.slice(8, 16), 16);
    this.ids.push(eventId ?? '');
  }
}

/**
 * Remembers every eventID of a job (and of the case it adds to) in a compact open-addressing table (about 24 bytes per
 * event): the same eventID with the same content is a duplicate, with different content a
 * conflict (both kept). Content is compared by 64 bits of SHA-256, so a forged twin cannot
 * pass as a duplicate.
 */
export class Deduplicator {
  private keys = new Float64Array(1024).fill(EMPTY);
  private content = new Uint32Array(2048);
  private files = new Int32Array(1024);
  private indexes = new Uint32Array(1024);
  private size = 0;

  /** Remembers events stored before this job, so that they too are found as duplicates or conflicts. */
  seed(known: KnownEvents): void {
    for (let at = 0; at < known.keys.length; at++) this.check(known, at, known.files[at]!, known.indexes[at]!);
  }

  /** The verdict on the `at`-th event of a batch whose identities are given; it is then remembered. */
  check(identities: BatchIdentities, at: number, file: number, index: number): DedupVerdict {
    const key = identities.keys[at]!;
    const hi = identities.digests[2 * at]!;
    const lo = identities.digests[2 * at + 1]!;
    const mask = this.keys.length - 1;
    let slot = key % this.keys.length;
    for (;;) {
      const existing = this.keys[slot]!;
      if (existing === EMPTY) break;
      if (existing === key) {
        if (this.content[2 * slot] === hi && this.content[2 * slot + 1] === lo) return DUPLICATE;
        return { kind: 'conflict', first: { file: this.files[slot]!, index: this.indexes[slot]! } };
      }
      slot = (slot + 1) & mask;
    }
    this.keys[slot] = key;
    this.content[2 * slot] = hi;
    this.content[2 * slot + 1] = lo;
    this.files[slot] = file;
    this.indexes[slot] = index;
    if (++this.size * 4 > this.keys.length * 3) this.grow();
    return NEW;
  }

  private grow(): void {
    const { keys, content, files, indexes } = this;
    const capacity = keys.length * 2;
    this.keys = new Float64Array(capacity).fill(EMPTY);
    this.content = new Uint32Array(capacity * 2);
    this.files = new Int32Array(capacity);
    this.indexes = new Uint32Array(capacity);
    const mask = capacity - 1;
    for (let old = 0; old < keys.length; old++) {
      const key = keys[old]!;
      if (key === EMPTY) continue;
      let slot = key % capacity;
      while (this.keys[slot] !== EMPTY) slot = (slot + 1) & mask;
      this.keys[slot] = key;
      this.content[2 * slot] = content[2 * old]!;
      this.content[2 * slot + 1] = content[2 * old + 1]!;
      this.files[slot] = files[old]!;
      this.indexes[slot] = indexes[old]!;
    }
  }
}
