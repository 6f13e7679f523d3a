import type { IngestMessage } from '../shared/ipc';

type Announcement = Extract<IngestMessage, { type: 'reading' }>;

/**
 * How far a job got, from the messages it sent: the files on disk it took from the walk, the next
 * index in the job, and the files it named that have no record yet (the file on disk it
 * announced, those its batches named). Kept by main, to record what the job had not reached and
 * count what the case records, should the job's thread die. Per message, never per event. It
 * also keeps the job's announcement of the file it started last while nothing else names that
 * file (no batch, no record): main passes that on only should the job die, so that the case can
 * name the file, instead of passing one more message per file to the renderer.
 */
export class JobReach {
  /** Files on disk taken from the walk: each announced, or recorded at once (one the walk says is not read). */
  walked = 0;
  nextIndex = 0;
  readonly unrecorded = new Set<number>();
  private announced = -1;
  /** The last announcement, while no batch or record has named its file since. */
  unnamed: Announcement | undefined;

  note(message: IngestMessage): void {
    if (message.type === 'reading') {
      this.walked++;
      this.announced = message.file.index;
      this.unnamed = message;
      this.named(message.file.index);
    } else if (message.type === 'batch') {
      for (const file of message.inProgress) this.named(file.index);
      if (message.inProgress.some((file) => file.index === this.announced)) this.unnamed = undefined;
    } else if (message.type === 'file') {
      const { index, container } = message.file;
      if (container.length === 0 && index !== this.announced) this.walked++;
      if (index === this.announced) this.unnamed = undefined;
      this.nextIndex = Math.max(this.nextIndex, index + 1);
      this.unrecorded.delete(index);
    }
  }

  private named(index: number): void {
    this.nextIndex = Math.max(this.nextIndex, index + 1);
    this.unrecorded.add(index);
  }
}
