import { Readable } from 'node:stream';
import { extract, type Header } from 'tar-stream';
import { ReadError, bareByte, type BytePlace } from './byteStreams';

export interface TarEntry {
  header: Header;
  stream: AsyncIterable<Buffer>;
}

/** tar-stream's error for an archive whose data stops inside an entry or a header. */
const CUT_SHORT = 'Unexpected end of data';

/**
 * What tar-stream's extractor (3.x) holds of its own reading, which it does not say in its
 * errors: where the header it last began to decode starts, the bytes it still expects of the
 * entry or long header being read, and the bytes it holds not yet parsed. Read only to place a
 * failure; each field is checked, and a failure is placed as before if one is missing.
 */
interface ExtractorState {
  _offset?: unknown;
  _missing?: unknown;
  _longHeader?: unknown;
  _buffer?: { buffered?: unknown };
}

/**
 * Where a failure of the tar parser stands, once `received` bytes were fed to it: a header that
 * failed to decode (a wrong checksum, an unknown format) at the byte where that header begins,
 * a multiple of 512; a header the data ends inside, there too; a cut elsewhere (inside an
 * entry's content or padding), where the data ends. `cut` tells a cut from a corrupt header.
 */
function failedHeader(extractor: ExtractorState, received: number, cut: boolean): number | undefined {
  const offset = extractor._offset;
  const missing = extractor._missing;
  const buffered = extractor._buffer?.buffered;
  if (typeof offset !== 'number' || typeof missing !== 'number' || typeof buffered !== 'number') return undefined;
  if (!cut) return offset;
  // A long header (pax, GNU long name) cut in its content is that header; with nothing missing, the bytes held are a header begun.
  if (extractor._longHeader === true) return offset;
  return missing === 0 && buffered > 0 ? received - buffered : undefined;
}

/**
 * Reads a tar stream entry by entry, in memory; a truncated or corrupt archive ends with a
 * ReadError. A header that cannot be read (corrupt, or cut short) is placed where it begins (a
 * byte of the tar, decompressed), after the entry named; a cut elsewhere where the data ends,
 * and so is the entry it cuts, within that entry's content. `place` names a byte of the tar in a message.
 */
export async function* tarEntries(input: AsyncIterable<Buffer>, place: BytePlace = bareByte): AsyncGenerator<TarEntry> {
  let received = 0;
  async function* counted(): AsyncGenerator<Buffer> {
    for await (const chunk of input) {
      received += chunk.length;
      yield chunk;
    }
  }
  const source = Readable.from(counted());
  // Unix V7 headers have no magic (tar-stream's typings omit the option); each header's checksum is still checked.
  const extractor = extract({ allowUnknownFormat: true } as Parameters<typeof extract>[0]);
  source.on('error', (error) => extractor.destroy(error));
  source.pipe(extractor);
  let lastEntry: string | undefined;
  try {
    for await (const entry of extractor) {
      lastEntry = entry.header.name;
      yield { header: entry.header, stream: entryContent(entry as AsyncIterable<Buffer>) };
      entry.resume();
    }
  } catch (error) {
    if (error instanceof ReadError) throw error;
    const message = (error as Error).message;
    const cut = message === CUT_SHORT;
    const header = failedHeader(extractor as unknown as ExtractorState, received, cut);
    if (header === undefined) throw new ReadError(`tar archive is corrupt or truncated: ${message}`, cut ? `byte ${received}` : '');
    const which = lastEntry === undefined ? 'its first header' : `the header after entry ${JSON.stringify(lastEntry)}`;
    throw new ReadError(`tar archive is corrupt or truncated: ${which} ${cut ? `is cut short (the data ends at ${place(received)})` : `is unreadable: ${message}`}; no entry after it is read`, `byte ${header}`);
  } finally {
    source.destroy();
  }
}

/** An entry's content; the archive failing inside it is the entry's error, placed at the byte of its content where it stopped. */
async function* entryContent(entry: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let produced = 0;
  try {
    for await (const chunk of entry) {
      produced += chunk.length;
      yield chunk;
    }
  } catch (error) {
    if (error instanceof ReadError) throw error;
    throw new ReadError(`tar entry is cut short or corrupt: ${(error as Error).message}`, `byte ${produced}`);
  }
}
