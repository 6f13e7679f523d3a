import type { CairnEvent, IngestIssue } from '../../shared/event';
import { normalizeEvent } from './normalize';
import { JsonScanError, recordTexts } from './recordTexts';

/**
 * Yields the events of a trail delivery file (`{"Records":[…]}`) with their exact original text.
 * Problems are appended to `issues` with their location; events before and after a malformed
 * record still come through, and a structural fault ends the file without losing what was read.
 */
export function* trailEvents(text: string, file: number, issues: IngestIssue[]): Generator<CairnEvent> {
  const records = recordTexts(text);
  let index = 0;
  try {
    for (let next = records.next(); ; next = records.next()) {
      if (next.done) {
        if (!next.value) issues.push({ severity: 'error', message: 'not a CloudTrail trail file: no "Records" array', location: '' });
        return;
      }
      const { text: recordText, offset } = next.value;
      let parsed: unknown;
      try {
        parsed = JSON.parse(recordText);
      } catch (error) {
        issues.push({ severity: 'error', message: `malformed record ${index}: ${(error as Error).message}`, location: `character ${offset}` });
        index++;
        continue;
      }
      yield { ...normalizeEvent(parsed), file, index, text: recordText };
      index++;
    }
  } catch (error) {
    if (!(error instanceof JsonScanError)) throw error;
    issues.push({ severity: 'error', message: `malformed JSON: ${error.message}`, location: `character ${error.offset}` });
  }
}
