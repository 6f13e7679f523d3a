import type { ListedFile } from './walkFiles';

/**
 * The files of a walk, fetched in the background a few ahead of the job so that a pool can start
 * on them early: at most `room` are held, from the one the job is at on. The job takes them in
 * order with `entries`; the pool hears each one fetched (`arrived`) and takes it with `look`.
 */
export class Lookahead {
  /** The files fetched from the job's on: files[0] is at place `first`. */
  private readonly files: ListedFile[] = [];
  private first = 0;
  /** The place of the next file `look` gives. */
  private looked = 0;
  private ended = false;
  private failure: { error: unknown } | undefined;
  /** Whoever waits: the job for a file or the fetch for room (never both: room is at least 1). */
  private wake: (() => void) | undefined;

  constructor(
    source: Iterable<ListedFile>,
    private readonly room: number,
    private readonly arrived: () => void,
  ) {
    void this.fetch(source);
  }

  /** The files in order with their places; each is held (and can be looked at) until the next is asked for. */
  async *entries(): AsyncGenerator<[number, ListedFile]> {
    for (;;) {
      while (this.files.length === 0 && !this.ended) await new Promise<void>((resolve) => (this.wake = resolve));
      const file = this.files[0];
      if (!file) {
        if (this.failure) throw this.failure.error;
        return;
      }
      yield [this.first, file];
      this.files.shift();
      this.first++;
      this.looked = Math.max(this.looked, this.first);
      this.notify();
    }
  }

  /** The file at this place, if fetched and the job is not past it. */
  get(place: number): ListedFile | undefined {
    return place < this.first ? undefined : this.files[place - this.first];
  }

  /** The next file fetched and not looked at yet, with its place: never one the job is past. */
  look(): [number, ListedFile] | undefined {
    const file = this.get(this.looked);
    return file && [this.looked++, file];
  }

  /** Stops fetching. */
  close(): void {
    this.ended = true;
    this.notify();
  }

  private async fetch(source: Iterable<ListedFile>): Promise<void> {
    try {
      for await (const file of source) {
        // Closed while the walk was finding this file.
        if (this.ended) break;
        this.files.push(file);
        this.arrived();
        this.notify();
        while (this.files.length >= this.room && !this.ended) await new Promise<void>((resolve) => (this.wake = resolve));
        if (this.ended) break;
      }
    } catch (error) {
      this.failure = { error };
    }
    this.ended = true;
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
