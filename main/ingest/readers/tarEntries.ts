import { Readable } from 'node:stream';
import { extract, type Header } from 'tar-stream';
import { ReadError } from './byteStreams';

export interface TarEntry {
  header: Header;
  stream: AsyncIterable<Buffer>;
}

/** tar-stream's error for an archive whose data stops inside an entry or a header. */
const CUT_SHORT = 'Unexpected end of data';

/**
 * Reads a tar stream entry by entry, in memory; a truncated or corrupt archive ends with a
 * ReadError. A truncated one is placed where its data ends (a byte of the tar, decompressed),
 * and so is the entry it cuts, within that entry's content.
 */
export async function* tarEntries(input: AsyncIterable<Buffer>): AsyncGenerator<TarEntry> {
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
  try {
    for await (const entry of extractor) {
      yield { header: entry.header, stream: entryContent(entry as AsyncIterable<Buffer>) };
      entry.resume();
    }
  } catch (error) {
    if (error instanceof ReadError) throw error;
    const message = (error as Error).message;
    throw new ReadError(`tar archive is corrupt or truncated: ${message}`, message === CUT_SHORT ? `byte ${received}` : '');
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
