import { useEffect, useRef, useState } from 'react';
import { counted } from '../../shared/counted';
import { errorCount } from '../../shared/event';
import { fileNameParts } from '../../shared/printable';
import { query, rememberReading, report } from '../cases/caseSession';
import { CopyButton } from '../explorer/CopyButton';
import { Identifier } from '../explorer/Identifier';
import { formatBytes, formatCount } from '../format';
import type { EvidenceEntry } from '../query/distinctEvidence';
import { firstEvidenceDirection, type EvidencePage, type EvidenceQuery, type EvidenceShow, type EvidenceSortKey, type EvidenceSummary } from '../query/evidenceListing';
import type { CaseOverview } from '../query/queryProtocol';
import { useCairn } from '../store';
import { SortHeader, type SortColumn } from '../ui/SortHeader';
import { pickedOrder } from '../ui/sortOrder';
import { readingsNote, stopTime } from './readingsNote';
import { Sha256 } from './Sha256';

/** A file's whole location, wrapped at its folders, archives and '_' (see Identifier), its own name in bold: a long path no longer hides the name. */
function FileCell({ file }: { file: EvidenceEntry }) {
  const { place, name } = fileNameParts(file);
  return (
    <td className="mono path" title={place + name}>
      <Identifier text={place} />
      <span className="file-base">
        <Identifier text={name} />
      </span>
    </td>
  );
}

/**
 * A file's SHA-256 as read, cut to what its column shows (the whole, and the decompressed one, on
 * hover), with a button that copies the whole; selecting the hash copies it whole too.
 */
function HashCell({ file }: { file: EvidenceEntry }) {
  if (file.sha256 === '') {
    return (
      <td className="mono hash">
        <Sha256 file={file} />
      </td>
    );
  }
  const decompressed = file.contentSha256 !== file.sha256 ? `\ndecompressed: ${file.contentSha256}` : '';
  return (
    <td className="mono hash">
      <div className="hash-cut">
        <span className="hash-text" title={`${file.sha256}${decompressed}`}>{file.sha256}</span>
        <CopyButton text={file.sha256} label="Copy" name={`Copy the SHA-256 of ${fileNameParts(file).name}`} />
      </div>
    </td>
  );
}

/** What the panel counts of a file's conflicts: unlike the import, which counts each later copy once (see IngestBanner), both copies. */
const EVENTS_IN_CONFLICT =
  "Events of this file with a conflicting copy (same eventID, different content), in this file or another. Both copies count, each in its own file, so the column adds up to more than the import's conflicting copies";

/** The panel's columns that order the files by what they show (all but the hash). */
const COLUMNS: SortColumn<EvidenceSortKey>[] = [
  { key: 'file', title: 'File', hint: 'Order by path (archives first, then the path inside them)' },
  { key: 'format', title: 'Format', hint: 'Order by format' },
  { key: 'size', title: 'Size', hint: 'Order by size', numeric: true },
  { key: 'events', title: 'Events', hint: 'Order by the number of events', numeric: true },
  { key: 'duplicates', title: 'Duplicates', hint: 'Order by the number of duplicates', numeric: true },
  // 'Events in' kept together (a no-break space): in a narrow window the header takes two lines, not a word a line.
  { key: 'conflicts', title: 'Events\u00a0in conflict', hint: `${EVENTS_IN_CONFLICT}. Orders the files by it`, numeric: true },
  { key: 'errors', title: 'Errors', hint: 'Order by the number of errors', numeric: true },
];

/** Files drawn at a time: a few screens' worth, drawn at once; "Show more" draws as many again. */
export const EVIDENCE_PAGE = 100;

/** The evidence in one line: how many files and events, and how many files have problems of each kind. */
function summaryLine({ files, events, withErrors, warningsOnly, withDuplicates, withConflicts }: EvidenceSummary): string {
  return [
    counted(files, 'file', formatCount(files)),
    counted(events, 'event', formatCount(events)),
    `${counted(withErrors, 'file', formatCount(withErrors))} with errors`,
    `${formatCount(warningsOnly)} with warnings only`,
    `${formatCount(withDuplicates)} with duplicates`,
    `${formatCount(withConflicts)} with events in conflict`,
  ].join(' · ');
}

/** A row under a file's row: a note, an earlier reading's stop or a problem, wrapped to the table's width, never widening it. */
function IssueRow({ className, label, location = '', message }: { className: string; label: string; location?: string; message: string }) {
  return (
    <tr className={`issue-row ${className}`}>
      <td colSpan={8}>
        <div className="issue-text">
          <span className="issue-severity">{label}</span>
          {location && <span className="issue-location">{location}</span>}
          <span className="issue-message">{message}</span>
        </div>
      </td>
    </tr>
  );
}

/** One file's row, and under it a row for each of its notes, the stops of its earlier readings and its problems, with their location. */
function FileRows({ file }: { file: EvidenceEntry }) {
  const errors = errorCount(file);
  const note = readingsNote(file);
  return (
    <>
      <tr className={errors > 0 ? 'has-errors' : ''}>
        <FileCell file={file} />
        <td className="format">{file.format}</td>
        <td className="num size">{formatBytes(file.size)}</td>
        <td className="num">{formatCount(file.events)}</td>
        <td className="num">{formatCount(file.duplicates)}</td>
        <td className="num">{formatCount(file.conflicts)}</td>
        <td className="num">{formatCount(errors)}</td>
        <HashCell file={file} />
      </tr>
      {note !== null && <IssueRow className="note" label="note" message={note} />}
      {file.stops.map(({ reading, issue }, i) => (
        <IssueRow key={`stop ${i}`} className="note stopped" label="stopped" location={issue.location} message={`${stopTime(reading)}${issue.message}`} />
      ))}
      {file.issues.map((issue, i) => (
        <IssueRow key={i} className={issue.severity} label={issue.severity} location={issue.location} message={issue.message} />
      ))}
    </>
  );
}

/**
 * Every evidence file of the case, once however often it was added: what it is, what it held,
 * its hashes and its problems with their location. Tens of thousands of files are usual (one per
 * region per 5 minutes), so the query worker filters and orders them and the panel draws a page
 * at a time: the choices above the table bring the few files that matter to the top.
 */
export function EvidencePanel({ caseDb, overview }: { caseDb: string; overview: CaseOverview }) {
  const choices = useCairn((state) => state.evidenceQuery);
  const [limit, setLimit] = useState(EVIDENCE_PAGE);
  const [page, setPage] = useState<EvidencePage | null>(null);
  const asked = useRef(0);
  const summary = overview.evidence;

  // Asked again when the case has grown (an import) as well as when a choice changes; only the latest answer is shown.
  useEffect(() => {
    const request = ++asked.current;
    query.ask({ type: 'evidence', caseDb, query: choices, limit }).then((answer) => {
      if (asked.current === request) setPage(answer);
    }, report('Cannot list the evidence'));
  }, [caseDb, overview, choices, limit]);

  const choose = (changes: Partial<EvidenceQuery>): void => {
    useCairn.getState().set({ evidenceQuery: { ...choices, ...changes } });
    rememberReading();
    setLimit(EVIDENCE_PAGE);
  };
  const filtered = choices.show !== 'all' || choices.text.trim() !== '';
  const shows: [EvidenceShow, string][] = [
    ['all', 'all files'],
    ['errors', `files with errors (${formatCount(summary.withErrors)})`],
    ['problems', `files with errors or warnings (${formatCount(summary.withErrors + summary.warningsOnly)})`],
    ['conflicts', `files with events in conflict (${formatCount(summary.withConflicts)})`],
  ];

  return (
    <section className="evidence" aria-label="Evidence">
      <p className="evidence-summary" data-testid="evidence-summary">
        {summaryLine(summary)}
      </p>
      <div className="filter-bar evidence-choices" role="toolbar" aria-label="Evidence files">
        <label>
          Show{' '}
          <select value={choices.show} onChange={(event) => choose({ show: event.target.value as EvidenceShow })}>
            {shows.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <input
          type="search"
          className="evidence-find"
          aria-label="Find files whose path or S3 key contains"
          placeholder="Path or S3 key contains…"
          value={choices.text}
          onChange={(event) => choose({ text: event.target.value })}
        />
        <span className="evidence-count" data-testid="evidence-count">
          {page === null ? 'Reading…' : filtered ? `${formatCount(page.matching)} of ${counted(summary.files, 'file', formatCount(summary.files))}` : counted(summary.files, 'file', formatCount(summary.files))}
        </span>
      </div>
      <div className="evidence-files">
        <table>
          <thead>
            <tr>
              {COLUMNS.map((column) => (
                <SortHeader key={column.key} column={column} sort={choices.sort} onSort={(key) => choose({ sort: pickedOrder(choices.sort, key, firstEvidenceDirection) })} />
              ))}
              <th scope="col">SHA-256</th>
            </tr>
          </thead>
          <tbody>
            {page?.files.map((file) => (
              <FileRows key={file.id} file={file} />
            ))}
          </tbody>
        </table>
        {page && page.matching === 0 && <p className="evidence-none">No file is shown with these choices.</p>}
        {page && page.matching > page.files.length && (
          <p className="evidence-more">
            Showing the first {formatCount(page.files.length)} of {formatCount(page.matching)}.{' '}
            <button type="button" onClick={() => setLimit(page.files.length + EVIDENCE_PAGE)}>
              Show {formatCount(Math.min(EVIDENCE_PAGE, page.matching - page.files.length))} more
            </button>
          </p>
        )}
      </div>
    </section>
  );
}
