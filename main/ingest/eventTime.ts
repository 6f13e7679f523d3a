const ISO_LIKE =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses a CloudTrail timestamp as UTC epoch milliseconds: ISO with or without `Z`, a space
 * instead of `T`, up to nanosecond fractions, explicit offsets, and epoch seconds (number or
 * digits). Returns NaN for anything else, so a bad time never becomes a wrong one.
 */
export function parseEventTime(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.round(value * 1000) : NaN;
  if (typeof value !== 'string') return NaN;
  if (value.length === 20) {
    const fast = parseCanonical(value);
    if (fast === fast) return fast;
  }
  const text = value.trim();
  if (/^\d{9,11}(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const m = ISO_LIKE.exec(text);
  if (!m) return NaN;
  const [, y, mo, d, h, mi, s, frac = '', zone = 'Z'] = m;
  const ms = Number(frac.padEnd(3, '0').slice(0, 3));
  let time = Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s!, ms);
  const check = new Date(time);
  if (check.getUTCDate() !== +d! || check.getUTCMonth() !== +mo! - 1 || +h! > 23 || +mi! > 59 || +s! > 59) return NaN;
  if (zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    time -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return time;
}

const digit = (s: string, i: number): number => {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : NaN;
};
const two = (s: string, i: number): number => digit(s, i) * 10 + digit(s, i + 1);

/** The form nearly every event has, `2021-04-22T23:20:10Z`, read without a regular expression; NaN otherwise. */
function parseCanonical(s: string): number {
  if (s[4] !== '-' || s[7] !== '-' || s[10] !== 'T' || s[13] !== ':' || s[16] !== ':' || s[19] !== 'Z') return NaN;
  const [year, month, day, hour, minute, second] = [two(s, 0) * 100 + two(s, 2), two(s, 5), two(s, 8), two(s, 11), two(s, 14), two(s, 17)];
  if (!(month >= 1 && month <= 12 && day >= 1 && hour <= 23 && minute <= 59 && second <= 59)) return NaN;
  const time = Date.UTC(year, month - 1, day, hour, minute, second);
  return new Date(time).getUTCDate() === day ? time : NaN;
}
