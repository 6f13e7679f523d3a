import { JSON_TREE_DEPTH } from '../../shared/jsonDepth';

/**
 * Bounds that keep hostile evidence (zip bombs, endless nesting, giant lines) from exhausting
 * the machine. Each is configurable per job; crossing one is a per-file error, never a crash.
 */
export interface IngestLimits {
  /** Decompressed bytes read in one job, all files and layers together. */
  maxTotalBytes: number;
  /** Decompressed-to-compressed ratio of one gzip layer or archive entry, checked past `ratioGraceBytes`. */
  maxRatio: number;
  ratioGraceBytes: number;
  /** Entries read from one archive. */
  maxEntries: number;
  /** Archives inside archives (a .tar.gz inside a .zip is depth 2). */
  maxDepth: number;
  /** Size of an archive that must be held in memory to be opened (a zip inside another archive). */
  maxBufferedArchiveBytes: number;
  /** Characters of one event, line or single JSON document. */
  maxEventChars: number;
  /** Nesting of objects and arrays read from one event (see JSON_TREE_DEPTH): what lies deeper stays in its text only. */
  maxJsonDepth: number;
}

export const DEFAULT_LIMITS: IngestLimits = {
  maxTotalBytes: 256 * 2 ** 30,
  maxRatio: 200,
  ratioGraceBytes: 8 * 2 ** 20,
  maxEntries: 1_000_000,
  maxDepth: 4,
  maxBufferedArchiveBytes: 96 * 2 ** 20,
  maxEventChars: 8 * 2 ** 20,
  maxJsonDepth: JSON_TREE_DEPTH,
};
