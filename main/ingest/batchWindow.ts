/**
 * Acknowledgement-based backpressure: at most `size` batches may be unacknowledged; the sender
 * awaits `acquire` before posting and the receiver's ack calls `release`.
 */
export class BatchWindow {
  private readonly inFlight = new Set<number>();
  private readonly waiting: (() => void)[] = [];

  constructor(readonly size: number) {}

  async acquire(seq: number): Promise<void> {
    while (this.inFlight.size >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.inFlight.add(seq);
  }

  release(seq: number): void {
    if (this.inFlight.delete(seq)) this.waiting.shift()?.();
  }

  get pending(): number {
    return this.inFlight.size;
  }
}
