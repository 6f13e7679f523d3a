import { api } from '../api';
import { JOB_CANCELLED } from './addAgain';
import { conflictingCopies, counted } from '../../shared/counted';
import { LISTING_ID } from '../explorer/EventTable';
import { formatBytes, formatCount } from '../format';
import { useCairn, type IngestView } from '../store';

/** The conflict count, told on hover; the evidence panel counts each file's events in conflict, both copies. */
const CONFLICTING_COPIES = 'Events stored beside an earlier copy with the same eventID and different content: each later copy counts once, its first copy not';

/** Removes the summary of an import that is over; the keyboard goes to the listing, not to the page's body with the removed button. */
function dismiss(): void {
  useCairn.getState().set({ ingest: null });
  document.getElementById(LISTING_ID)?.focus({ preventScroll: true });
}

/** Progress of the current import while it runs, and how it ended afterwards, until dismissed. */
export function IngestBanner({ view }: { view: IngestView }) {
  const { progress } = view;
  const status = view.running
    ? progress.filesTotal === 0
      ? 'Listing evidence files…'
      : `Reading file ${Math.min(progress.filesDone + 1, progress.filesTotal)} of ${formatCount(progress.filesTotal)}`
    : view.error
      ? 'Import stopped'
      : view.cancelled
        ? 'Import cancelled'
        : 'Import complete';
  return (
    <section className={`ingest ${view.error ? 'ingest-failed' : ''}`} aria-label="Import progress">
      <div className="ingest-line">
        <strong>{status}</strong>
        <span>
          {/* An import the app closed on is told of later, its bytes unknown. */}
          {(view.running || progress.bytesTotal > 0) && `${formatBytes(progress.bytesDone)} of ${formatBytes(progress.bytesTotal)} · `}
          <span data-testid="stored-count">{formatCount(view.stored)}</span>{' '}
          {view.stored === 1 ? 'event' : 'events'} stored
          {progress.duplicates > 0 && ` · ${counted(progress.duplicates, 'duplicate', formatCount(progress.duplicates))} skipped`}
          {progress.conflicts > 0 && (
            <>
              {' · '}
              <span title={CONFLICTING_COPIES}>{conflictingCopies(progress.conflicts, formatCount(progress.conflicts))}</span>
            </>
          )}
          {progress.errors > 0 && ` · ${counted(progress.errors, 'error', formatCount(progress.errors))}`}
        </span>
        {view.running ? (
          <button type="button" onClick={() => void api().cancelIngest(view.job)}>
            Cancel
          </button>
        ) : (
          // Once over, the summary can go: its figures stay with the case (summary, evidence panel), and the listing gets its room.
          <button type="button" className="dismiss" aria-label="Dismiss the import summary" title="Dismiss" onClick={dismiss}>
            ×
          </button>
        )}
      </div>
      {view.running && <progress max={Math.max(progress.bytesTotal, 1)} value={progress.bytesDone} />}
      {view.error && <p className="ingest-error">{view.error}</p>}
      {!view.running && view.cancelled && !view.error && <p className="ingest-next">{JOB_CANCELLED}</p>}
    </section>
  );
}
