/// <reference lib="webworker" />
import { CaseDb, DEFAULT_CASE } from './caseDb';
import { CaseWriter } from './caseWriter';
import type { WriterRequest, WriterUpdate } from './writerProtocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const writer = new CaseWriter(new CaseDb(DEFAULT_CASE));

scope.onmessage = (event: MessageEvent<WriterRequest>) => {
  const { job, port } = event.data;
  writer.attach(job, port, (update: WriterUpdate) => scope.postMessage(update));
};
