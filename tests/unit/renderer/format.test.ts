import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatDuration, formatTime, localZoneName, zoneLabel } from '../../../renderer/format';

describe('formatting', () => {
  it('shows UTC times with the precision the event has', () => {
    expect(formatTime(Date.UTC(2014, 2, 6, 17, 10, 34))).toBe('2014-03-06 17:10:34');
    expect(formatTime(Date.UTC(2014, 2, 6, 17, 10, 34, 120))).toBe('2014-03-06 17:10:34.120');
    expect(formatTime(NaN)).toBe('—');
    // As written: no fraction, or its every digit, zeros and beyond the millisecond included.
    expect(formatTime(Date.UTC(2014, 2, 6, 17, 10, 34), 'utc', 0)).toBe('2014-03-06 17:10:34');
    expect(formatTime(Date.UTC(2014, 2, 6, 17, 10, 34), 'utc', 3)).toBe('2014-03-06 17:10:34.000');
    expect(formatTime(Date.UTC(2014, 2, 6, 17, 10, 34, 500), 'utc', 1)).toBe('2014-03-06 17:10:34.5');
    expect(formatTime(Date.UTC(2014, 2, 6, 17, 10, 34, 123), 'utc', 6 + 16 * 456_000)).toBe('2014-03-06 17:10:34.123456');
    expect(formatTime(Date.UTC(2014, 2, 6, 17, 10, 34, 7), 'utc', 9 + 16 * 4321)).toBe('2014-03-06 17:10:34.007004321');
    expect(formatTime(Date.UTC(1969, 11, 31, 23, 59, 59, 250), 'utc', 2)).toBe('1969-12-31 23:59:59.25');
    expect(formatTime(null)).toBe('—');
  });

  it('shows local time when asked (this run is in TZ=America/New_York: UTC-5 in March 2014)', () => {
    expect(process.env['TZ']).toBe('America/New_York');
    expect(formatTime(Date.UTC(2014, 2, 6, 17, 10, 34, 5), 'local')).toBe('2014-03-06 12:10:34.005');
    expect(formatTime(Date.UTC(2014, 0, 1, 2, 0, 0), 'local')).toBe('2013-12-31 21:00:00');
    expect(formatTime(Date.UTC(2014, 0, 1, 2, 0, 0, 120), 'local', 9 + 16 * 1)).toBe('2013-12-31 21:00:00.120000001');
  });

  it('names the zone of a time shown: UTC, or the local offset at that instant, summer time counted', () => {
    expect(localZoneName()).toBe('America/New_York');
    expect(zoneLabel(Date.UTC(2014, 2, 6, 17, 10, 34), 'utc')).toBe('UTC');
    expect(zoneLabel(Date.UTC(2014, 2, 6, 17, 10, 34), 'local')).toBe('UTC-05:00');
    expect(zoneLabel(Date.UTC(2024, 6, 1, 12, 0, 0), 'local')).toBe('UTC-04:00');
    // No time, no zone: an event without a readable time shows '—', not '— UTC'.
    expect([zoneLabel(null, 'local'), zoneLabel(null, 'utc'), zoneLabel(NaN, 'utc')]).toEqual(['', '', '']);
    // East of UTC, by half hours.
    process.env['TZ'] = 'Asia/Kolkata';
    try {
      expect(zoneLabel(Date.UTC(2014, 2, 6, 17, 10, 34), 'local')).toBe('UTC+05:30');
    } finally {
      process.env['TZ'] = 'America/New_York';
    }
  });

  it('shows spans in their two largest units', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(61_000)).toBe('1 min 1 s');
    expect(formatDuration(3 * 86_400_000 + 4 * 3_600_000 + 5000)).toBe('3 d 4 h');
    expect(formatDuration(86_400_000 + 30_000)).toBe('1 d');
  });

  it('groups counts and scales sizes', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(65788)).toBe('64.2 KB');
  });
});
