/**
 * An in-order queue between a producer and one consumer that iterates it. `push` waits while
 * `capacity` items are unread (backpressure); `onTake` hears each item read; `close` ends it,
 * with an error to throw at the consumer once the items before it are read.
 */
export class Channel<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private wakeReader: (() => void) | undefined;
  private wakeWriter: (() => void) | undefined;
  private closed = false;
  private failure: { error: unknown } | undefined;

  constructor(
    private readonly capacity = Infinity,
    private readonly onTake: () => void = () => undefined,
  ) {}

  async push(item: T): Promise<void> {
    this.items.push(item);
    this.wake();
    while (this.items.length >= this.capacity && !this.closed) await new Promise<void>((resolve) => (this.wakeWriter = resolve));
  }

  /** True while nothing is there to read and more may come. */
  get empty(): boolean {
    return this.items.length === 0 && !this.closed;
  }

  close(error?: unknown): void {
    this.closed = true;
    if (error !== undefined) this.failure = { error };
    this.wake();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    for (;;) {
      if (this.items.length > 0) {
        const item = this.items.shift()!;
        this.onTake();
        const writer = this.wakeWriter;
        this.wakeWriter = undefined;
        writer?.();
        yield item;
      } else if (this.closed) {
        if (this.failure) throw this.failure.error;
        return;
      } else await new Promise<void>((resolve) => (this.wakeReader = resolve));
    }
  }

  private wake(): void {
    const reader = this.wakeReader;
    this.wakeReader = undefined;
    reader?.();
  }
}
