import { formatBytes, formatCount } from '../format';
import { fileName } from '../../shared/printable';
import type { EvidenceEntry } from '../query/distinctEvidence';
import { Sha256 } from './Sha256';

/** Where in a file's shown name (archive chain › path) its own name begins: after the last folder or archive. */
function nameStart(shown: string): number {
  const chain = shown.lastIndexOf(' › ');
  return Math.max(shown.lastIndexOf('/') + 1, shown.lastIndexOf('\\') + 1, chain < 0 ? 0 : chain + 3);
}

/** A file's whole location, wrapped where it must, its own name in bold: a long path no longer hides the name. */
function FileCell({ shown }: { shown: string }) {
  const start = nameStart(shown);
  return (
    <td className="mono path" title={shown}>
      {shown.slice(0, start)}
      <span className="file-base">{shown.slice(start)}</span>
    </td>
  );
}

/** What the panel counts of a file's conflicts: unlike the import, which counts each later copy once (see IngestBanner), both copies. */
const EVENTS_IN_CONFLICT =
  "Events of this file with a conflicting copy (same eventID, different content), in this file or another. Both copies count, each in its own file, so the column adds up to more than the import's conflicting copies";

/**
 * Every evidence file of the case, once however often it was added: what it is, what it held,
 * its hashes and its problems with their location.
 */
export function EvidencePanel({ files }: { files: EvidenceEntry[] }) {
  return (
    <section className="evidence" aria-label="Evidence">
      <table>
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Format</th>
            <th scope="col">Size</th>
            <th scope="col">Events</th>
            <th scope="col">Duplicates</th>
            <th scope="col" title={EVENTS_IN_CONFLICT}>
              Events in conflict
            </th>
            <th scope="col">Errors</th>
            <th scope="col">SHA-256</th>
          </tr>
        </thead>
        <tbody>
          {files.map((file) => {
            const errors = file.issues.filter((issue) => issue.severity === 'error').length;
            return [
              <tr key={file.id} className={errors > 0 ? 'has-errors' : ''}>
                <FileCell shown={fileName(file)} />
                <td>{file.format}</td>
                <td className="num size">{formatBytes(file.size)}</td>
                <td className="num">{formatCount(file.events)}</td>
                <td className="num">{formatCount(file.duplicates)}</td>
                <td className="num">{formatCount(file.conflicts)}</td>
                <td className="num">{formatCount(errors)}</td>
                <td className="mono hash" title={file.contentSha256 !== file.sha256 ? `decompressed: ${file.contentSha256}` : undefined}>
                  <Sha256 file={file} />
                </td>
              </tr>,
              file.additions > 1 && (
                <tr key={`${file.id}-added`} className="issue-row note">
                  <td colSpan={8}>
                    <span className="issue-severity">note</span>
                    <span className="issue-message">Added {formatCount(file.additions)} times (same path and SHA-256): its events are counted once</span>
                  </td>
                </tr>
              ),
              ...file.issues.map((issue, i) => (
                <tr key={`${file.id}-${i}`} className={`issue-row ${issue.severity}`}>
                  <td colSpan={8}>
                    <span className="issue-severity">{issue.severity}</span>
                    {issue.location && <span className="issue-location">{issue.location}</span>}
                    <span className="issue-message">{issue.message}</span>
                  </td>
                </tr>
              )),
            ];
          })}
        </tbody>
      </table>
    </section>
  );
}
