/**
 * One reading session per open study: document store, autosave, click modes, the viewer extension, and the draft
 * decision on open (resume / start fresh / unreadable draft), never taken silently.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ComponentType } from 'react';
import { createDocument } from '@shared/annotation';
import type { Subject } from '@shared/annotation';
import { RULES_VERSION } from '@shared/scoring';
import type { ViewerExtension, ViewportOverlayProps } from '../viewer/extension';
import { Autosaver, draftOffer } from './autosave';
import type { DraftHost, DraftOffer } from './autosave';
import { ClickModeStore, useClickMode } from './click-mode';
import { registerExitFlusher } from './close-flush';
import { createClickTool } from './click-tool';
import { ReadingContext } from './context';
import type { ReadingServices } from './context';
import { createDocumentMeasurementStore } from './document-measurements';
import { DocumentStore, useHistoryShortcuts } from './document-store';
import { useKeyBindings } from '../keymap/page-keymap';
import { ReadingOverlay } from './ReadingOverlay';
import { installReadingHook } from './test-hook';

export type OpenState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'offer'; readonly offer: Exclude<DraftOffer, { kind: 'none' }> }
  | { readonly kind: 'ready' }
  | { readonly kind: 'failed'; readonly message: string };

export interface ReadingSession {
  readonly services: ReadingServices;
  readonly extension: ViewerExtension;
  readonly open: OpenState;
  /** Whose the opened study is (the draft records it; a draft of another patient is never resumed silently). */
  readonly subject: Subject | null;
  resume(): void;
  startFresh(): void;
  quarantine(): Promise<void>;
  /** Another patient's draft: move it aside (kept, never deleted) and start this study's own draft. */
  setAsideOtherPatient(): Promise<void>;
  /** Another patient's draft, the reader's explicit choice: open it as this study's draft from now on. */
  openOtherPatientAnyway(): void;
}

/** The overlay bound to one session's services (it renders inside the viewer, outside the panel's context). */
function boundOverlay(services: ReadingServices): ComponentType<ViewportOverlayProps> {
  return function SessionOverlay(props: ViewportOverlayProps) {
    return (
      <ReadingContext.Provider value={services}>
        <ReadingOverlay {...props} />
      </ReadingContext.Provider>
    );
  };
}

/**
 * How a session sits beside another (a follow-up's prior has its own reading): `role: 'prior'` installs its test hook
 * as window.__priorReadingModel; `shortcuts: false` leaves undo/redo keys to the reading the panel shows.
 */
export interface ReadingSessionOptions {
  readonly role?: 'prior';
  readonly shortcuts?: boolean;
}

/** null study (nothing open yet): no session, nothing loaded or saved. `subject`: whose the opened study is. */
export function useReadingSession(host: DraftHost, studyInstanceUID: string | null, appVersion: string, subject: Subject | null = null, options: ReadingSessionOptions = {}): ReadingSession | null {
  const services = useMemo((): ReadingServices => {
    const store = new DocumentStore();
    return { studyInstanceUID, store, saver: new Autosaver(host, store), clicks: new ClickModeStore() };
  }, [host, studyInstanceUID]);
  const [open, setOpen] = useState<OpenState>({ kind: 'loading' });
  const { mode } = useClickMode(services.clicks);
  useHistoryShortcuts(services.store, options.shortcuts ?? true);
  // Escape leaves any reading click mode (the viewer's own Escape cancels its drawing).
  useKeyBindings(
    useMemo(
      () => [{ chord: { key: 'Escape' }, when: 'always' as const, label: 'Esc', group: 'Reading', description: 'Leave labelling or placing', run: () => { if (services.clicks.get().kind !== 'none') services.clicks.set({ kind: 'none' }); } }],
      [services],
    ),
  );
  const role = options.role;
  useEffect(() => (studyInstanceUID === null ? undefined : installReadingHook(services, role)), [services, studyInstanceUID, role]);
  useEffect(() => () => services.saver.dispose(), [services]);
  useEffect(() => registerExitFlusher(services.saver), [services]);
  // Read at creation time only: the version arriving later must not re-run the draft decision.
  const version = useRef(appVersion);
  version.current = appVersion;
  // The subject belongs to the study: read through a ref so a re-built index object does not re-run the decision.
  const subjectRef = useRef(subject);
  subjectRef.current = subject;

  const fresh = useMemo(
    () => () => createDocument({ studyInstanceUID: studyInstanceUID ?? '', subject: subjectRef.current, readerName: '', now: new Date().toISOString(), appVersion: version.current || '0.0.0', rulesVersion: RULES_VERSION }),
    [studyInstanceUID],
  );

  useEffect(() => {
    if (studyInstanceUID === null) return;
    let live = true;
    setOpen({ kind: 'loading' });
    host.draftLoad({ studyInstanceUID }).then(
      (loaded) => {
        if (!live) return;
        const offer = draftOffer(loaded, subjectRef.current);
        if (offer.kind === 'none') {
          services.store.load(fresh());
          setOpen({ kind: 'ready' });
        } else setOpen({ kind: 'offer', offer });
      },
      (error: unknown) => {
        if (live) setOpen({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [host, studyInstanceUID, services, fresh]);

  const Overlay = useMemo(() => boundOverlay(services), [services]);
  const clickTool = useMemo(() => createClickTool(services), [services]);
  // The viewer's own measurement tools write to the document too (undo, autosave, restore).
  const measurements = useMemo(() => createDocumentMeasurementStore(services.store), [services]);
  const extension = useMemo(
    (): ViewerExtension => ({ Overlay, clickTool: mode.kind === 'none' ? null : clickTool, measurements, drawsMeasurementValues: true }),
    [Overlay, mode.kind, clickTool, measurements],
  );

  if (studyInstanceUID === null) return null;
  return {
    services,
    extension,
    open,
    subject,
    resume: () => {
      if (open.kind !== 'offer' || open.offer.kind !== 'resume') return;
      services.store.load(open.offer.document);
      services.saver.markSaved(open.offer.document);
      setOpen({ kind: 'ready' });
    },
    startFresh: () => {
      // Over a readable draft, the first edit replaces it (the reader chose this explicitly); over an unreadable one,
      // autosave stays blocked until the reader moves the file aside.
      services.store.load(fresh());
      setOpen({ kind: 'ready' });
    },
    quarantine: async () => {
      await host.draftQuarantine({ studyInstanceUID });
      services.saver.unblock(null);
      services.store.load(fresh());
      setOpen({ kind: 'ready' });
    },
    setAsideOtherPatient: async () => {
      await host.draftQuarantine({ studyInstanceUID, otherPatient: true });
      services.saver.unblock(null);
      services.store.load(fresh());
      setOpen({ kind: 'ready' });
    },
    openOtherPatientAnyway: () => {
      if (open.kind !== 'offer' || open.offer.kind !== 'other-patient') return;
      // The reader decided this reading belongs to this study: from now on it records this study's patient.
      const taken = { ...open.offer.document, subject: subjectRef.current };
      services.store.load(taken);
      services.saver.markSaved(open.offer.document);
      setOpen({ kind: 'ready' });
    },
  };
}
