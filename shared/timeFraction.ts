/**
 * How an event's time was written below the second, which its epoch milliseconds cannot say:
 * how many fraction digits it had (0 to 9: `…:10Z`, `…:10.000Z` and `…:10.123456Z` differ), and
 * the nanoseconds below the millisecond. Packed into one whole number (digits + 16 × nanoseconds,
 * under 2^24), stored as one column beside the time.
 */
export const packFraction = (digits: number, subMsNanos: number): number => digits + 16 * subMsNanos;

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * The fraction of a second of a time of `ms` epoch milliseconds as the event wrote it: '' or
 * e.g. '.000', '.5', '.123456'. Without `packed` (cases stored before it was kept), the
 * milliseconds, when there are any.
 */
export function fractionText(ms: number, packed: number | undefined): string {
  const millis = ((ms % 1000) + 1000) % 1000;
  if (packed === undefined) return millis === 0 ? '' : `.${pad(millis, 3)}`;
  const digits = packed % 16;
  return digits === 0 ? '' : `.${(pad(millis, 3) + pad(Math.floor(packed / 16), 6)).slice(0, digits)}`;
}
