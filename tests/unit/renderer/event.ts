import { DICTIONARY_FIELDS, type CairnEvent, type DictionaryField } from '../../../shared/event';
import { packTexts } from '../../../main/ingest/packTexts';
import { columnsOf, type EventColumns } from '../../../shared/eventColumns';
import { unpackTexts } from '../../../shared/packedTexts';

/** A normalized event with every field empty but those given. */
export function event(overrides: Partial<CairnEvent>): CairnEvent {
  return {
    time: 0, timeFraction: 0, eventName: '', eventSource: '', actor: '', actorType: '', sourceIp: '', region: '', account: '',
    errorCode: '', accessKey: '', eventType: '', userAgent: '', readOnly: -1, file: 0, index: 0, flags: 0, text: '{}',
    ...overrides,
  };
}

/** Events as the app's ingest sends them: a batch of columns, texts packed. */
export const batchOf = (events: readonly CairnEvent[]): EventColumns => columnsOf(events, packTexts);

/** Every row of a batch as an event object. */
export async function eventsOf(columns: EventColumns): Promise<CairnEvent[]> {
  const texts = await unpackTexts(columns.texts);
  return Array.from({ length: columns.count }, (_, row) => {
    const fields = Object.fromEntries(DICTIONARY_FIELDS.map((field) => [field, columns.fields[field].values[columns.fields[field].ids[row]!]!])) as Record<DictionaryField, string>;
    return {
      time: columns.time[row]!,
      timeFraction: columns.timeFraction[row]!,
      ...fields,
      readOnly: columns.readOnly[row]!,
      file: columns.file[row]!,
      index: columns.index[row]!,
      flags: columns.flags[row]!,
      text: texts[row]!,
    };
  });
}
