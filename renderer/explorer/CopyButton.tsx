import { useEffect, useState } from 'react';
import { api } from '../api';

/** How long the button says 'Copied' after a copy. */
const COPIED_MS = 2000;

type CopyState = { kind: 'idle' } | { kind: 'copied' } | { kind: 'failed'; reason: string };

/**
 * A button that puts `text` on the clipboard (through main) and says how it went: 'Copied' on the
 * button for two seconds, or why it failed (e.g. text over the clipboard's limit) beside it, both
 * announced to screen readers. `name` says what it copies where `label` alone would not (one of many).
 */
export function CopyButton({ text, label, name = label }: { text: string; label: string; name?: string }) {
  const [state, setState] = useState<CopyState>({ kind: 'idle' });
  useEffect(() => {
    if (state.kind !== 'copied') return;
    const timer = setTimeout(() => setState({ kind: 'idle' }), COPIED_MS);
    return () => clearTimeout(timer);
  }, [state]);
  const copy = (): Promise<void> =>
    api()
      .copyText(text)
      .then(
        () => setState({ kind: 'copied' }),
        (error: Error) => setState({ kind: 'failed', reason: error.message }),
      );
  return (
    <>
      <button type="button" className={state.kind === 'copied' ? 'copied' : undefined} onClick={() => void copy()} aria-label={name}>
        {state.kind === 'copied' ? '✓ Copied' : label}
      </button>
      <span role="status" aria-live="polite" className={state.kind === 'failed' ? 'copy-failed' : 'visually-hidden'}>
        {state.kind === 'copied' ? `${name}: copied to the clipboard` : state.kind === 'failed' ? `Not copied: ${state.reason}` : ''}
      </span>
    </>
  );
}
