/**
 * The pictures of the report's key images, by key image id: the reader's captures of a view (exactly what was on
 * screen, overlays included) where there is one, otherwise the host's rendering from the DICOM (report:key-images)
 * for proposed images and for key images restored from a draft. Captures live for the session, in memory.
 */
import { useEffect, useMemo, useState } from 'react';
import type { AnnotationDocument } from '@shared/annotation';
import type { HostApi } from '@shared/ipc/contract';
import type { KeyImageChoice } from '@shared/report/index';

export interface Capture {
  readonly sopInstanceUID: string;
  readonly frame: number;
  readonly url: string;
}

export class CaptureStore {
  private readonly captures = new Map<string, Capture>();
  private readonly listeners = new Set<() => void>();
  private version = 0;

  set(id: string, capture: Capture): void {
    this.captures.set(id, capture);
    this.version++;
    this.listeners.forEach((l) => l());
  }

  /** The capture of a key image, only while the record still points at the image it was taken of. */
  forChoice(choice: KeyImageChoice): string | undefined {
    const c = this.captures.get(choice.id);
    return c !== undefined && c.sopInstanceUID === choice.sopInstanceUID && c.frame === choice.frame ? c.url : undefined;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getVersion = (): number => this.version;
}

const perSession = new WeakMap<object, CaptureStore>();

/** The capture store of one reading session: it outlives the report panel (switching to Findings and back keeps it). */
export function captureStoreFor(session: object): CaptureStore {
  let store = perSession.get(session);
  if (store === undefined) {
    store = new CaptureStore();
    perSession.set(session, store);
  }
  return store;
}

/** What the host needs to re-render: the choices and everything drawn over them. */
function renderKey(choices: readonly KeyImageChoice[], doc: AnnotationDocument): string {
  return JSON.stringify({ choices, labels: doc.labels, lesions: doc.lesions.map((l) => l.levels), measurements: doc.measurements });
}

export type HostRenders = { readonly status: 'idle' | 'loading' | 'ready'; readonly images: Readonly<Record<string, string>>; readonly error: string | null };

/** Host renderings of the choices without a capture, refreshed (debounced) when what they show changes. */
export function useHostRenders(host: HostApi, sessionId: string, doc: AnnotationDocument | null, choices: readonly KeyImageChoice[], captured: ReadonlySet<string>): HostRenders {
  const [state, setState] = useState<HostRenders>({ status: 'idle', images: {}, error: null });
  const needed = useMemo(() => choices.filter((c) => !captured.has(c.id)), [choices, captured]);
  const key = doc === null ? '' : renderKey(needed, doc);
  useEffect(() => {
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
    // `key` stands for doc + needed: re-render only when what the pictures show has changed.
  }, [host, sessionId, key]);
  return state;
}
