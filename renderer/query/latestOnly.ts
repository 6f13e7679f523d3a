/**
 * `work` run for the latest call only: a call overtaken by a later one while it waits a turn of the
 * event loop (messages already come are handled first) is answered null, and `work` never runs for
 * it. How a worker answers texts as they are typed without its searches piling up.
 */
export function latestOnly<A extends unknown[], R>(work: (...args: A) => Promise<R>): (...args: A) => Promise<R | null> {
  let latest = 0;
  return async (...args: A) => {
    const call = ++latest;
    await new Promise((resolve) => setTimeout(resolve));
    return call === latest ? work(...args) : null;
  };
}
