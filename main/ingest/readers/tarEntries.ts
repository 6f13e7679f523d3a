import { Readable } from 'node:stream';
import { extract, type Header } from 'tar-stream';
import { ReadError } from './byteStreams';

export interface TarEntry {
  header: Header;
  stream: AsyncIterable<Buffer>;
}

/** Reads a tar stream entry by entry, in memory; a truncated archive ends with a ReadError. */
export async function* tarEntries(input: AsyncIterable<Buffer>): AsyncGenerator<TarEntry> {
  const source = Readable.from(input);
  // Unix V7 headers have no magic (tar-stream's typings omit the option); each header's checksum is still checked.
  const extractor = extract({ allowUnknownFormat: true } as Parameters<typeof extract>[0]);
  source.on('error', (error) => extractor.destroy(error));
  source.pipe(extractor);
  try {
    for await (const entry of extractor) {
      yield { header: entry.header, stream: entry as AsyncIterable<Buffer> };
      entry.resume();
    }
  } catch (error) {
    if (error instanceof ReadError) throw error;
    throw new ReadError(`tar archive is corrupt or truncated: ${(error as Error).message}`);
  } finally {
    source.destroy();
  }
}
