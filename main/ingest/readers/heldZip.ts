import { Readable } from 'node:stream';
import { RandomAccessReader, fromBufferPromise, fromRandomAccessReaderPromise, type Options, type ZipFile } from 'yauzl';

/**
 * A zip held in memory: `buffer` holds a file's bytes from byte `from` on, to its end (`from` is
 * 0 unless the bytes before were only searched through, as those in front of a zip are). When
 * `from` is not 0, at least the file's last PREFIX_TAIL_BYTES are held, where its end record is
 * searched for (see zipBehind).
 */
export interface HeldZip {
  buffer: Buffer;
  from: number;
}

/** A zip to read: a file on disk, opened read-only, or one held in memory. */
export type ZipSource = { path: string } | HeldZip;

/** Up to `length` held bytes from the file's byte `at`: fewer at its end, none before what is held. */
export const heldAt = ({ buffer, from }: HeldZip, at: number, length: number): Buffer => (at < from ? Buffer.alloc(0) : buffer.subarray(at - from, at - from + length));

/** The held bytes as yauzl reads a zip: from its byte 0, `shift` bytes into the file; a read of bytes not held fails. */
class HeldBytes extends RandomAccessReader {
  constructor(
    private readonly held: HeldZip,
    private readonly shift: number,
  ) {
    super();
  }

  override _readStreamForRange(start: number, end: number): Readable {
    const at = this.shift + start;
    if (at < this.held.from) return new Readable({ read: () => undefined }).destroy(new Error(`byte ${at} of the zip's file is not held (it is in the bytes in front of the zip)`));
    return Readable.from([heldAt(this.held, at, end - start)]);
  }
}

/** Opens with yauzl, its checks all kept, the zip in the file's bytes `start` to `end`, held in memory. */
export function openHeld(held: HeldZip, start: number, end: number, options: Options): Promise<ZipFile> {
  if (start >= held.from) return fromBufferPromise(heldAt(held, start, end - start), options);
  return fromRandomAccessReaderPromise(new HeldBytes(held, start), end - start, options);
}
