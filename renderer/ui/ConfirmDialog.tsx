import { useEffect, useRef } from 'react';
import { cycledFocus } from './focusCycle';

/**
 * A modal question with a cancel and a (destructive) confirm button. It holds the keyboard while
 * open: Tab and Shift+Tab go round its buttons, Escape cancels wherever focus is (a click on the
 * shade behind it leaves it on the page's body). Closed, it gives focus back to what had it when it
 * opened (the button that asked), if that is still there.
 */
export function ConfirmDialog({ title, body, confirm, onConfirm, onCancel }: { title: string; body: string; confirm: string; onConfirm(): void; onCancel(): void }) {
  const dialog = useRef<HTMLDivElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const cancel = useRef(onCancel);
  cancel.current = onCancel;
  useEffect(() => {
    const opener = document.activeElement;
    const modal = dialog.current!;
    cancelButton.current?.focus();
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') {
        event.preventDefault();
        cancel.current();
      } else if (event.key === 'Tab') {
        event.preventDefault();
        const buttons = [...modal.querySelectorAll('button')];
        buttons[cycledFocus(buttons.length, buttons.indexOf(document.activeElement as HTMLButtonElement), event.shiftKey)]?.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      // Unless the answer has sent the keyboard elsewhere.
      const now = document.activeElement;
      if ((now === null || now === document.body || modal.contains(now)) && opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, []);
  return (
    <div className="modal-backdrop">
      <div className="modal" ref={dialog} role="alertdialog" aria-modal="true" aria-labelledby="confirm-title" aria-describedby="confirm-body">
        <h2 id="confirm-title">{title}</h2>
        <p id="confirm-body">{body}</p>
        <div className="modal-buttons">
          <button type="button" ref={cancelButton} onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="danger" onClick={onConfirm}>
            {confirm}
          </button>
        </div>
      </div>
    </div>
  );
}
