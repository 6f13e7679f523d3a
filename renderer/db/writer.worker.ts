/// <reference lib="webworker" />
import { CaseDb, DURABILITY } from './caseDb';
import { CaseWriter } from './caseWriter';
import type { WriterRequest, WriterUpdate } from './writerProtocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<WriterRequest>) => {
  const { job, port, caseDb } = event.data;
  const db = new CaseDb(caseDb, DURABILITY.import);
  new CaseWriter(db).attach(job, port, (update: WriterUpdate) => {
    const ended = update.kind === 'failed' || (update.kind === 'ingest' && update.message.type === 'done');
    if (ended) db.close();
    scope.postMessage(update);
  });
};
