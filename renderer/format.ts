import { parseEventTime, timeFraction } from '../shared/eventTime';
import { fractionText } from '../shared/timeFraction';

const counts = new Intl.NumberFormat('en-US');

export const formatCount = (n: number): string => counts.format(n);

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * A time as `YYYY-MM-DD HH:MM:SS` in UTC (or the machine's local time), with the fraction of a
 * second the event wrote (`fraction`, see shared/timeFraction), or else with milliseconds when
 * there are any; '—' when unknown.
 */
export function formatTime(ms: number | null, zone: 'utc' | 'local' = 'utc', fraction?: number): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  const d = new Date(ms);
  const [year, month, day, hours, minutes, seconds] =
    zone === 'utc'
      ? [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()]
      : [d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds()];
  return `${pad(year, 4)}-${pad(month + 1)}-${pad(day)} ${pad(hours)}:${pad(minutes)}:${pad(seconds)}${fractionText(ms, fraction)}`;
}

/**
 * Which zone a time shown by formatTime is in: `UTC`, or the machine's offset from UTC at that
 * instant (`UTC-05:00`, summer time counted), so that a time copied out of Cairn says which it is;
 * nothing for an unknown time (formatTime's '—').
 */
export function zoneLabel(ms: number | null, zone: 'utc' | 'local'): string {
  if (ms === null || !Number.isFinite(ms)) return '';
  if (zone === 'utc') return 'UTC';
  const east = -Math.round(new Date(ms).getTimezoneOffset());
  return `UTC${east < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(east) / 60))}:${pad(Math.abs(east) % 60)}`;
}

/**
 * A time an event wrote as text (a session's creationDate), shown as event times are: in `zone`
 * with its label, read as ingest reads eventTime (Lake's `2024-05-01 10:02:00.000` has no zone and
 * is UTC); the text as written when it is no time.
 */
export function formatWrittenTime(text: string, zone: 'utc' | 'local'): string {
  const ms = parseEventTime(text);
  return Number.isNaN(ms) ? text : `${formatTime(ms, zone, timeFraction(text, ms))} ${zoneLabel(ms, zone)}`;
}

/** This machine's time zone by its IANA name (`Europe/Paris`), which holds its summer time rules. */
export const localZoneName = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/** A duration in the two largest units that matter to an investigator, e.g. `3 d 4 h`. */
export function formatDuration(ms: number): string {
  const parts: [number, string][] = [
    [Math.floor(ms / 86_400_000), 'd'],
    [Math.floor(ms / 3_600_000) % 24, 'h'],
    [Math.floor(ms / 60_000) % 60, 'min'],
    [Math.floor(ms / 1000) % 60, 's'],
  ];
  const first = parts.findIndex(([value]) => value > 0);
  if (first < 0) return '0 s';
  return parts
    .slice(first, first + 2)
    .filter(([value]) => value > 0)
    .map(([value, unit]) => `${value} ${unit}`)
    .join(' ');
}
