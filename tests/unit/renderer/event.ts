import { DICTIONARY_FIELDS, type CairnEvent, type DictionaryField } from '../../../shared/event';
import type { EventColumns } from '../../../shared/eventColumns';

/** A normalized event with every field empty but those given. */
export function event(overrides: Partial<CairnEvent>): CairnEvent {
  return {
    time: 0, eventName: '', eventSource: '', actor: '', actorType: '', sourceIp: '', region: '', account: '',
    errorCode: '', accessKey: '', eventType: '', userAgent: '', readOnly: -1, file: 0, index: 0, flags: 0, text: '{}',
    ...overrides,
  };
}

/** Every row of a batch as an event object. */
export function eventsOf(columns: EventColumns): CairnEvent[] {
  return Array.from({ length: columns.count }, (_, row) => {
    const fields = Object.fromEntries(DICTIONARY_FIELDS.map((field) => [field, columns.fields[field].values[columns.fields[field].ids[row]!]!])) as Record<DictionaryField, string>;
    return {
      time: columns.time[row]!,
      ...fields,
      readOnly: columns.readOnly[row]!,
      file: columns.file[row]!,
      index: columns.index[row]!,
      flags: columns.flags[row]!,
      text: columns.texts[row]!,
    };
  });
}
