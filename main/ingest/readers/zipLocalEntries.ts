import { open } from 'node:fs/promises';
import { createInflateRaw } from 'node:zlib';
import { ReadError, bareByte, type BytePlace } from './byteStreams';
import { inflateSlice } from './gunzip';
import { findLocalHeader } from './zipStart';
import type { ZipEntry, ZipEntryRecord } from './zipEntries';
import { zipEntryName } from './zipEntryName';
import { heldAt, type ZipSource } from './heldZip';

const LOCAL_HEADER = 0x04034b50;
const DESCRIPTOR = 0x08074b50;
/** Signatures that come after the entries: central directory header, zip64 end record and locator, end record, digital signature, archive extra data. */
const AFTER_ENTRIES = new Set([0x02014b50, 0x06064b50, 0x07064b50, 0x06054b50, 0x05054b50, 0x08064b50]);
const FIXED_HEADER = 30;
const FLAG = { ENCRYPTED: 1, DESCRIPTOR: 8 };
const STORED = 0;
const DEFLATED = 8;
const MAX_32 = 0xffffffff;
/** Bytes read at once; deflate data is fed in smaller slices, which bound what a bomb makes between checks. */
const CHUNK = 64 * 1024;
const SLICE = 16 * 1024;
/** Most output inflated (and thrown away) to find where an entry that was not read to its end ends. */
const SKIP_OUTPUT_LIMIT = 256 * 2 ** 20;

/** One entry's local file header. */
export interface LocalHeader {
  flags: number;
  method: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  name: string;
  directory: boolean;
  /** Its sizes came from a zip64 extra field (a data descriptor after it then has 64-bit sizes). */
  zip64: boolean;
  /** The header's length, name and extra field included. */
  length: number;
}

/** The length of the local header whose fixed part (30 bytes) `fixed` holds. */
export const localHeaderLength = (fixed: Buffer): number => FIXED_HEADER + fixed.readUInt16LE(26) + fixed.readUInt16LE(28);

/** Reads a whole local header (`bytes` starts with it); undefined when its zip64 sizes are missing. */
export function parseLocalHeader(bytes: Buffer): LocalHeader | undefined {
  const flags = bytes.readUInt16LE(6);
  const nameLength = bytes.readUInt16LE(26);
  const length = localHeaderLength(bytes);
  const nameRaw = bytes.subarray(FIXED_HEADER, FIXED_HEADER + nameLength);
  const extraFields: { id: number; data: Buffer }[] = [];
  for (let at = FIXED_HEADER + nameLength; at + 4 <= length; ) {
    const end = at + 4 + bytes.readUInt16LE(at + 2);
    if (end > length) break;
    extraFields.push({ id: bytes.readUInt16LE(at), data: bytes.subarray(at + 4, end) });
    at = end;
  }
  let uncompressedSize = bytes.readUInt32LE(22);
  let compressedSize = bytes.readUInt32LE(18);
  const zip64 = extraFields.find((field) => field.id === 0x0001);
  if (uncompressedSize === MAX_32 || compressedSize === MAX_32) {
    let at = 0;
    const next = (): number | undefined => (zip64 && at + 8 <= zip64.data.length ? Number(zip64.data.readBigUInt64LE((at += 8) - 8)) : undefined);
    const uncompressed = uncompressedSize === MAX_32 ? next() : uncompressedSize;
    const compressed = compressedSize === MAX_32 ? next() : compressedSize;
    if (uncompressed === undefined || compressed === undefined) return undefined;
    [uncompressedSize, compressedSize] = [uncompressed, compressed];
  }
  return {
    flags,
    method: bytes.readUInt16LE(8),
    crc32: bytes.readUInt32LE(14),
    compressedSize,
    uncompressedSize,
    ...zipEntryName(flags, nameRaw, extraFields),
    zip64: zip64 !== undefined,
    length,
  };
}

/** Bytes read after an entry's data to find its data descriptor and what follows it. */
export const DESCRIPTOR_LOOKAHEAD = 28;

/**
 * The data descriptor an entry's data is followed by (`after` holds the bytes there, up to
 * DESCRIPTOR_LOOKAHEAD; fewer only at the end of the data): its length and CRC-32, in the form
 * (with or without its signature, 32- or 64-bit sizes) that gives the sizes the data had; one
 * followed by a signature or the end of the data first. Undefined when none gives them.
 */
export function readDescriptor(after: Buffer, compressed: number, uncompressed: number, zip64: boolean): { length: number; crc32: number } | undefined {
  const forms = [
    { signed: true, wide: zip64 },
    { signed: true, wide: !zip64 },
    { signed: false, wide: zip64 },
    { signed: false, wide: !zip64 },
  ];
  const matching = forms.flatMap(({ signed, wide }) => {
    const start = signed ? 4 : 0;
    const length = start + (wide ? 20 : 12);
    if (after.length < length || (signed && after.readUInt32LE(0) !== DESCRIPTOR)) return [];
    const size = (at: number): number => (wide ? Number(after.readBigUInt64LE(at)) : after.readUInt32LE(at));
    const sizes = wide ? [compressed, uncompressed] : [compressed % 2 ** 32, uncompressed % 2 ** 32];
    if (size(start + 4) !== sizes[0] || size(start + (wide ? 12 : 8)) !== sizes[1]) return [];
    const next = after.length >= length + 4 ? after.readUInt32LE(length) : undefined;
    const followed = after.length === length || (next !== undefined && (next === LOCAL_HEADER || AFTER_ENTRIES.has(next)));
    return [{ length, crc32: after.readUInt32LE(start), followed }];
  });
  const found = matching.find((form) => form.followed) ?? matching[0];
  return found && { length: found.length, crc32: found.crc32 };
}

/** Positional reads of the zip's bytes, from a file opened read-only or from memory. */
interface Bytes {
  /** Where the bytes that can be read start: after those in front of a zip held in memory that were only searched through. */
  start: number;
  size: number;
  /** Up to `length` bytes from `at`: fewer at the end of the data. */
  read(at: number, length: number): Promise<Buffer>;
  close(): Promise<void>;
}

async function openBytes(source: ZipSource): Promise<Bytes> {
  if (!('path' in source)) return { start: source.from, size: source.from + source.buffer.length, read: async (at, length) => heldAt(source, at, length), close: async () => undefined };
  const handle = await open(source.path, 'r');
  const { size } = await handle.stat();
  return {
    start: 0,
    size,
    read: async (at, length) => {
      const room = Buffer.alloc(Math.max(0, Math.min(length, size - at)));
      const { bytesRead } = await handle.read(room, 0, room.length, at);
      return room.subarray(0, bytesRead);
    },
    close: () => handle.close(),
  };
}

/** Where the first plausible local header is, reading from the start; -1 when there is none. */
async function firstLocalHeader(bytes: Bytes): Promise<number> {
  for (let at = bytes.start; at < bytes.size; at += CHUNK) {
    // Enough past the chunk to see the fixed part of a header that starts in it.
    const chunk = await bytes.read(at, CHUNK + FIXED_HEADER);
    const found = findLocalHeader(chunk);
    if (found >= 0 && found < CHUNK) return at + found;
  }
  return -1;
}

/** How far reading an entry's data got: bytes read (fed to the inflater), used, made; cut when the zip's data ended first. */
interface Progress {
  fed: number;
  used: number;
  made: number;
  cut: boolean;
}

/** Stored data: `length` bytes from `start`. */
async function* storedData(bytes: Bytes, start: number, length: number, progress: Progress): AsyncGenerator<Buffer> {
  while (progress.fed < length) {
    const chunk = await bytes.read(start + progress.fed, Math.min(CHUNK, length - progress.fed));
    if (chunk.length === 0) {
      progress.cut = true;
      return;
    }
    progress.fed += chunk.length;
    progress.used = progress.fed;
    progress.made += chunk.length;
    yield chunk;
  }
}

/** Deflate data from `start`, read until the deflate stream ends (wherever a header says it does). */
async function* deflatedData(bytes: Bytes, start: number, progress: Progress): AsyncGenerator<Buffer> {
  const inflater = createInflateRaw();
  try {
    for (let ended = false; !ended; ) {
      const slice = await bytes.read(start + progress.fed, SLICE);
      progress.fed += slice.length;
      const result = await inflateSlice(inflater, slice.length > 0 ? slice : null);
      for (const chunk of result.output) {
        progress.made += chunk.length;
        yield chunk;
      }
      ended = result.ended;
      if (!ended && (slice.length === 0 || result.failure) && start + progress.fed >= bytes.size) {
        progress.cut = true;
        return;
      }
      if (result.failure) throw result.failure;
    }
    progress.used = inflater.bytesWritten;
  } finally {
    inflater.destroy();
  }
}

/** One entry read from its local header: what readZip is given, and where the next header is once known. */
class LocalEntry {
  readonly record: ZipEntryRecord;
  /** Where the entry (its descriptor included) ends, once its data has been read to the end. */
  end?: number;
  private readonly dataStart: number;

  constructor(
    private readonly bytes: Bytes,
    readonly offset: number,
    readonly header: LocalHeader,
    /** Names a byte of the archive in the entry's messages. */
    private readonly place: BytePlace,
  ) {
    this.dataStart = offset + header.length;
    const { crc32, compressedSize, uncompressedSize, flags } = header;
    this.record = { crc32, compressedSize, uncompressedSize, isEncrypted: () => (flags & FLAG.ENCRYPTED) !== 0 };
  }

  private get described(): boolean {
    return (this.header.flags & FLAG.DESCRIPTOR) !== 0;
  }

  /** For stored data with a descriptor, the descriptor found right after the size its header gives (an empty entry's); otherwise undefined. */
  private async storedDescriptor(): Promise<{ length: number; crc32: number } | undefined> {
    const end = this.dataStart + this.header.compressedSize;
    const size = this.header.compressedSize;
    return readDescriptor(await this.bytes.read(end, DESCRIPTOR_LOOKAHEAD), size, size, this.header.zip64);
  }

  async open(): Promise<AsyncIterable<Buffer>> {
    const { method, compressedSize, uncompressedSize } = this.header;
    if (this.record.isEncrypted()) throw new Error('entry is encrypted');
    if (method !== STORED && method !== DEFLATED) throw new Error(`unsupported compression method: ${method}`);
    if (method === STORED && compressedSize !== uncompressedSize) throw new Error(`compressed/uncompressed size mismatch for stored file: ${compressedSize} != ${uncompressedSize}`);
    if (method === STORED && this.described && !(await this.storedDescriptor())) {
      throw new ReadError('a stored entry whose size is given only after its data (general-purpose bit 3): without the central directory its end cannot be found, so it is not read');
    }
    return this.data();
  }

  private async *data(): AsyncGenerator<Buffer> {
    const progress: Progress = { fed: 0, used: 0, made: 0, cut: false };
    const { method, compressedSize, uncompressedSize } = this.header;
    // A deflate stream says where it ends, whatever size its header gives (or not, with bit 3); stored data is sized by open().
    const content = method === STORED ? storedData(this.bytes, this.dataStart, compressedSize, progress) : deflatedData(this.bytes, this.dataStart, progress);
    for await (const chunk of content) {
      // Without a size, or past the size given, the growth check weighs what the entry has made against the data read so far.
      if (method === DEFLATED && (this.described || progress.fed > compressedSize)) this.record.compressedSize = progress.fed;
      yield chunk;
    }
    const where = `byte ${progress.made}`;
    if (progress.cut) {
      this.end = this.bytes.size;
      throw new ReadError(`entry is cut short: the archive's data ends at ${this.place(this.bytes.size)}, inside it`, where);
    }
    const dataEnd = this.dataStart + (method === STORED ? compressedSize : progress.used);
    if (!this.described) {
      this.end = dataEnd;
      if (method === DEFLATED && progress.used !== compressedSize) throw new ReadError(`its local header says ${compressedSize} compressed bytes; its data ends after ${progress.used}`, where);
      if (progress.made !== uncompressedSize) throw new ReadError(`entry is corrupt: its data makes ${progress.made} bytes where its local header declares ${uncompressedSize}`, where);
      return;
    }
    const after = await this.bytes.read(dataEnd, DESCRIPTOR_LOOKAHEAD);
    const descriptor = readDescriptor(after, dataEnd - this.dataStart, progress.made, this.header.zip64);
    const cut = !descriptor && after.length < DESCRIPTOR_LOOKAHEAD;
    this.end = cut ? this.bytes.size : dataEnd + (descriptor?.length ?? 0);
    if (!descriptor) {
      const problem = cut ? `is cut short: the archive's data ends at ${this.place(this.bytes.size)}` : `is missing or damaged in the archive at ${this.place(dataEnd)}`;
      throw new ReadError(`entry's data descriptor (its CRC-32 and sizes, after its data) ${problem}; its CRC-32 is not checked`, where);
    }
    Object.assign(this.record, { crc32: descriptor.crc32, compressedSize: dataEnd - this.dataStart, uncompressedSize: progress.made });
  }

  /** Whether a header, the central directory or the end of the data is at `at`: where an entry may end. */
  private async followedAt(at: number): Promise<boolean> {
    const next = await this.bytes.read(at, 4);
    return at === this.bytes.size || (next.length === 4 && (next.readUInt32LE(0) === LOCAL_HEADER || AFTER_ENTRIES.has(next.readUInt32LE(0))));
  }

  /** Where the entry's deflate stream ends, inflating it (and throwing the output away): undefined when it cannot be inflated. */
  private async streamEnd(): Promise<Progress | undefined> {
    const progress: Progress = { fed: 0, used: 0, made: 0, cut: false };
    try {
      for await (const chunk of deflatedData(this.bytes, this.dataStart, progress)) if (chunk.length > 0 && progress.made > SKIP_OUTPUT_LIMIT) return undefined;
    } catch {
      return undefined;
    }
    return progress;
  }

  /** Where the entry ends when it was not read to its end: undefined when that cannot be found (data of unknown size that cannot be inflated). */
  async skip(): Promise<number | undefined> {
    if (this.end !== undefined) return this.end;
    const { method, compressedSize } = this.header;
    const deflated = method === DEFLATED && !this.record.isEncrypted();
    if (!this.described) {
      const sizedEnd = this.dataStart + compressedSize;
      if (!deflated) return Math.min(sizedEnd, this.bytes.size);
      // Deflate data not followed by what follows an entry where its header says it ends: found where its stream ends.
      if (sizedEnd <= this.bytes.size && (await this.followedAt(sizedEnd))) return sizedEnd;
      const progress = await this.streamEnd();
      return progress && (progress.cut ? this.bytes.size : this.dataStart + progress.used);
    }
    if (method === STORED) {
      const descriptor = await this.storedDescriptor();
      return descriptor && this.dataStart + compressedSize + descriptor.length;
    }
    if (!deflated) return undefined;
    const progress = await this.streamEnd();
    if (!progress) return undefined;
    if (progress.cut) return this.bytes.size;
    const dataEnd = this.dataStart + progress.used;
    const descriptor = readDescriptor(await this.bytes.read(dataEnd, DESCRIPTOR_LOOKAHEAD), progress.used, progress.made, this.header.zip64);
    return dataEnd + (descriptor?.length ?? 0);
  }
}

type Report = (severity: 'error' | 'warning', message: string, location: string) => void;

/**
 * Reads a zip's entries from their local headers, one after another from the first, for a zip
 * whose central directory cannot be used (`problem` says why: it begins the archive's error).
 * Reads what a cut-short zip still holds: the entry the cut falls in gives its data up to the cut,
 * then an error. Bytes before the first entry are a warning; where reading stopped, and why, the
 * archive's error. Throws when no local header is found at all.
 */
export async function* zipLocalEntries(source: ZipSource, problem: string, report: Report, place: BytePlace = bareByte): AsyncGenerator<ZipEntry> {
  const bytes = await openBytes(source);
  let stop: { reason: string; at: number } | undefined;
  let at = await firstLocalHeader(bytes);
  try {
    if (at < 0) throw new ReadError(`${problem}, and no entry's local header was found`);
    if (at > 0) report('warning', `${at} bytes precede the zip's first entry (a self-extracting program, or other data in front of the zip): not read`, 'byte 0');
    while (!stop) {
      const fixed = await bytes.read(at, FIXED_HEADER);
      const signature = fixed.length >= 4 ? fixed.readUInt32LE(0) : undefined;
      if (at >= bytes.size) stop = { reason: 'the end of its data', at };
      else if (signature !== undefined && AFTER_ENTRIES.has(signature)) stop = { reason: 'the start of its central directory', at };
      else if (signature !== LOCAL_HEADER) stop = { reason: fixed.length < 4 ? 'a header cut short' : 'bytes that are not a header', at };
      if (stop) break;
      const whole = fixed.length < FIXED_HEADER ? fixed : await bytes.read(at, localHeaderLength(fixed));
      const header = whole.length < FIXED_HEADER || whole.length < localHeaderLength(whole) ? undefined : parseLocalHeader(whole);
      if (!header) {
        stop = { reason: whole.length < FIXED_HEADER || whole.length < localHeaderLength(whole) ? 'a local header cut short' : 'an unreadable local header', at };
        break;
      }
      const entry = new LocalEntry(bytes, at, header, place);
      yield { name: header.name, zipBytes: bytes.size, entry: entry.record, directory: header.directory, symlink: false, open: () => entry.open() };
      const next = await entry.skip();
      if (next === undefined) stop = { reason: 'an entry whose end cannot be found without the central directory', at };
      else at = next;
    }
  } finally {
    await bytes.close();
    if (at >= 0) {
      const { reason, at: where } = stop ?? { reason: 'the entry where reading was stopped', at };
      report('error', `${problem}: its entries were read from their local headers, up to ${reason}`, `byte ${where}`);
    }
  }
}
