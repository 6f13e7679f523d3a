import { hash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { createReadStream } from 'node:fs';
import type { IngestLimits } from './limits';
import { HashingTap, ReadCancelled, ReadError, crcFailed, looksBinary, peek, sniffContainer } from './readers/byteStreams';
import type { CancelFlag } from './cancelFlag';
import type { JobTotals } from './jobTotals';
import { checkGrowth, gunzip, gunzipWhole, outgrows } from './readers/gunzip';
import { tarEntries } from './readers/tarEntries';
import { endsAsZip } from './readers/zipEnd';
import { START_SEARCH_WINDOW, zipStartWithin } from './readers/zipStart';
import { zipEntries, type ZipEntry } from './readers/zipEntries';
import { zipBehind, type ZipBehind } from './readers/zipBehind';
import type { ZipSource } from './readers/heldZip';
import { TextDecoding } from './decodeText';
import { detectLayout } from './formats/detectFormat';
import { macMetadata } from './readers/macMetadata';
import { unreadFormat } from './readers/unreadFormats';
import type { FileTracker } from './fileTracker';

/** What the tree reader needs from the job: limits, new file records, and a reader for documents. */
export interface TreeContext {
  limits: IngestLimits;
  totals: JobTotals;
  cancel: CancelFlag;
  newFile(path: string, container: string[]): FileTracker;
  fileDone(file: FileTracker): Promise<void>;
  readDocument(stream: AsyncIterable<Buffer>, head: Buffer, file: FileTracker): Promise<void>;
}

const SNIFF_BYTES = 512;

/** Bytes at hand are given in slices of this size, as a file on disk is read in chunks. */
const SLICE_BYTES = 256 * 1024;

/**
 * Bytes at hand (a small file read whole, or its gunzipped content) as a stream of slices, which
 * looks at the cancel flag between slices as reading from disk does; `given` counts the bytes
 * given out.
 */
async function* inSlices(bytes: Buffer, cancel: CancelFlag, given: { bytes: number }): AsyncGenerator<Buffer> {
  for (let at = 0; ; ) {
    const slice = bytes.subarray(at, at + SLICE_BYTES);
    at += slice.length;
    given.bytes = at;
    yield slice;
    if (at >= bytes.length) return;
    cancel.check();
  }
}

/** Bytes at hand as a stream of one chunk. */
async function* inOne(buffer: Buffer): AsyncGenerator<Buffer> {
  yield buffer;
}

async function drain(stream: AsyncIterable<Buffer>): Promise<void> {
  for await (const chunk of stream) void chunk;
}

/**
 * Lets `read` take what it wants of `stream`, then reads the rest, for the hashes: always, unless
 * the import was cancelled, which stops all reading there.
 */
async function readThenDrain(stream: AsyncIterable<Buffer>, read: () => Promise<void>): Promise<void> {
  try {
    await read();
  } catch (error) {
    if (!(error instanceof ReadCancelled)) await drain(stream);
    throw error;
  }
  await drain(stream);
}

async function collect(stream: AsyncIterable<Buffer>, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream) {
    length += chunk.length;
    if (length > limit) {
      await drain(stream);
      return undefined;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Longest zip symbolic link target read to be named (the target is the entry's content). */
const LINK_TARGET_BYTES = 4096;

/**
 * What a zip symbolic link points to, read only to name it in the link's warning, with the entry's
 * bytes when they were read whole; `unread` when too long to be opened at all.
 */
async function linkTarget(zipped: ZipEntry): Promise<{ target: string; bytes?: Buffer; unread?: true }> {
  if (zipped.entry.uncompressedSize > LINK_TARGET_BYTES) return { target: `a target of ${zipped.entry.uncompressedSize} bytes, not shown`, unread: true };
  const bytes = await zipped.open().then((body) => collect(body, LINK_TARGET_BYTES)).catch(() => undefined);
  return bytes ? { target: bytes.toString('utf8'), bytes } : { target: 'an unreadable target' };
}

/** Zip compression methods met in the wild that Cairn cannot decompress, by number, with who writes them. */
const UNREAD_METHODS: Record<number, string> = {
  9: "Deflate64, which Windows Explorer's Send to Compressed folder uses for large files and 7-Zip on request",
  12: 'bzip2',
  14: 'LZMA',
  93: 'Zstandard',
  95: 'XZ',
  98: 'PPMd',
};

/** Why a zip entry could not be opened: a compression method named, with what to do, or the reader's own message. */
function entryOpenFailure(message: string): string {
  const method = /^unsupported compression method: (\d+)$/.exec(message);
  if (!method) return `cannot read entry: ${message}`;
  const name = UNREAD_METHODS[Number(method[1])];
  const what = name === undefined ? `compression method ${method[1]}` : `compression method ${method[1]} (${name})`;
  return `cannot read entry: ${what} is not supported, only stored and Deflate entries are read; extract the archive with a tool that reads it (7-Zip) and open the files, or re-compress it with Deflate`;
}

function unsafeName(name: string): boolean {
  return name.startsWith('/') || /^[A-Za-z]:[\\/]/.test(name) || name.split(/[\\/]/).includes('..');
}

/** Says why an archive read to its end gave no events: it holds no entry, or only directories. */
function noEntries(archive: FileTracker, entries: number, directories: number): void {
  if (entries > 0) return;
  archive.issue('warning', directories === 0 ? 'empty archive: no entries, no events' : `only ${directories === 1 ? 'a directory' : `directories (${directories})`}, no files: no events`);
}

/** Records why reading a file failed; a cancel with no place of its own is placed at `stoppedAt`, where the file's bytes stopped. */
function recordIssue(file: FileTracker, error: unknown, stoppedAt = ''): void {
  if (error instanceof ReadCancelled) file.stopped(error.message, error.location || stoppedAt);
  else if (error instanceof ReadError) file.issue('error', error.message, error.location);
  else file.issue('error', `cannot read: ${(error as Error).message}`);
}

/**
 * Reads one file of the evidence, wherever it sits: sniffs its bytes, gunzips, opens tar and
 * zip archives in memory (never extracting to disk) and descends into archives within archives
 * up to the depth limit; every leaf goes to the document reader. Each file and entry gets its
 * own record with hashes of its bytes as read and of its decompressed content.
 */
export class TreeReader {
  constructor(private readonly ctx: TreeContext) {}

  /**
   * Reads a file on disk; `progress` sees its bytes as they are read. A small file may come
   * already read whole (`whole`): it is not read again, and when it is plain text, or one sound
   * gzip member, it skips the streaming layers. Once the import is cancelled, no more of it is
   * read (looked at per chunk read): its record, and those of what it holds, say where it stopped.
   */
  async readDiskFile(path: string, size: number, progress: (bytes: number) => void, whole?: Buffer): Promise<void> {
    const file = this.ctx.newFile(path, []);
    file.record.size = size;
    const { cancel } = this.ctx;
    try {
      if (whole) {
        const content = this.wholeContent(whole);
        if (content) {
          progress(whole.length);
          await this.readWhole(file, whole, content, path);
          return;
        }
      }
      const raw = new HashingTap();
      async function* counted(): AsyncGenerator<Buffer> {
        const chunks = whole ? [whole] : (createReadStream(path, { highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>);
        let read = 0;
        try {
          for await (const chunk of chunks) {
            // Looked at between chunks: a file begun (the job looked before) is read at least in part.
            if (read > 0) cancel.check();
            read += chunk.length;
            progress(chunk.length);
            yield chunk;
          }
        } catch (error) {
          if (error instanceof ReadCancelled) throw error;
          // The disk failed it (gone, unreadable, a folder now): what was read is not the file.
          raw.cut = true;
          throw new ReadError(`cannot read: ${(error as Error).message}`, `byte ${read}`);
        }
      }
      await this.readFile(file, raw.tap(counted()), raw, 0, path);
    } catch (error) {
      if (!(error instanceof ReadCancelled)) throw error;
    }
  }

  /** The content of a whole file at hand: itself, or its gunzipped bytes when it is one sound member; undefined otherwise. */
  private wholeContent(bytes: Buffer): Buffer | undefined {
    return sniffContainer(bytes) === 'gzip' ? gunzipWhole(bytes, this.ctx.limits, this.ctx.totals) : bytes;
  }

  private async readWhole(file: FileTracker, bytes: Buffer, content: Buffer, path: string): Promise<void> {
    const gzipped = content !== bytes;
    file.decompressed = gzipped;
    let cancelled = false;
    const given = { bytes: 0 };
    try {
      await this.readContent(file, inSlices(content, this.ctx.cancel, given), content, 0, gzipped ? undefined : path);
    } catch (error) {
      cancelled = error instanceof ReadCancelled;
      recordIssue(file, error, `byte ${given.bytes}`);
    }
    // All its bytes were read, even when what it holds was not: its hashes are its own.
    file.record.size = bytes.length;
    file.record.sha256 = hash('sha256', bytes, 'hex');
    file.record.contentSha256 = gzipped ? hash('sha256', content, 'hex') : file.record.sha256;
    await this.ctx.fileDone(file);
    if (cancelled) throw new ReadCancelled();
  }

  /**
   * Reads a file or an entry from its stream, then records it. A cancel stops it where its bytes
   * stopped, with no hashes (they would be of part of it), and goes on up to what holds it.
   */
  private async readFile(file: FileTracker, stream: AsyncIterable<Buffer>, raw: HashingTap, depth: number, diskPath?: string): Promise<void> {
    const content = new HashingTap();
    let gzipped = false;
    let cancelled = false;
    try {
      let peeked = await peek(stream, SNIFF_BYTES);
      if (sniffContainer(peeked.head) === 'gzip') {
        gzipped = true;
        file.decompressed = true;
        const inflated = gunzip(peeked.stream, this.ctx.limits, this.ctx.totals, (severity, message, location) => file.issue(severity, message, location));
        peeked = await peek(content.tap(inflated), SNIFF_BYTES);
      }
      await readThenDrain(peeked.stream, () => this.readContent(file, peeked.stream, peeked.head, depth, gzipped ? undefined : diskPath));
    } catch (error) {
      const stoppedAt = (): string => `byte ${raw.bytes}${gzipped ? ' of the gzip data' : ''}`;
      cancelled = error instanceof ReadCancelled;
      recordIssue(file, error, stoppedAt());
      // The rest is read for the hashes, unless the import is cancelled (before or meanwhile).
      if (!cancelled) {
        await drain(stream).catch((failure: unknown) => {
          cancelled = failure instanceof ReadCancelled;
          if (cancelled) recordIssue(file, failure, stoppedAt());
        });
      }
    }
    if (!cancelled && !raw.cut) {
      file.record.size = raw.bytes;
      file.record.sha256 = raw.digest();
      file.record.contentSha256 = gzipped ? content.digest() : file.record.sha256;
    }
    await this.ctx.fileDone(file);
    if (cancelled) throw new ReadCancelled();
  }

  private async readContent(file: FileTracker, stream: AsyncIterable<Buffer>, head: Buffer, depth: number, diskPath?: string): Promise<void> {
    let kind = sniffContainer(head);
    const unread = kind === 'none' ? unreadFormat(head) : undefined;
    if (unread) {
      file.record.format = unread.format;
      throw new ReadError(unread.message);
    }
    let held: ZipBehind | undefined;
    if (kind === 'none' && !diskPath && looksBinary(head.subarray(0, SNIFF_BYTES))) ({ stream, held } = await this.holdZip(file, stream));
    const whole = diskPath ?? held?.buffer;
    if (kind === 'none' && whole !== undefined && looksBinary(head.subarray(0, SNIFF_BYTES))) {
      const start = endsAsZip(whole) ? undefined : held ? held.start : zipStartWithin(whole);
      if (start === undefined) {
        kind = 'zip';
        file.issue('warning', 'does not begin as a zip (its first bytes are damaged, or something precedes the zip) but ends as one: opened by the central directory at its end');
      } else if (start >= 0) {
        kind = 'zip';
        file.issue('warning', "does not begin or end as a zip, but a zip entry's local header is there (something precedes a zip cut short?): read as a zip from there", `byte ${start}`);
      }
    }
    if (kind === 'none') {
      const metadata = macMetadata(head);
      if (metadata === undefined) return this.ctx.readDocument(stream, head, file);
      file.record.format = 'macos-metadata';
      file.issue('warning', `${metadata}: macOS metadata, not a log: no events`);
      return;
    }
    // A gzip's format is that of what it holds, once opened; a container refused is recorded as what it was recognised as.
    if (depth >= this.ctx.limits.maxDepth) {
      file.record.format = kind;
      throw new ReadError(`an archive nested deeper than ${this.ctx.limits.maxDepth} levels: not opened`);
    }
    if (kind === 'gzip') return this.readInnerGzip(file, stream, depth);
    file.record.format = kind;
    const container = [...file.record.container, file.record.path];
    if (kind === 'tar') return this.readTar(file, stream, container, depth);
    if (diskPath) return this.readZip(file, { path: diskPath }, container, depth);
    const buffer = held ?? (await collect(stream, this.ctx.limits.maxBufferedArchiveBytes));
    if (!buffer) throw this.tooLargeZip(file);
    return this.readZip(file, Buffer.isBuffer(buffer) ? { buffer, from: 0 } : buffer, container, depth);
  }

  /**
   * Holds, to be looked at as a file on disk is, binary bytes in memory (an archive's entry, a
   * gzip's content) that hold a zip: a plausible local header in their first 64 KB, or, when they
   * are not text, anywhere past them (a self-extracting program's zip: see zipBehind), up to
   * the buffered-archive limit: past it, such a zip is `file`'s error (see tooLargeZip). Other bytes (zero padding, a
   * bomb, UTF-16 text) are not held, and flow on in `stream`.
   */
  private async holdZip(file: FileTracker, stream: AsyncIterable<Buffer>): Promise<{ stream: AsyncIterable<Buffer>; held?: ZipBehind }> {
    const limit = this.ctx.limits.maxBufferedArchiveBytes;
    const peeked = await peek(stream, START_SEARCH_WINDOW);
    const start = zipStartWithin(peeked.head);
    if (start >= 0) {
      const whole = await peek(peeked.stream, limit + 1);
      if (whole.head.length > limit) throw this.tooLargeZip(file);
      return { stream: whole.stream, held: { buffer: whole.head, from: 0, start } };
    }
    if (detectLayout(new TextDecoding(peeked.head).decode(peeked.head), 'more') !== 'unrecognised') return { stream: peeked.stream };
    const behind = await zipBehind(peeked.stream, limit);
    if (behind === 'too large') throw this.tooLargeZip(file);
    // Not a zip: its bytes were searched to their end, and its first ones tell the document reader what it is not.
    return behind ? { stream: inOne(Buffer.alloc(0)), held: behind } : { stream: inOne(peeked.head) };
  }

  /** The error for a zip found inside another file and too large to be held in memory: it is recorded as a zip, not opened. */
  private tooLargeZip(file: FileTracker): ReadError {
    file.record.format = 'zip';
    return new ReadError(`a zip inside another file larger than ${this.ctx.limits.maxBufferedArchiveBytes} bytes: not opened`);
  }

  /** A gzip inside a gzip (a .json.gz compressed again): read through the inner layer too, its problems placed in the outer layer's output. */
  private async readInnerGzip(file: FileTracker, stream: AsyncIterable<Buffer>, depth: number): Promise<void> {
    file.issue('warning', "gzip inside gzip (compressed twice): both layers are read; the content's SHA-256 is of the outer layer's output");
    const { limits, totals } = this.ctx;
    async function* inflated(): AsyncGenerator<Buffer> {
      try {
        yield* gunzip(stream, limits, totals, (severity, message, location) => file.issue(severity, `inner ${message}`, location), "the outer layer's output");
      } catch (error) {
        throw error instanceof ReadError ? new ReadError(`inner ${error.message}`, error.location) : error;
      }
    }
    const inner = await peek(inflated(), SNIFF_BYTES);
    await readThenDrain(inner.stream, () => this.readContent(file, inner.stream, inner.head, depth + 1));
  }

  private countEntry(archive: FileTracker, entries: number): boolean {
    if (entries <= this.ctx.limits.maxEntries) return true;
    if (entries === this.ctx.limits.maxEntries + 1) archive.issue('error', `more than ${this.ctx.limits.maxEntries} entries: the rest are not read`);
    return false;
  }

  /** Reads an archive's entry `at` (counted from 1) of `size` bytes; a cancel inside it is placed at that entry, for the archive. */
  private async readEntry(name: string, container: string[], depth: number, stream: AsyncIterable<Buffer>, size: number, at: number): Promise<void> {
    const entry = this.ctx.newFile(name, container);
    entry.record.size = size;
    if (unsafeName(name)) entry.issue('warning', 'unsafe entry name (absolute or with ..): read in memory only, nothing is extracted');
    const raw = new HashingTap();
    try {
      await this.readFile(entry, raw.tap(stream), raw, depth + 1);
    } catch (error) {
      throw error instanceof ReadCancelled ? new ReadCancelled(`entry ${at}`) : error;
    }
  }

  private async readTar(archive: FileTracker, stream: AsyncIterable<Buffer>, container: string[], depth: number): Promise<void> {
    let entries = 0;
    let directories = 0;
    for await (const { header, stream: body } of tarEntries(stream, (byte) => archive.placed(`byte ${byte}`))) {
      if (header.type === 'directory') {
        directories++;
        continue;
      }
      this.ctx.cancel.check(`entry ${entries + 1}`);
      if (!this.countEntry(archive, ++entries)) continue;
      if (header.type === 'file' || header.type === 'contiguous-file') {
        await this.readEntry(header.name, container, depth, body, header.size ?? 0, entries);
        continue;
      }
      const entry = this.ctx.newFile(header.name, container);
      // None of its data is read: a link or device has none, a type not read has its bytes skipped.
      entry.record.unread = true;
      // A type tar-stream does not know (null): GNU tar's sparse files ('S'), volume labels, multi-volume parts, vendors' extensions.
      if (header.type === null) {
        entry.record.format = 'tar-unknown-type';
        entry.record.size = header.size ?? 0;
        entry.issue(header.size ? 'error' : 'warning', `a tar entry of a type that is not read (not a file, directory, link or device: a GNU sparse file, as tar --sparse writes one, a volume label or a multi-volume part): its ${header.size ?? 0} bytes are not read; extract the archive with GNU tar and open the files`);
      } else {
        entry.record.format = header.type;
        const what = header.type === 'symlink' || header.type === 'link' ? `a ${header.type === 'link' ? 'hard' : 'symbolic'} link to ${header.linkname}` : `a ${header.type}`;
        entry.issue('warning', `${what}: not followed`);
      }
      await this.ctx.fileDone(entry);
    }
    noEntries(archive, entries, directories);
  }

  private async readZip(archive: FileTracker, source: ZipSource, container: string[], depth: number): Promise<void> {
    let entries = 0;
    let directories = 0;
    const { limits } = this.ctx;
    // What its entries made together: entries sharing one stream of data each pass the ratio check alone.
    const made = { bytes: 0 };
    for await (const zipped of zipEntries(source, (severity, message, location) => archive.issue(severity, message, location), (byte) => archive.placed(`byte ${byte}`))) {
      if (outgrows(made.bytes, zipped.zipBytes, limits)) {
        archive.issue('error', `its entries decompress to more than ${limits.maxRatio} times the archive's size (entries sharing their data?): a possible zip bomb, the rest are not read`, `entry ${entries + 1}`);
        break;
      }
      if (zipped.directory) {
        directories++;
        continue;
      }
      this.ctx.cancel.check(`entry ${entries + 1}`);
      if (!this.countEntry(archive, ++entries)) continue;
      const { entry } = zipped;
      /** Records the entry, none of it read unless `read` gives its bytes (read whole: a link's target, hashed) or says it was read 'part'-way. */
      const refuse = (message: string, format = 'unreadable', severity: 'error' | 'warning' = 'error', read: Buffer | 'part' | 'none' = 'none'): Promise<void> => {
        const record = this.ctx.newFile(zipped.name, container);
        record.record.format = format;
        record.record.size = entry.uncompressedSize;
        if (read === 'none') record.record.unread = true;
        else if (read !== 'part') record.record.sha256 = record.record.contentSha256 = hash('sha256', read, 'hex');
        record.issue(severity, message);
        return this.ctx.fileDone(record);
      };
      if (zipped.symlink) {
        const { target, bytes, unread } = await linkTarget(zipped);
        await refuse(`a symbolic link to ${target}: not followed`, 'symlink', 'warning', unread ? 'none' : (bytes ?? 'part'));
        continue;
      }
      if (entry.isEncrypted()) {
        await refuse('encrypted entry: cannot be read without its password');
        continue;
      }
      if (entry.uncompressedSize > limits.ratioGraceBytes && entry.uncompressedSize > entry.compressedSize * limits.maxRatio) {
        await refuse(`declares ${entry.uncompressedSize} bytes from ${entry.compressedSize}: a possible zip bomb, not read`);
        continue;
      }
      let body: AsyncIterable<Buffer>;
      try {
        body = await zipped.open();
      } catch (error) {
        await refuse(entryOpenFailure((error as Error).message));
        continue;
      }
      await this.readEntry(zipped.name, container, depth, guardEntry(body, entry, this.ctx, made), entry.uncompressedSize, entries);
    }
    noEntries(archive, entries, directories);
  }
}

/**
 * Counts a zip entry's decompressed bytes against the bomb limits as they stream (and adds them
 * to what the archive's entries `made`), and checks them against the entry's CRC-32 at the end
 * (yauzl leaves that to its caller): a mismatch is the entry's error, raised once all of it has
 * been read, so its events are kept under it. Both are read from `entry` as the data streams: an
 * entry read from its local header whose sizes follow its data learns them as it goes. A cancelled
 * import stops it between chunks.
 */
async function* guardEntry(body: AsyncIterable<Buffer>, entry: { compressedSize: number; crc32: number }, { limits, totals, cancel }: Pick<TreeContext, 'limits' | 'totals' | 'cancel'>, made: { bytes: number }): AsyncGenerator<Buffer> {
  let produced = 0;
  let crc = 0;
  try {
    for await (const chunk of body) {
      if (produced > 0) cancel.check();
      produced += chunk.length;
      made.bytes += chunk.length;
      totals.add(chunk.length);
      checkGrowth(produced, entry.compressedSize, limits, totals);
      crc = crc32(chunk, crc);
      yield chunk;
    }
  } catch (error) {
    if (error instanceof ReadError) throw error;
    throw new ReadError(`entry is corrupt: ${(error as Error).message}`, `byte ${produced}`);
  }
  if (crc !== entry.crc32) throw new ReadError(crcFailed('zip entry'), `byte ${produced}`);
}
