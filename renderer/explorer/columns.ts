import { formatTime } from '../format';
import type { ColumnId, EventRow } from '../query/queryProtocol';

/**
 * How each choosable column is titled, sized and filled. The default columns' least widths add up
 * to what the listing has beside the detail pane in a 1360 px window with a 15 px scroll bar; wider
 * windows share the rest by the fr weights, and a cut value shows whole on hover.
 */
export const COLUMNS: Record<ColumnId, { title: string; width: string; value(row: EventRow, zone: 'utc' | 'local'): string; mono?: boolean }> = {
  time: { title: 'Time', width: '186px', value: (row, zone) => formatTime(row.time, zone), mono: true },
  eventName: { title: 'Event', width: 'minmax(146px, 1.2fr)', value: (row) => row.eventName },
  eventSource: { title: 'Service', width: 'minmax(80px, 0.5fr)', value: (row) => row.eventSource.replace(/\.amazonaws\.com$/, '') },
  actor: { title: 'Actor', width: 'minmax(126px, 2fr)', value: (row) => row.actor },
  actorType: { title: 'Actor type', width: '120px', value: (row) => row.actorType },
  sourceIp: { title: 'Source IP', width: 'minmax(126px, 0.6fr)', value: (row) => row.sourceIp, mono: true },
  region: { title: 'Region', width: 'minmax(110px, 0.4fr)', value: (row) => row.region },
  account: { title: 'Account', width: '120px', value: (row) => row.account, mono: true },
  errorCode: { title: 'Error', width: 'minmax(104px, 0.8fr)', value: (row) => row.errorCode },
  userAgent: { title: 'User agent', width: 'minmax(160px, 1.2fr)', value: (row) => row.userAgent },
  readOnly: { title: 'Read-only', width: '90px', value: (row) => (row.readOnly === 1 ? 'yes' : row.readOnly === 0 ? 'no' : '') },
};
