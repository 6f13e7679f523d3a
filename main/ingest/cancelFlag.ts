import { ReadCancelled } from './readers/byteStreams';

/**
 * A job's request to stop, in shared memory so that every thread parsing for the job sees it at
 * once, however busy its event loop. Readers look at it per chunk read and per file, never per
 * event: the event path stays as fast as without it.
 */
export class CancelFlag {
  private readonly flag: Int32Array;

  constructor(readonly memory = new SharedArrayBuffer(4)) {
    this.flag = new Int32Array(memory);
  }

  cancel(): void {
    Atomics.store(this.flag, 0, 1);
  }

  get cancelled(): boolean {
    return Atomics.load(this.flag, 0) === 1;
  }

  /** Stops a reader about to read on (`location`: where, when it knows better than the file it cuts short). */
  check(location = ''): void {
    if (this.cancelled) throw new ReadCancelled(location);
  }
}
