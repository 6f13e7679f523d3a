import type { CairnEvent } from '../../../shared/event';
import { EventColumnsBuilder, type EventColumns } from '../../../shared/eventColumns';

/** A normalized event with every field empty but those given. */
export function event(overrides: Partial<CairnEvent>): CairnEvent {
  return {
    time: 0, eventName: '', eventSource: '', actor: '', actorType: '', sourceIp: '', region: '', account: '',
    errorCode: '', accessKey: '', eventType: '', userAgent: '', readOnly: -1, file: 0, index: 0, flags: 0, text: '{}',
    ...overrides,
  };
}

/** Events as one ingest batch. */
export function batchOf(events: CairnEvent[]): EventColumns {
  const builder = new EventColumnsBuilder(events.length);
  for (const one of events) builder.add(one);
  return builder.take();
}
