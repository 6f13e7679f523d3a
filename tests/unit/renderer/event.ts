import type { CairnEvent } from '../../../shared/event';

/** A normalized event with every field empty but those given. */
export function event(overrides: Partial<CairnEvent>): CairnEvent {
  return {
    time: 0, eventName: '', eventSource: '', actor: '', actorType: '', sourceIp: '', region: '', account: '',
    errorCode: '', accessKey: '', eventType: '', userAgent: '', readOnly: -1, file: 0, index: 0, flags: 0, text: '{}',
    ...overrides,
  };
}
