import type { EvidenceFile } from '../../shared/event';
import { missingHash } from '../../shared/printable';

/** A file's SHA-256 as read, or, muted where it has none, why not: an empty place would read as a missing feature. */
export function Sha256({ file }: { file: Pick<EvidenceFile, 'path' | 'sha256' | 'unread'> }) {
  return file.sha256 === '' ? <span className="not-hashed">{missingHash(file)}</span> : <>{file.sha256}</>;
}
