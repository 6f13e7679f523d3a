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

/**
 * How events counted twice over are told (listing footer, case summary, start screen, CLI): the
 * CSV rows among some events whose call another of them stands for too (its full event, or a row
 * of it read first when none is held), each an event of its file and the same call as that one.
 */
export const csvRowsOfFullEvents = (count: number, shown = String(count)): string => `${shown} of them ${count === 1 ? 'a CSV row of a call' : 'CSV rows of calls'} counted already`;
