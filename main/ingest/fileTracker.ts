import type { EvidenceFile, IngestIssue } from '../../shared/event';
import { printable } from '../../shared/printable';

/** Issues listed one by one per file; past this, they are counted in one closing line. */
const LISTED_ISSUES = 50;

/**
 * The S3 key a path shows: from `AWSLogs/` on, as CloudTrail names delivered objects. None for
 * the macOS metadata a Mac adds beside each file (`__MACOSX/` and `._` copies), which CloudTrail
 * never writes: their paths mirror the logs' and would claim the logs' keys.
 */
export function s3KeyOf(path: string): string {
  const normalized = path.replaceAll('\\', '/');
  if (/(?:^|\/)(?:__MACOSX\/|\._[^/]*$)/.test(normalized)) return '';
  const at = normalized.lastIndexOf('AWSLogs/');
  return at >= 0 ? normalized.slice(at) : '';
}

/** A file on disk as the walk listed it, numbered `index` in the job: nothing of it is known but its name, size and, if given, its format. */
export function asListed(index: number, listed: { path: string; size: number }, format = 'unknown'): EvidenceFile {
  const file = new FileTracker(index, listed.path, []);
  Object.assign(file.record, { format, size: listed.size });
  return file.sofar();
}

/** Builds one file's record while it is read: counts, format, hashes and issues (capped). */
export class FileTracker {
  readonly record: EvidenceFile;
  /**
   * Set when the file is gunzipped: its problems are then at offsets of either the gzip data
   * (which say so) or the decompressed content, and a bare `byte N` is told to be the latter.
   */
  decompressed = false;
  private unlisted = 0;

  constructor(index: number, path: string, container: string[]) {
    this.record = {
      index, path, container, format: 'unrecognised', size: 0, sha256: '', contentSha256: '',
      s3Key: s3KeyOf(path), events: 0, duplicates: 0, conflicts: 0, issues: [],
    };
  }

  get index(): number {
    return this.record.index;
  }

  /**
   * A location, or an offset a message gives, as this file's issues say it: a bare byte of a
   * gunzipped file is one of its decompressed content (the gzip data's bytes say so).
   */
  placed(location: string): string {
    return this.decompressed && /(?:^|, )byte \d+$/.test(location) ? `${location} of the decompressed content` : location;
  }

  /** Notes a problem; a message quoting the evidence (a parser's excerpt, a name) is made printable. */
  issue(severity: IngestIssue['severity'], message: string, location = ''): void {
    location = this.placed(location);
    if (this.record.issues.length < LISTED_ISSUES) this.record.issues.push({ severity, message: printable(message), location });
    else this.unlisted++;
  }

  /**
   * Notes that the import stopped here (see IngestIssue.stopped), with why the rest is not read:
   * listed however many problems came before, since it says why the file is incomplete.
   */
  stopped(message: string, location: string): void {
    this.record.issues.push({ severity: 'error', message: printable(message), location: this.placed(location), stopped: true });
  }

  finish(): EvidenceFile {
    this.record.issues.push(...this.unlistedLine());
    this.unlisted = 0;
    return this.record;
  }

  /** A copy of the record as it stands while the file is read: no hashes, which would be of part of it. */
  sofar(): EvidenceFile {
    return { ...this.record, sha256: '', contentSha256: '', issues: [...this.record.issues, ...this.unlistedLine()] };
  }

  private unlistedLine(): IngestIssue[] {
    return this.unlisted > 0 ? [{ severity: 'warning', message: `${this.unlisted} more problems in this file, not listed`, location: '' }] : [];
  }
}
