import { boundedParseOrUndefined } from '../../shared/jsonDepth';
import { csvRowDetail } from './csvRowDetail';

/**
 * The event a stored text stands for: its JSON, or for a CSV row built from its export's columns
 * (a Lake result, a console CSV: stored as the row), the event read again with its file's header
 * (see csvRowDetail). Undefined when it is neither.
 */
export function storedEvent(text: string, csvHeader: string | undefined): unknown {
  const parsed = boundedParseOrUndefined(text);
  return parsed !== undefined || csvHeader === undefined ? parsed : csvRowDetail(csvHeader, text)?.event;
}
