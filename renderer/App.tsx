import { useEffect } from 'react';
import { printable } from '../shared/printable';
import { pickEvidence } from './case/addEvidence';
import { CaseSummary } from './case/CaseSummary';
import { EvidenceDrop } from './case/EvidenceDrop';
import { EvidencePanel } from './case/EvidencePanel';
import { caseDbName } from './cases/caseRegistry';
import { closeCase, refreshCases, rememberReading, showTab } from './cases/caseSession';
import { StartScreen } from './cases/StartScreen';
import { DetailPane } from './explorer/DetailPane';
import { EventTable } from './explorer/EventTable';
import { FilterBar } from './explorer/FilterBar';
import { formatCount } from './format';
import { IngestBanner } from './ingest/IngestBanner';
import { startIngestSession } from './ingest/ingestSession';
import { useCairn } from './store';

/** An open case: its figures, the explorer (listing and detail) and the evidence panel. */
function CaseWorkspace() {
  const { current, overview, view, listingVersion, listingGrew, marksVersion, selected, tab, ingest } = useCairn();
  if (!current) return null;
  const caseDb = caseDbName(current.id);
  const running = ingest?.running ?? false;
  const empty = overview !== null && overview.count === 0 && overview.evidence.files === 0;
  return (
    <>
      {overview && !empty && <CaseSummary overview={overview} importing={running} />}
      {empty && !running ? (
        <section className="empty">
          <h2>Add the evidence for this case</h2>
          <p>
            Pick trail files as delivered to S3 (<code>.json.gz</code>), archives (<code>.zip</code>, <code>.tar.gz</code>) or exports (lookup-events, CloudWatch Logs, CSV),
            or drop files and folders onto this window. Cairn reads them locally, read-only, and never connects to the network.
          </p>
          <button type="button" className="primary" onClick={() => void pickEvidence()}>
            Add evidence…
          </button>
        </section>
      ) : (
        overview && (
          <>
            <div className="tabs" role="tablist">
              <button type="button" role="tab" aria-selected={tab === 'events'} onClick={() => showTab('events')}>
                Events
              </button>
              <button type="button" role="tab" aria-selected={tab === 'evidence'} onClick={() => showTab('evidence')}>
                Evidence ({formatCount(overview.evidence.files)})
              </button>
            </div>
            {tab === 'events' ? (
              <div className="explorer">
                <div className="listing">
                  <FilterBar caseDb={caseDb} view={view} />
                  <EventTable caseDb={caseDb} view={view} version={listingVersion} grew={listingGrew} importing={running} marksVersion={marksVersion} timeDigits={overview.timeDigits} selected={selected} onSelect={(row) => {
                      useCairn.getState().set({ selected: row });
                      rememberReading();
                    }} />
                </div>
                {selected ? (
                  <DetailPane key={`${selected.segment}:${selected.row}`} caseDb={caseDb} row={selected} view={view} />
                ) : (
                  <aside className="detail detail-empty" aria-label="Event detail">
                    <p>Select an event to see its original JSON, who made it and where it came from.</p>
                    <p className="keys">In the listing: ↑ ↓ select, Enter moves into the detail, Esc clears the selection. In the detail, Esc returns to the listing. / or Ctrl+F finds a value.</p>
                  </aside>
                )}
              </div>
            ) : (
              <EvidencePanel caseDb={caseDb} overview={overview} />
            )}
          </>
        )
      )}
    </>
  );
}

export function App() {
  const current = useCairn((state) => state.current);
  const ingest = useCairn((state) => state.ingest);
  const error = useCairn((state) => state.error);
  const adding = useCairn((state) => state.adding);

  useEffect(() => {
    const stop = startIngestSession();
    void refreshCases();
    return stop;
  }, []);

  const running = (ingest?.running ?? false) || adding;
  return (
    <div className="app">
      <header className="toolbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">Cairn</span>
          {current && (
            // The open case's name heads the page: the explorer's headings come under it.
            <h1 className="case-name" title={printable(current.name)}>
              {printable(current.name)}
            </h1>
          )}
        </div>
        {current && (
          <div className="toolbar-actions">
            <button type="button" className="primary" onClick={() => void pickEvidence()} disabled={running}>
              Add evidence…
            </button>
            <button type="button" onClick={() => void closeCase()} disabled={running}>
              Close case
            </button>
          </div>
        )}
      </header>
      {error && (
        <div className="alert" role="alert">
          {error}
        </div>
      )}
      {ingest && <IngestBanner view={ingest} />}
      <main className="content">{current ? <CaseWorkspace /> : <StartScreen />}</main>
      <EvidenceDrop />
    </div>
  );
}
