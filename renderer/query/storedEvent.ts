import { boundedParseOrUndefined } from '../../shared/jsonDepth';
import { csvRowDetail } from './csvRowDetail';

/**
 * The event a stored text stands for: its JSON, or for a CSV row built from its export's columns
 * (a Lake result, a console CSV: stored as the row), the event read again with its file's header
 * (see csvRowDetail). Undefined when it is neither.
 */
export function storedEvent(text: string, csvHeader: string | undefined): unknown {
  return readStoredEvent(text, csvHeader).event;
}

/**
 * As storedEvent, saying whether the event was built from a CSV row's columns (`asText`): its
 * values are text whatever the event wrote (Lake writes the number 3600 and the string "3600" alike).
 */
export function readStoredEvent(text: string, csvHeader: string | undefined): { event: unknown; asText: boolean } {
  const parsed = boundedParseOrUndefined(text);
  if (parsed !== undefined || csvHeader === undefined) return { event: parsed, asText: false };
  return { event: csvRowDetail(csvHeader, text)?.event, asText: true };
}
