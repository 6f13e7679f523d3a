import { packFraction } from './timeFraction';

const ISO_LIKE =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?([Zz]|[+-]\d{2}:?\d{2})?$/;
const EPOCH_TEXT = /^(\d{9,11})(?:\.(\d+))?$/;
/** Epoch seconds are taken with 9 to 11 digits (1973 to 5138): a longer number is not seconds (milliseconds, perhaps), so it is no time. */
const EPOCH_SECONDS = { min: 1e8, max: 1e11 };

/** Date.UTC, with years 0–99 taken as they are rather than as 1900–1999. */
function utc(year: number, month: number, day: number, hour: number, minute: number, second: number, ms = 0): number {
  const time = Date.UTC(year, month, day, hour, minute, second, ms);
  return year < 100 ? new Date(time).setUTCFullYear(year) : time;
}

/**
 * Parses a CloudTrail timestamp as UTC epoch milliseconds: ISO with or without `Z`, a space
 * instead of `T` (either case), up to nanosecond fractions, explicit offsets, and epoch seconds
 * (number or digits). Returns NaN for anything else, so a bad time never becomes a wrong one.
 */
export function parseEventTime(value: unknown): number {
  // A number is read as its text would be, so that its fraction is cut as the text's is.
  if (typeof value === 'number') return value >= EPOCH_SECONDS.min && value < EPOCH_SECONDS.max ? parseEventTime(String(value)) : NaN;
  if (typeof value !== 'string') return NaN;
  if (value.length === 20) {
    const fast = parseCanonical(value);
    if (fast === fast) return fast;
  }
  const text = value.trim();
  const epoch = EPOCH_TEXT.exec(text);
  // Seconds and their fraction apart: a product with 1000 in floating point may fall below a whole millisecond.
  if (epoch) return Number(epoch[1]) >= EPOCH_SECONDS.min ? Number(epoch[1]) * 1000 + millisOf(epoch[2] ?? '') : NaN;
  const m = ISO_LIKE.exec(text);
  if (!m) return NaN;
  const [, y, mo, d, h, mi, s, frac = '', zone = 'Z'] = m;
  const ms = millisOf(frac);
  let time = utc(+y!, +mo! - 1, +d!, +h!, +mi!, +s!, ms);
  const check = new Date(time);
  if (check.getUTCDate() !== +d! || check.getUTCMonth() !== +mo! - 1 || +h! > 23 || +mi! > 59 || +s! > 59) return NaN;
  if (zone !== 'Z' && zone !== 'z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    if (Number(digits.slice(0, 2)) > 23 || Number(digits.slice(2)) > 59) return NaN;
    time -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return time;
}

/** The whole milliseconds of a fraction of a second given by its digits (cut, not rounded, as a clock reads). */
const millisOf = (fraction: string): number => Number(fraction.padEnd(3, '0').slice(0, 3));

/**
 * How a CloudTrail timestamp that parseEventTime reads was written below the second (see
 * shared/timeFraction): its fraction's digits (at most 9 are kept) and the nanoseconds below the
 * millisecond; 0 for a time it does not read (`time`, what parseEventTime made of it: callers that
 * have it pass it, so that nothing is parsed twice). Epoch seconds given as a number are as precise
 * as their shortest text.
 */
export function timeFraction(value: unknown, time = parseEventTime(value)): number {
  if (Number.isNaN(time)) return 0;
  if (typeof value === 'number') return timeFraction(String(value), time);
  if (typeof value !== 'string' || (value.length === 20 && value.charCodeAt(19) === 0x5a)) return 0;
  const text = value.trim();
  const epoch = EPOCH_TEXT.exec(text);
  const fraction = (epoch ? epoch[2] : ISO_LIKE.exec(text)?.[7]) ?? '';
  return packFraction(Math.min(fraction.length, 9), Number(fraction.padEnd(9, '0').slice(3, 9)));
}

const digit = (s: string, i: number): number => {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : NaN;
};
const two = (s: string, i: number): number => digit(s, i) * 10 + digit(s, i + 1);

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The form nearly every event has, `2021-04-22T23:20:10Z`, read without a regular expression or allocation; NaN otherwise. */
function parseCanonical(s: string): number {
  if (s.charCodeAt(4) !== 0x2d || s.charCodeAt(7) !== 0x2d || s.charCodeAt(10) !== 0x54 || s.charCodeAt(13) !== 0x3a || s.charCodeAt(16) !== 0x3a || s.charCodeAt(19) !== 0x5a) return NaN;
  const year = two(s, 0) * 100 + two(s, 2);
  const month = two(s, 5);
  const day = two(s, 8);
  const hour = two(s, 11);
  const minute = two(s, 14);
  const second = two(s, 17);
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= DAYS_IN_MONTH[month - 1]! && hour <= 23 && minute <= 59 && second <= 59)) return NaN;
  if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return NaN;
  return utc(year, month - 1, day, hour, minute, second);
}
