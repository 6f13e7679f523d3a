import { eventJson, records } from './scan';

/** Bytes of each line of the large file, its line end included: every line is one event. Prime, so that no chunk of 256 KB read within the file ends on a line's end (400 did at every 25th): a stop inside it always cuts a line. */
export const LINE_BYTES = 401;
export const LINES = 100_000;

/** A CloudTrail event on one line of exactly LINE_BYTES bytes (padded with a field of its own). */
function line(n: number): string {
  const text = eventJson(n);
  return `${text.slice(0, -1)},"pad":"${'x'.repeat(LINE_BYTES - text.length - 10)}"}\n`;
}

/**
 * What an import is stopped in (cancelled, or failing): 40 MB of JSON lines, far more than is read
 * before it stops, between a small file read before it and one that would be read after it.
 */
export const LARGE = Array.from({ length: LINES }, (_, n) => line(n)).join('');
export const SMALL = records([eventJson(1_000_001), eventJson(1_000_002), eventJson(1_000_003)]);
export const AFTER = records([eventJson(2_000_001)]);
