/**
 * Waits for the next turn of the event loop. A parse awaits only promises that are already
 * settled, so it can run through many files without one: I/O callbacks (the walk's stats, the
 * reads of files ahead) and messages between threads then wait. On two threads, a turn per file
 * took the idle time in a 200k-event scan's worker's CPU profile from 0.13-0.15 s to 0.02-0.04 s.
 */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
