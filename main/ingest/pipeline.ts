import type { CairnEvent, EvidenceFile, IngestIssue } from '../../shared/event';
import type { IngestMessage, IngestProgress, JobId } from '../../shared/ipc';
import { listFiles } from './listFiles';
import { readEvidence } from './readEvidence';
import { trailEvents } from './trailEvents';

export interface IngestOptions {
  /** Events per batch message. */
  batchSize?: number;
}

/**
 * Reads the picked paths and yields the messages of one ingest job, in order: a plan, then
 * batches of events interleaved with one record per evidence file and progress, then done.
 * Plain Node, so the app's worker, the command line and the tests all run this same code.
 */
export async function* ingest(job: JobId, paths: readonly string[], options: IngestOptions = {}): AsyncGenerator<IngestMessage> {
  const batchSize = options.batchSize ?? 1000;
  const listed = await listFiles(paths);
  const progress: IngestProgress = {
    filesDone: 0,
    filesTotal: listed.length,
    bytesDone: 0,
    bytesTotal: listed.reduce((sum, file) => sum + file.size, 0),
    events: 0,
    errors: 0,
  };
  yield { type: 'plan', job, filesTotal: progress.filesTotal, bytesTotal: progress.bytesTotal };

  let seq = 0;
  let batch: CairnEvent[] = [];
  for (const [index, { path, size, error }] of listed.entries()) {
    const issues: IngestIssue[] = error ? [{ severity: 'error', message: error, location: '' }] : [];
    let file: EvidenceFile = { index, path, format: 'unreadable', size, sha256: '', contentSha256: '', events: 0, issues };
    if (!error) {
      try {
        const read = await readEvidence(path);
        if (read.issue) issues.push(read.issue);
        file = { ...file, size: read.size, sha256: read.sha256, contentSha256: read.contentSha256, format: 'cloudtrail-records' };
        for (const event of trailEvents(read.content.toString('utf8'), index, issues)) {
          batch.push(event);
          file.events++;
          if (batch.length >= batchSize) {
            yield { type: 'batch', job, seq: seq++, events: batch };
            batch = [];
          }
        }
        if (file.events === 0 && issues.length > 0) file.format = 'unrecognised';
      } catch (readError) {
        issues.push({ severity: 'error', message: `cannot read file: ${(readError as Error).message}`, location: '' });
      }
    }
    progress.filesDone++;
    progress.bytesDone += size;
    progress.events += file.events;
    progress.errors += issues.filter((issue) => issue.severity === 'error').length;
    yield { type: 'file', job, file };
    yield { type: 'progress', job, progress: { ...progress } };
  }
  if (batch.length > 0) yield { type: 'batch', job, seq, events: batch };
  yield { type: 'done', job, progress: { ...progress }, cancelled: false };
}
