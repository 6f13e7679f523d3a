import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';

/**
 * The file `cairn scan --ndjson` writes, created new (never one that exists). Each write waits
 * while the stream is full; once a write has failed (a full disk, a size limit), the next fails,
 * naming the file, which stops the scan, instead of waiting for a drain that never comes.
 */
export class NdjsonOutput {
  private constructor(
    private readonly stream: WriteStream,
    readonly target: string,
  ) {
    // Its failures are read where it is next written to or closed, not thrown on their own.
    stream.on('error', () => undefined);
  }

  /** Creates `target`; fails, naming it, when it cannot (it exists, its folder is not writable). */
  static async create(target: string): Promise<NdjsonOutput> {
    const stream = createWriteStream(target, { flags: 'wx' });
    try {
      await once(stream, 'open');
    } catch (error) {
      throw new Error(`cannot write ${target}: ${(error as Error).message}`, { cause: error });
    }
    return new NdjsonOutput(stream, target);
  }

  async write(text: string): Promise<void> {
    try {
      if (this.stream.errored) throw this.stream.errored;
      if (!this.stream.write(text)) await once(this.stream, 'drain');
    } catch (error) {
      throw new Error(`cannot write ${this.target}: ${(error as Error).message}`, { cause: error });
    }
  }

  /** Ends the file; says why if any of it could not be written. */
  async close(): Promise<string | undefined> {
    const error = await new Promise<Error | null | undefined>((closed) => this.stream.end(closed));
    return error ? `cannot write ${this.target}: ${error.message}` : undefined;
  }
}
