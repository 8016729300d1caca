import { useEffect, useState } from 'react';
import { dropOutcome } from './drop-paths';

/**
 * Files and folders dropped anywhere on the window open as a study. Only drags that carry files are taken: the
 * viewer's own drags (a series onto a viewport) pass through untouched.
 */
export function useDropOpen(open: (paths: string[]) => void): { readonly dropMessage: string | null; readonly clearDropMessage: () => void } {
  const [dropMessage, setDropMessage] = useState<string | null>(null);
  useEffect(() => {
    const carriesFiles = (event: DragEvent): boolean => event.dataTransfer?.types.includes('Files') ?? false;
    const onDragOver = (event: DragEvent): void => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onDrop = (event: DragEvent): void => {
      if (!carriesFiles(event)) return;
      // Without this the browser would navigate to the dropped file.
      event.preventDefault();
      const outcome = dropOutcome([...(event.dataTransfer?.files ?? [])], window.droppedFiles);
      if (outcome.kind === 'paths') {
        setDropMessage(null);
        open(outcome.paths);
      } else {
        setDropMessage(outcome.message);
      }
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [open]);
  return { dropMessage, clearDropMessage: () => setDropMessage(null) };
}
