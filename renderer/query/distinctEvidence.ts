import { isConflict, type ConflictRecord, type FileRecord } from '../db/caseDb';

/** An evidence file as the case lists it: one entry however many times it was added. */
export type EvidenceEntry = FileRecord & {
  /** How many imports read this file (same path, archive chain and SHA-256). */
  additions: number;
};

const sameFile = (file: FileRecord): string | null => (file.sha256 === '' ? null : JSON.stringify([file.path, file.container, file.sha256]));

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

/**
 * The case's file records, one entry per distinct file: adding the same evidence again makes a
 * record per import (its events point at it) but is still one file to the investigator. An entry
 * counts every event stored from the file, and as duplicates what a whole reading of it held beyond
 * those (so a re-read does not count its own events twice); its conflicts are its events with a
 * conflicting copy (`conflicted`, see conflictedEvents), as the listing marks them; its issues are
 * those of every reading, each once. Records with no hash (a file that could not be read) stay apart.
 * So do records of one import with the same path and hash: entries of one archive that share a name
 * and content (a zip of overlapping entries, a bomb's mark) are that many files, each with its own
 * figures; the archive added again, its entries join those of the earlier reading in order.
 */
export function distinctEvidence(records: readonly FileRecord[], conflicted: ReadonlyMap<number, number>): EvidenceEntry[] {
  const files = records.map((file) => ({ ...file, conflicts: conflicted.get(file.id) ?? 0 }));
  const entries: EvidenceEntry[] = [];
  const alike = new Map<string, EvidenceEntry[]>();
  /** How many records of each job had each key so far: the nth joins the nth entry of its key. */
  const seenInJob = new Map<string, number>();
  const readings = new Map<EvidenceEntry, number>();
  for (const file of [...files].sort((a, b) => a.id - b.id)) {
    const key = sameFile(file) ?? `record ${file.id}`;
    const same = alike.get(key) ?? alike.set(key, []).get(key)!;
    const inJob = `${file.job}\n${key}`;
    const nth = seenInJob.get(inJob) ?? 0;
    seenInJob.set(inJob, nth + 1);
    const entry = same[nth];
    if (!entry) {
      const added = { ...file, additions: 1 };
      entries.push(added);
      same.push(added);
      readings.set(added, file.events + file.duplicates);
      continue;
    }
    entry.additions++;
    entry.events += file.events;
    entry.conflicts += file.conflicts;
    readings.set(entry, Math.max(readings.get(entry)!, file.events + file.duplicates));
    const known = new Set(entry.issues.map((issue) => JSON.stringify(issue)));
    entry.issues = [...entry.issues, ...file.issues.filter((issue) => !known.has(JSON.stringify(issue)))];
  }
  for (const [entry, read] of readings) entry.duplicates = Math.max(0, read - entry.events);
  return entries;
}
