/**
 * The pictures of the report's key images, by key image id: the host's rendering from the DICOM (report:key-images)
 * of each key image record — the view the reader added (its frame, window and lesion) or a proposed one — with the
 * shared overlay (shared/overlay). Nothing is kept in memory only: the record in the draft is the picture.
 */
import { useEffect, useRef, useState } from 'react';
import type { AnnotationDocument } from '@shared/annotation';
import type { HostApi } from '@shared/ipc/contract';
import type { KeyImageChoice } from '@shared/report/index';

/** What the host needs to re-render: the choices and everything drawn over them. */
function renderKey(choices: readonly KeyImageChoice[], doc: AnnotationDocument): string {
  return JSON.stringify({ choices, labels: doc.labels, lesions: doc.lesions.map((l) => l.levels), measurements: doc.measurements });
}

export type HostRenders = { readonly status: 'idle' | 'loading' | 'ready'; readonly images: Readonly<Record<string, string>>; readonly error: string | null };

/** Host renderings of the choices, refreshed (debounced) when what they show changes. */
export function useHostRenders(host: HostApi, sessionId: string, doc: AnnotationDocument | null, choices: readonly KeyImageChoice[]): HostRenders {
  const [state, setState] = useState<HostRenders>({ status: 'idle', images: {}, error: null });
  const needed = choices;
  const key = doc === null ? '' : renderKey(needed, doc);
  // `key` stands for doc + needed: re-render only when what the pictures show has changed (read through a ref).
  const latest = useRef({ doc, needed });
  latest.current = { doc, needed };
  useEffect(() => {
    const { doc, needed } = latest.current;
    if (doc === null || needed.length === 0) return;
    let live = true;
    const timer = setTimeout(() => {
      setState((s) => ({ ...s, status: 'loading' }));
      host.reportKeyImages({ sessionId, document: doc }).then(
        (result) => {
          if (live) setState({ status: 'ready', images: result.images, error: null });
        },
        (error: unknown) => {
          if (live) setState((s) => ({ ...s, status: 'ready', error: error instanceof Error ? error.message : String(error) }));
        },
      );
    }, 400);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [host, sessionId, key]);
  return state;
}
