/**
 * A count and its noun, singular for one (`1 event`, `2 events`); `shown` is the count as written
 * (e.g. with thousands separators), `plural` the noun for any other count where adding an s will not do.
 */
export const counted = (count: number, noun: string, shown = String(count), plural = `${noun}s`): string => `${shown} ${count === 1 ? noun : plural}`;

/**
 * How the import's conflict count is told (banner, CLI): it counts each event stored beside an
 * earlier copy with the same eventID and other content, once, not the first copy.
 */
export const conflictingCopies = (count: number, shown = String(count)): string => counted(count, 'conflicting copy', shown, 'conflicting copies');
