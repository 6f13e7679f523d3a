/**
 * The decompressed bytes one job has read, all files, layers and parse threads together: a
 * counter in shared memory, so the job's total limit holds however many threads read.
 */
export class JobTotals {
  private readonly counter: BigInt64Array;

  constructor(readonly memory = new SharedArrayBuffer(8)) {
    this.counter = new BigInt64Array(memory);
  }

  add(bytes: number): void {
    Atomics.add(this.counter, 0, BigInt(bytes));
  }

  get bytes(): number {
    return Number(Atomics.load(this.counter, 0));
  }
}
