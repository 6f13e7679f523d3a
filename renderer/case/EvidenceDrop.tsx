import { useEffect, useState } from 'react';
import { useCairn } from '../store';
import { addDroppedEvidence, dropRefusal } from './addEvidence';

const carriesFiles = (event: DragEvent): boolean => event.dataTransfer?.types.includes('Files') ?? false;

/**
 * Takes files and folders dropped anywhere on the window: an overlay says what a drop will do
 * while they are dragged over it, and the drop hands them to the preload. The browser's own
 * handling of a dropped file (opening it in place of the app) never runs.
 */
export function EvidenceDrop() {
  const [dragging, setDragging] = useState(false);
  const refusal = useCairn(dropRefusal);

  useEffect(() => {
    // Only drags that carry files count; dragenter and dragleave fire for every element crossed,
    // so the drag is over the window until they balance.
    let depth = 0;
    const on = (type: 'dragenter' | 'dragover' | 'dragleave' | 'drop', listener: (event: DragEvent) => void): (() => void) => {
      const handle = (event: DragEvent): void => {
        if (carriesFiles(event)) listener(event);
      };
      window.addEventListener(type, handle);
      return () => window.removeEventListener(type, handle);
    };
    const removers = [
      on('dragenter', (event) => {
        event.preventDefault();
        depth++;
        setDragging(true);
      }),
      on('dragover', (event) => {
        event.preventDefault();
        event.dataTransfer!.dropEffect = 'copy';
      }),
      on('dragleave', () => {
        depth = Math.max(0, depth - 1);
        if (depth === 0) setDragging(false);
      }),
      on('drop', (event) => {
        event.preventDefault();
        depth = 0;
        setDragging(false);
        void addDroppedEvidence([...event.dataTransfer!.files]);
      }),
    ];
    return () => removers.forEach((remove) => remove());
  }, []);

  if (!dragging) return null;
  return (
    <div className={refusal ? 'drop-overlay refused' : 'drop-overlay'} role="status">
      <p>{refusal ?? 'Drop files or folders to add them to this case'}</p>
    </div>
  );
}
