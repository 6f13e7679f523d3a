import type { FileRecord } from '../db/caseDb';

/** Every problem found in the evidence, with the file and where in it. */
export function EvidenceIssues({ files }: { files: FileRecord[] }) {
  const troubled = files.filter((file) => file.issues.length > 0);
  if (troubled.length === 0) return null;
  return (
    <section className="issues" aria-label="Evidence problems">
      <h2>
        {troubled.length} {troubled.length === 1 ? 'file has' : 'files have'} problems
      </h2>
      <ul>
        {troubled.flatMap((file) =>
          file.issues.map((issue, i) => (
            <li key={`${file.id}-${i}`} className={issue.severity}>
              <span className="issue-path">{[...file.container, file.path].join(' › ')}</span>
              {issue.location && <span className="issue-location">{issue.location}</span>}
              <span className="issue-message">{issue.message}</span>
            </li>
          )),
        )}
      </ul>
    </section>
  );
}
