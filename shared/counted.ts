/** A count and its noun, singular for one (`1 event`, `2 events`); `shown` is the count as written (e.g. with thousands separators). */
export const counted = (count: number, noun: string, shown = String(count)): string => `${shown} ${count === 1 ? noun : `${noun}s`}`;
