/**
 * Waits for the next turn of the event loop. A parse awaits only promises that are already
 * settled, so it can run through many files without one: I/O callbacks (the walk's stats, the
 * reads of files ahead) and messages between threads then wait. On two threads, a turn per file
 * took the idle time of a 200k-event scan's worker from about 0.15 s to under 0.01 s.
 */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
