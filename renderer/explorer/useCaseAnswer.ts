import { useEffect, useState } from 'react';
import { useCairn } from '../store';

/**
 * The open case's answer to `ask`, about what `asked` names (null: nothing to ask); null until it
 * comes. Asked again each time the case is read (an import adding evidence may bring a conflicting
 * copy, a CSV row of the call, events signed with a key), and only then: the answer shown stays
 * until the new one comes, so that what the investigator is reading never blinks out. A failed
 * request is said in the window's alert, starting with `failure`.
 */
export function useCaseAnswer<T>(asked: string | null, ask: () => Promise<T>, failure: string): T | null {
  const reads = useCairn((state) => state.caseReads);
  const [found, setFound] = useState<{ asked: string; answer: T } | null>(null);
  useEffect(() => {
    if (asked === null) return;
    let live = true;
    ask().then(
      (answer) => live && setFound({ asked, answer }),
      (error: Error) => live && useCairn.getState().set({ error: `${failure}: ${error.message}` }),
    );
    return () => {
      live = false;
    };
    // `ask` is a new function each render; `asked` names what it asks.
  }, [asked, reads]);
  return asked !== null && found?.asked === asked ? found.answer : null;
}
