import { useEffect, useRef } from 'react';
import { api } from './api';
import { CaseSummary } from './case/CaseSummary';
import { EvidenceIssues } from './case/EvidenceIssues';
import { EventList } from './events/EventList';
import { IngestBanner } from './ingest/IngestBanner';
import { refreshOverview, startIngestSession } from './ingest/ingestSession';
import { QueryClient } from './query/queryClient';
import { useCairn } from './store';

export function App() {
  const overview = useCairn((state) => state.overview);
  const ingest = useCairn((state) => state.ingest);
  const error = useCairn((state) => state.error);
  const query = useRef<QueryClient | null>(null);

  useEffect(() => {
    const client = new QueryClient();
    query.current = client;
    const stop = startIngestSession(client);
    void refreshOverview(client);
    return stop;
  }, []);

  const openEvidence = async (): Promise<void> => {
    try {
      await api().openEvidence();
    } catch (failure) {
      useCairn.getState().setError(`Cannot open evidence: ${(failure as Error).message}`);
    }
  };

  const running = ingest?.running ?? false;
  const hasEvents = (overview?.count ?? 0) > 0;

  return (
    <div className="app">
      <header className="toolbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">Cairn</span>
          <span className="case-name">Untitled case</span>
        </div>
        <button type="button" className="primary" onClick={() => void openEvidence()} disabled={running}>
          Open evidence…
        </button>
      </header>
      {error && (
        <div className="alert" role="alert">
          {error}
        </div>
      )}
      {ingest && <IngestBanner view={ingest} />}
      <main className="content">
        {overview && (hasEvents || overview.files.length > 0) ? (
          <>
            <CaseSummary overview={overview} />
            <EvidenceIssues files={overview.files} />
            <EventList rows={overview.rows} total={overview.count} />
          </>
        ) : (
          !running && (
            <section className="empty">
              <h1>Open a CloudTrail export to begin</h1>
              <p>
                Pick a folder of trail files (<code>.json.gz</code>) as delivered to S3. Cairn reads them locally, read-only,
                and never connects to the network.
              </p>
              <button type="button" className="primary" onClick={() => void openEvidence()}>
                Open evidence…
              </button>
            </section>
          )
        )}
      </main>
    </div>
  );
}
