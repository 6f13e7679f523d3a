import { describe, expect, it } from 'vitest';
import { parseEventTime, timeFraction } from '../../../shared/eventTime';

describe('parseEventTime', () => {
  it.each([
    ['2021-04-22T23:20:10Z', Date.UTC(2021, 3, 22, 23, 20, 10)],
    ['2021-04-22T23:20:10.123Z', Date.UTC(2021, 3, 22, 23, 20, 10, 123)],
    ['2023-05-26 20:14:51', Date.UTC(2023, 4, 26, 20, 14, 51)],
    ['2025-01-21 17:49:47.000000000', Date.UTC(2025, 0, 21, 17, 49, 47)],
    ['2025-01-21 17:49:47.987654321', Date.UTC(2025, 0, 21, 17, 49, 47, 987)],
    ['2021-04-22T23:20:10+02:00', Date.UTC(2021, 3, 22, 21, 20, 10)],
    ['2021-04-22T23:20:10-0530', Date.UTC(2021, 3, 23, 4, 50, 10)],
    ['1619133610', Date.UTC(2021, 3, 22, 23, 20, 10)],
    ['1619133610.5', Date.UTC(2021, 3, 22, 23, 20, 10, 500)],
    ['2024-02-29T12:00:00Z', Date.UTC(2024, 1, 29, 12, 0, 0)],
    ['2000-02-29T00:00:00Z', Date.UTC(2000, 1, 29)],
    ['2021-12-31T23:59:59Z', Date.UTC(2021, 11, 31, 23, 59, 59)],
    ['2021-04-22t23:20:10z', Date.UTC(2021, 3, 22, 23, 20, 10)],
    ['0024-03-01T00:00:00Z', new Date('0024-03-01T00:00:00Z').getTime()],
    ['0099-12-31 23:59:59', new Date('0099-12-31T23:59:59Z').getTime()],
  ])('reads %s as UTC', (text, expected) => {
    expect(parseEventTime(text)).toBe(expected);
  });

  it('reads epoch seconds given as a number, and no other number', () => {
    expect(parseEventTime(1619133610)).toBe(Date.UTC(2021, 3, 22, 23, 20, 10));
    expect(parseEventTime(1619133610.25)).toBe(Date.UTC(2021, 3, 22, 23, 20, 10, 250));
    // Milliseconds, as some exporters write them, and numbers no date can hold.
    for (const number of [1619133610123, 1e20, -1619133610, 0, 42, Infinity, NaN]) expect(parseEventTime(number)).toBeNaN();
  });

  it.each([['redacted'], [''], ['2021-02-30T00:00:00Z'], ['2023-02-29T00:00:00Z'], ['1900-02-29T00:00:00Z'], ['2021-04-31T00:00:00Z'], ['2021-04-00T00:00:00Z'], ['2021-04-22T24:00:00Z'], ['2021-13-01T00:00:00Z'], [null], [undefined], [{}]])(
    'gives NaN, never a wrong time, for %j',
    (value) => {
      expect(parseEventTime(value)).toBeNaN();
    },
  );

  it('cuts fractions of epoch seconds, as text or number, to the millisecond, as it does ISO fractions', () => {
    expect(parseEventTime('1619133610.9999')).toBe(Date.UTC(2021, 3, 22, 23, 20, 10, 999));
    expect(parseEventTime(1619133610.9996)).toBe(Date.UTC(2021, 3, 22, 23, 20, 10, 999));
    expect(parseEventTime(1619133610.123)).toBe(Date.UTC(2021, 3, 22, 23, 20, 10, 123));
    expect(parseEventTime('1619133610.001')).toBe(Date.UTC(2021, 3, 22, 23, 20, 10, 1));
    expect(parseEventTime('2021-04-22T23:20:10.1234567891Z')).toBe(Date.UTC(2021, 3, 22, 23, 20, 10, 123));
  });

  it('takes epoch seconds as text from 1973 on, as numbers, and no offset beyond a day', () => {
    expect(parseEventTime('000000001.5')).toBeNaN();
    expect(parseEventTime('2021-04-22T23:20:10+23:99')).toBeNaN();
    expect(parseEventTime('2021-04-22T23:20:10+24:00')).toBeNaN();
    expect(parseEventTime('2021-04-22T23:20:10-23:59')).toBe(Date.UTC(2021, 3, 23, 23, 19, 10));
  });
});

describe('timeFraction', () => {
  // Digits written, and 16 × the nanoseconds below the millisecond.
  it.each([
    ['2021-04-22T23:20:10Z', 0],
    ['2021-04-22T23:20:10.000Z', 3],
    ['2021-04-22T23:20:10.5Z', 1],
    ['2021-04-22T23:20:10.123456Z', 6 + 16 * 456_000],
    ['2025-01-21 17:49:47.000000000', 9],
    ['2025-01-21 17:49:47.987654321', 9 + 16 * 654_321],
    ['2021-04-22T23:20:10.100+02:00', 3],
    ['2023-05-26 20:14:51', 0],
    ['1619133610', 0],
    ['1619133610.25', 2],
    ['1619133610.1234567891', 9 + 16 * 456_789],
    [1619133610, 0],
    [1619133610.25, 2],
    [1619133610.123456, 6 + 16 * 456_000],
    ['2021-04-22T23:20:10.1234567891Z', 9 + 16 * 456_789],
    // No time, so no fraction: the time column is not widened for a row showing none.
    ['2021-04-31T23:20:10.123456789Z', 0],
    ['redacted', 0],
    [null, 0],
  ])('of %j is %d', (value, expected) => {
    expect(timeFraction(value)).toBe(expected);
  });
});
