import { randomUUID } from 'node:crypto';
import { isAbsolute } from 'node:path';
import { API_CHANNELS, MAX_COPY_CHARS, isJobId, type ApiChannel, type JobId, type MainApi } from '../shared/ipc';
import { startIngestJob, type IngestPort, type RunningJob } from './ingestJob';

/** A handler per API call, typed from the contract: each receives the calling sender first. */
export type Handlers<Api, Sender> = {
  [K in keyof Api]: Api[K] extends (...args: infer A) => infer R ? (sender: Sender, ...args: A) => R : never;
};

/** Turns untrusted arguments into the call's parameters, or throws. */
type Validators<Api> = { [K in keyof Api]: Api[K] extends (...args: infer A) => unknown ? (args: unknown[]) => A : never };

function expectArity(channel: string, args: unknown[], count: number): void {
  if (args.length !== count) throw new TypeError(`${channel}: expected ${count} argument(s), got ${args.length}`);
}

/** The most paths one drop may carry, and the longest path accepted (Linux's PATH_MAX). */
const MAX_DROPPED_PATHS = 10_000;
const MAX_PATH_CHARS = 4096;

const isDroppedPath = (path: unknown): path is string =>
  typeof path === 'string' && path.length <= MAX_PATH_CHARS && !path.includes('\0') && isAbsolute(path);

const validators: Validators<MainApi> = {
  openEvidence(args) {
    expectArity('openEvidence', args, 0);
    return [];
  },
  addDroppedEvidence(args) {
    expectArity('addDroppedEvidence', args, 1);
    const paths: unknown = args[0];
    if (!Array.isArray(paths) || paths.length === 0 || paths.length > MAX_DROPPED_PATHS) {
      throw new TypeError(`addDroppedEvidence: expected an array of 1 to ${MAX_DROPPED_PATHS} paths`);
    }
    // A loop, not every(): it visits the holes of a sparse array too.
    for (let i = 0; i < paths.length; i++) {
      if (!isDroppedPath(paths[i])) throw new TypeError(`addDroppedEvidence: path ${i} is not an absolute path of at most ${MAX_PATH_CHARS} characters`);
    }
    return [paths as string[]];
  },
  cancelIngest(args) {
    expectArity('cancelIngest', args, 1);
    if (!isJobId(args[0])) throw new TypeError('cancelIngest: invalid job id');
    return [args[0]];
  },
  copyText(args) {
    expectArity('copyText', args, 1);
    if (typeof args[0] !== 'string' || args[0].length > MAX_COPY_CHARS) throw new TypeError('copyText: expected a string of at most 64 Mi characters');
    return [args[0]];
  },
};

/** What the handlers need from their host: Electron in the app, the harness in tests. */
export interface MainServices<Sender> {
  chooseEvidence(sender: Sender): Promise<string[] | null>;
  openIngestPort(sender: Sender, job: JobId): IngestPort;
  writeClipboard(text: string): void;
  ingestWorkerPath: string;
}

/** The main-side implementation of every API call. */
export function createHandlers<Sender>(services: MainServices<Sender>): Handlers<MainApi, Sender> {
  const jobs = new Map<JobId, RunningJob>();
  const startJob = (sender: Sender, paths: readonly string[]): JobId => {
    const job: JobId = `job-${randomUUID()}`;
    const running = startIngestJob(services.ingestWorkerPath, job, paths, services.openIngestPort(sender, job));
    jobs.set(job, running);
    void running.finished.then(() => jobs.delete(job));
    return job;
  };
  return {
    async openEvidence(sender) {
      const paths = await services.chooseEvidence(sender);
      return paths && paths.length > 0 ? startJob(sender, paths) : null;
    },
    async addDroppedEvidence(sender, paths) {
      return startJob(sender, paths);
    },
    async cancelIngest(_sender, job) {
      await jobs.get(job)?.cancel();
    },
    async copyText(_sender, text) {
      services.writeClipboard(text);
    },
  };
}

/** Validates a call from the page and runs its handler; unknown channels and bad arguments throw. */
export function dispatch<Sender>(handlers: Handlers<MainApi, Sender>, channel: unknown, args: unknown, sender: Sender): Promise<unknown> {
  if (!API_CHANNELS.includes(channel as ApiChannel)) throw new TypeError(`unknown call: ${String(channel)}`);
  if (!Array.isArray(args)) throw new TypeError('arguments must be an array');
  const name = channel as ApiChannel;
  const call = handlers[name] as (sender: Sender, ...args: unknown[]) => Promise<unknown>;
  return call(sender, ...validators[name](args));
}
