import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDocument } from '@shared/annotation';
import type { AnnotationDocument } from '@shared/annotation';
import { Autosaver } from '../../../src-renderer/reading/autosave';
import type { DraftHost } from '../../../src-renderer/reading/autosave';
import { installCloseFlush, registerExitFlusher } from '../../../src-renderer/reading/close-flush';
import { DocumentStore } from '../../../src-renderer/reading/document-store';
import { registerPendingEdit } from '../../../src-renderer/text/pending-edits';

// Autosave's coalescing and the flush when the page or window goes away.
const doc = () => createDocument({ studyInstanceUID: '1.2.3', readerName: '', now: '2026-01-01T00:00:00.000Z', appVersion: 't', rulesVersion: 'r' });
const label = (name: string, z: number) => ({ type: 'addLabel' as const, args: { label: name, point: [0, 0, z] as [number, number, number], frameOfReferenceUID: 'F', sourceInstance: { sopInstanceUID: '1', frame: 0 } } });

/** A draft host whose saves finish only when the test says so; `sent` is the order requests left the page. */
function gatedHost() {
  const sent: number[] = [];
  const written: number[] = [];
  const gates: (() => void)[] = [];
  const host: DraftHost = {
    draftLoad: async () => ({ status: 'none', migrationsApplied: [], problems: [] }),
    draftSave: async ({ document }: { document: AnnotationDocument }) => {
      sent.push(document.labels.length);
      await new Promise<void>((resolve) => gates.push(resolve));
      written.push(document.labels.length);
      return { saved: true as const, revision: document.revision };
    },
    draftQuarantine: async () => ({ moved: [] }),
  };
  const openAll = async (): Promise<void> => {
    while (gates.length > 0) {
      gates.shift()?.();
      await new Promise((r) => setTimeout(r, 0));
    }
  };
  return { host, sent, written, openAll };
}

function session() {
  const store = new DocumentStore();
  store.load(doc());
  const fake = gatedHost();
  const saver = new Autosaver(fake.host, store);
  return { store, saver, ...fake };
}

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('autosave flush on exit', () => {
  it('edits during a save in flight coalesce into one pending save; flush() waits for both', async () => {
    const { store, saver, sent, written, openAll } = session();
    for (const [i, name] of ['T12', 'L1', 'L2', 'L3'].entries()) store.dispatch(label(name, i));
    expect(sent).toEqual([1]);
    const flushed = saver.flush();
    await openAll();
    await flushed;
    expect(written).toEqual([1, 4]);
  });

  it('saveBeforeExit sends the newest pending document at once, after the one in flight, and only once', async () => {
    const { store, saver, sent, written, openAll } = session();
    store.dispatch(label('T12', 0));
    store.dispatch(label('L1', 1));
    store.dispatch(label('L2', 2));
    saver.saveBeforeExit();
    // No waiting for the first save: both requests have left, oldest first.
    expect(sent).toEqual([1, 3]);
    saver.saveBeforeExit();
    await openAll();
    await saver.flush();
    expect(sent).toEqual([1, 3]);
    expect(written).toEqual([1, 3]);
    expect(saver.getState()).toMatchObject({ kind: 'saved' });
  });

  it('with nothing pending, saveBeforeExit sends nothing (the save in flight is already on its way)', () => {
    const { store, saver, sent } = session();
    store.dispatch(label('T12', 0));
    saver.saveBeforeExit();
    expect(sent).toEqual([1]);
  });

  it('pagehide saves every registered session; app:before-close is answered after every save is written', async () => {
    const { store, saver, sent, written, openAll } = session();
    cleanups.push(registerExitFlusher(saver));
    let beforeClose: (() => void) | null = null;
    const ready = vi.fn(async () => ({}));
    const host = {
      on: ((event: string, handler: () => void) => {
        if (event === 'app:before-close') beforeClose = handler;
        return () => undefined;
      }) as never,
      appReadyToClose: ready,
    };
    const target = new EventTarget();
    cleanups.push(installCloseFlush(host, target as unknown as Window));

    store.dispatch(label('T12', 0));
    store.dispatch(label('L1', 1));
    target.dispatchEvent(new Event('pagehide'));
    expect(sent).toEqual([1, 2]);

    store.dispatch(label('L2', 2));
    expect(beforeClose).not.toBeNull();
    beforeClose!();
    await new Promise((r) => setTimeout(r, 0));
    // Still writing: the window must not be told it may close.
    expect(ready).not.toHaveBeenCalled();
    await openAll();
    await vi.waitFor(() => expect(ready).toHaveBeenCalledTimes(1));
    expect(written).toEqual([1, 2, 3]);
  });

  // A field still being typed in when the page goes: its text is committed first, then saved with the document.
  const EXITS: readonly { name: string; fire: (target: EventTarget, hidden: { value: boolean }, beforeClose: () => void) => void }[] = [
    { name: 'pagehide', fire: (t) => t.dispatchEvent(new Event('pagehide')) },
    { name: 'beforeunload', fire: (t) => t.dispatchEvent(new Event('beforeunload')) },
    { name: 'visibilitychange to hidden (tab switch)', fire: (t, hidden) => { hidden.value = true; t.dispatchEvent(new Event('visibilitychange')); } },
    { name: 'app:before-close (Electron window close)', fire: (_t, _h, beforeClose) => beforeClose() },
  ];
  it.each(EXITS)('$name commits the text being typed before saving', async ({ fire }) => {
    const { store, saver, sent, openAll } = session();
    cleanups.push(registerExitFlusher(saver));
    let beforeClose: () => void = () => undefined;
    const host = {
      on: ((event: string, handler: () => void) => {
        if (event === 'app:before-close') beforeClose = handler;
        return () => undefined;
      }) as never,
      appReadyToClose: vi.fn(async () => ({})),
    };
    const target = new EventTarget();
    const hidden = { value: false };
    cleanups.push(installCloseFlush(host, target as unknown as Window, () => hidden.value));
    store.dispatch(label('T12', 0));
    const typed = { type: 'setReportText' as const, args: { field: 'impression' as const, text: 'typed, never blurred' } };
    let commits = 0;
    cleanups.push(registerPendingEdit(() => { commits += 1; store.dispatch(typed); }));
    fire(target, hidden, beforeClose);
    expect(commits).toBe(1);
    await openAll();
    await saver.flush();
    await openAll();
    expect(sent.length).toBeGreaterThanOrEqual(2);
    expect(store.committed()?.report.impression).toBe('typed, never blurred');
  });

  it('visibilitychange back to visible commits nothing', () => {
    const { saver } = session();
    cleanups.push(registerExitFlusher(saver));
    const target = new EventTarget();
    cleanups.push(installCloseFlush({ on: (() => () => undefined) as never, appReadyToClose: vi.fn(async () => ({})) }, target as unknown as Window, () => false));
    let commits = 0;
    cleanups.push(registerPendingEdit(() => { commits += 1; }));
    target.dispatchEvent(new Event('visibilitychange'));
    expect(commits).toBe(0);
  });
});
