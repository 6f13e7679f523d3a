/// <reference lib="webworker" />
import { CaseDb, DEFAULT_CASE } from '../db/caseDb';
import { CaseIndex } from './caseIndex';
import type { CaseOverview, QueryRequest, QueryResponse } from './queryProtocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const db = new CaseDb(DEFAULT_CASE);

async function overview(limit: number): Promise<CaseOverview> {
  const [segments, dictionary, files] = await db.transaction('r', [db.segments, db.dictionary, db.files], () =>
    Promise.all([db.segments.toArray(), db.dictionary.toArray(), db.files.toArray()]),
  );
  const index = CaseIndex.fromStore(segments, dictionary);
  const known = Number.isFinite(index.minTime);
  return {
    count: index.count,
    minTime: known ? index.minTime : null,
    maxTime: known && Number.isFinite(index.maxTime) ? index.maxTime : null,
    files,
    rows: index.rows(0, limit),
  };
}

scope.onmessage = async (event: MessageEvent<QueryRequest>) => {
  const request = event.data;
  let response: QueryResponse;
  try {
    response = { id: request.id, result: await overview(request.limit) };
  } catch (error) {
    response = { id: request.id, error: (error as Error).message };
  }
  scope.postMessage(response);
};
