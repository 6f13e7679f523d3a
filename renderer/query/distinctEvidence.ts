import type { IngestIssue } from '../../shared/event';
import { isConflict, type ConflictRecord, type FileRecord } from '../db/caseDb';

/** An error of a reading of a file that an import stopped in or before (see IngestIssue.stopped), when another reading of it is whole. */
export interface StoppedReading {
  /** Which reading of the file, counted from 1 in the order they were added. */
  reading: number;
  issue: IngestIssue;
}

/** An evidence file as the case lists it: one entry however many times it was added. */
export type EvidenceEntry = FileRecord & {
  /** How many imports read this file (same path and archive chain; the same SHA-256 where read whole). */
  additions: number;
  /**
   * What the readings that stopped said, when another reading of the file was whole: why those
   * imports stopped, history now that the case holds the whole file (its issues are then the whole
   * reading's problems, as each reading found them). Empty when no reading stopped or none was whole.
   */
  stops: StoppedReading[];
};

const stoppedIn = (file: FileRecord): boolean => file.issues.some((issue) => issue.stopped);
/** A reading of every byte of the file that no stop cut short: hashed, and no error saying the import stopped. */
const isWhole = (file: FileRecord): boolean => file.sha256 !== '' && !stoppedIn(file);
const placeOf = (file: FileRecord): string => JSON.stringify([file.path, file.container]);
/** Whether two readings may be of the same bytes: the same size, where both know one. */
const sameSize = (a: FileRecord, b: FileRecord): boolean => a.size === 0 || b.size === 0 || a.size === b.size;

/**
 * How many events of each file record (by id) have a conflicting copy, whichever copy was read
 * first: ingest counts a conflict on the later copy's file only, and the first copy may lie in a
 * file of an earlier import. An event in several conflicts counts once; a partial row's copy is no conflict.
 */
export function conflictedEvents(conflicts: readonly ConflictRecord[]): Map<number, number> {
  const places = new Set<string>();
  const counts = new Map<number, number>();
  for (const { first, second } of conflicts.filter(isConflict)) {
    for (const { file, index } of [first, second]) {
      const place = `${file}:${index}`;
      if (places.has(place)) continue;
      places.add(place);
      counts.set(file, (counts.get(file) ?? 0) + 1);
    }
  }
  return counts;
}

/** `same` numbered by how many records of `file`'s job had it before (counted in `seen`). */
function nthOfJob(seen: Map<string, number>, file: FileRecord, same: string): string {
  const inJob = `${file.job}\n${same}`;
  const nth = seen.get(inJob) ?? 0;
  seen.set(inJob, nth + 1);
  return `${same} ${nth}`;
}

/**
 * The readings of each distinct file, each group in the order added: a hashed reading groups by
 * path, archive chain and SHA-256 with those of other imports only (entries of one archive that
 * share a name and content, a zip of overlapping entries, are that many files, each with its own
 * figures; the archive added again, the nth of them joins the nth of the earlier reading); a reading with no hash (its bytes not all read) stays apart,
 * unless an import stopped in or before it and exactly one file was read whole at its place (path
 * and archive chain), of its size where both are known: it was that file, cut short by the import.
 */
function readingsByFile(files: readonly FileRecord[]): FileRecord[][] {
  const groups = new Map<string, FileRecord[]>();
  /** How many records of each job had each path, chain and hash so far: the nth joins the nth group of them. */
  const seenInJob = new Map<string, number>();
  for (const file of [...files].sort((a, b) => a.id - b.id)) {
    const key = file.sha256 === '' ? `record ${file.id}` : nthOfJob(seenInJob, file, JSON.stringify([file.path, file.container, file.sha256]));
    const group = groups.get(key);
    if (group) group.push(file);
    else groups.set(key, [file]);
  }
  const wholeAt = new Map<string, FileRecord[][]>();
  for (const group of groups.values()) {
    const whole = group.find(isWhole);
    if (whole) wholeAt.set(placeOf(whole), [...(wholeAt.get(placeOf(whole)) ?? []), group]);
  }
  for (const [key, group] of groups) {
    const file = group[0]!;
    if (file.sha256 !== '' || !stoppedIn(file)) continue;
    const candidates = (wholeAt.get(placeOf(file)) ?? []).filter((whole) => sameSize(file, whole.find(isWhole)!));
    if (candidates.length !== 1) continue;
    candidates[0]!.push(file);
    groups.delete(key);
  }
  return [...groups.values()].map((group) => group.sort((a, b) => a.id - b.id)).sort((a, b) => a[0]!.id - b[0]!.id);
}

/**
 * One file's readings as one entry: the first whole reading's record (else the first's), with the
 * events stored from every reading, as duplicates what a whole reading held beyond those (so a
 * re-read does not count its own events twice), the conflicts of every reading, and the issues of
 * every reading, each once. When a reading is whole, the errors saying an import stopped are its
 * `stops`, not its issues: the case holds the whole file, and they tell how it came to.
 */
function entryOf(readings: readonly FileRecord[], conflicted: ReadonlyMap<number, number>): EvidenceEntry {
  const whole = readings.find(isWhole);
  const base = whole ?? readings[0]!;
  const events = readings.reduce((sum, file) => sum + file.events, 0);
  const read = Math.max(...readings.map((file) => file.events + file.duplicates));
  const issues = new Map<string, IngestIssue>();
  for (const issue of [base, ...readings].flatMap((file) => file.issues)) if (!(whole && issue.stopped)) issues.set(JSON.stringify(issue), issue);
  return {
    ...base,
    additions: readings.length,
    events,
    duplicates: Math.max(0, read - events),
    conflicts: readings.reduce((sum, file) => sum + (conflicted.get(file.id) ?? 0), 0),
    issues: [...issues.values()],
    stops: whole ? readings.flatMap((file, at) => file.issues.filter((issue) => issue.stopped).map((issue) => ({ reading: at + 1, issue }))) : [],
  };
}

/**
 * The case's file records, one entry per distinct file (see readingsByFile, entryOf): adding the
 * same evidence again makes a record per import (its events point at it) but is still one file to
 * the investigator, and a file an import stopped in or before is, once added again and read whole,
 * whole in the case. Records with no hash stay apart otherwise (a file that could not be read).
 */
export function distinctEvidence(records: readonly FileRecord[], conflicted: ReadonlyMap<number, number>): EvidenceEntry[] {
  return readingsByFile(records).map((readings) => entryOf(readings, conflicted));
}
