import { parentPort, workerData } from 'node:worker_threads';
import { identityBuffers } from './dedup';
import { nextTurn } from './nextTurn';
import { parseDiskFile, type ParseOutput } from './parseDisk';
import { parseSettings, readSmall, type ParseReport, type ParseRequest, type ParseWorkerData } from './parsePool';

/** Outputs this worker may have sent and not yet seen read by the job. */
const WINDOW = 32;

/** Parse-worker entry: parses the files on disk it is given, in order, pausing on unread outputs. */
const port = parentPort!;
const settings = parseSettings(workerData as ParseWorkerData);
const queue: { disk: number; path: string; size: number }[] = [];
let unread = 0;
let resume: (() => void) | undefined;
let running = false;

const send = async (disk: number, output: ParseOutput): Promise<void> => {
  while (unread >= WINDOW) await new Promise<void>((wake) => (resume = wake));
  unread++;
  const report: ParseReport = { type: 'output', disk, output };
  port.postMessage(report, output.type === 'events' ? identityBuffers(output.identities) : []);
};

async function drainQueue(): Promise<void> {
  running = true;
  for (let next = queue.shift(); next; next = queue.shift()) {
    const { disk, path, size } = next;
    try {
      // A turn of the event loop before each file: parsing runs on promises that never leave it,
      // and the job's requests and acknowledgements come in only in such turns.
      await nextTurn();
      await parseDiskFile({ path, size, whole: readSmall(path, size) }, settings, (output) => send(disk, output));
      port.postMessage({ type: 'end', disk } satisfies ParseReport);
    } catch (error) {
      port.postMessage({ type: 'failed', disk, message: `${path}: ${(error as Error).message}` } satisfies ParseReport);
    }
  }
  running = false;
}

port.on('message', (request: ParseRequest) => {
  if (request.type === 'ack') {
    unread--;
    const wake = resume;
    resume = undefined;
    wake?.();
    return;
  }
  queue.push({ disk: request.disk, path: request.path, size: request.size });
  if (!running) void drainQueue();
});
