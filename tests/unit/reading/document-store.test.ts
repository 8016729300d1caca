import { describe, expect, it } from 'vitest';
import { createDocument } from '@shared/annotation';
import type { AnnotationDocument, Subject } from '@shared/annotation';
import { Autosaver, draftOffer } from '../../../src-renderer/reading/autosave';
import type { DraftHost } from '../../../src-renderer/reading/autosave';
import { DocumentStore } from '../../../src-renderer/reading/document-store';

const doc = () => createDocument({ studyInstanceUID: '1.2.3', readerName: '', now: '2026-01-01T00:00:00.000Z', appVersion: 't', rulesVersion: 'r' });
const label = (name: string, z: number) => ({ type: 'addLabel' as const, args: { label: name, point: [0, 0, z] as [number, number, number], frameOfReferenceUID: 'F', sourceInstance: { sopInstanceUID: '1', frame: 0 } } });

function fakeHost(answer: (d: AnnotationDocument) => Awaited<ReturnType<DraftHost['draftSave']>> = (d) => ({ saved: true, revision: d.revision })) {
  const saved: AnnotationDocument[] = [];
  let release: () => void = () => undefined;
  let gate = Promise.resolve();
  const host: DraftHost = {
    draftLoad: async () => ({ status: 'none', migrationsApplied: [], problems: [] }),
    draftSave: async ({ document }) => {
      await gate;
      saved.push(document);
      return answer(document);
    },
    draftQuarantine: async () => ({ moved: [] }),
  };
  return {
    host,
    saved,
    hold() {
      gate = new Promise((r) => (release = r));
    },
    open: () => release(),
  };
}

describe('document store', () => {
  it('dispatches commands with undo/redo; refused commands leave the document and say why', () => {
    let t = 0;
    const store = new DocumentStore(() => `2026-01-01T00:00:0${(t += 1)}.000Z`);
    store.load(doc());
    expect(store.dispatch(label('L1', 0))).toEqual({ ok: true });
    expect(store.dispatch(label('L1', 5))).toEqual({ ok: false, message: 'level L1 is already labelled' });
    expect(store.getSnapshot().lastError).toMatch(/already labelled/);
    store.undo();
    expect(store.document()?.labels).toEqual([]);
    expect(store.getSnapshot().canRedo).toBe(true);
    store.redo();
    expect(store.document()?.labels.map((l) => l.label)).toEqual(['L1']);
    // The redo is the latest commit: it stamps the document with the latest time.
    expect(store.document()?.updatedAt).toBe(`2026-01-01T00:00:0${t}.000Z`);
  });

  it('a drag is committed once, on release: commit listeners never see it half-done', () => {
    const store = new DocumentStore();
    store.load(doc());
    store.dispatch(label('L1', 0));
    const commits: number[] = [];
    store.onCommit((d) => commits.push(d.labels[0]?.point[2] ?? NaN));
    const id = store.document()?.labels[0]?.id ?? '';
    for (const z of [1, 2, 3]) store.dispatch({ type: 'moveLabel', args: { id, point: [0, 0, z] } });
    expect(commits).toEqual([]);
    expect(store.committed()?.labels[0]?.point).toEqual([0, 0, 0]);
    store.release();
    expect(commits).toEqual([3]);
    store.undo();
    expect(store.document()?.labels[0]?.point).toEqual([0, 0, 0]);
  });
});

describe('autosave', () => {
  it('saves after every commit, never two at once, keeping only the newest pending document', async () => {
    const store = new DocumentStore();
    store.load(doc());
    const fake = fakeHost();
    const saver = new Autosaver(fake.host, store);
    fake.hold();
    store.dispatch(label('T12', 0));
    store.dispatch(label('L1', 1));
    store.dispatch(label('L2', 2));
    expect(saver.getState().kind).toBe('saving');
    fake.open();
    await saver.flush();
    // The first save was in flight; of the two that queued behind it only the newest is written.
    expect(fake.saved.map((d) => d.labels.length)).toEqual([1, 3]);
    expect(saver.getState()).toMatchObject({ kind: 'saved', revision: 3 });
  });

  it('a blocked save (damaged or newer file) stops autosave until the reader decides', async () => {
    const store = new DocumentStore();
    store.load(doc());
    const fake = fakeHost(() => ({ saved: false, code: 'blocked-corrupt', message: 'damaged' }));
    const saver = new Autosaver(fake.host, store);
    store.dispatch(label('L1', 0));
    await saver.flush();
    expect(saver.getState()).toEqual({ kind: 'blocked', message: 'damaged' });
    store.dispatch(label('L2', 1));
    await saver.flush();
    expect(fake.saved).toHaveLength(1);
  });

  it('turns a draft load into an offer: resume, unreadable (with the reasons) or nothing', () => {
    const d = doc();
    expect(draftOffer({ status: 'none', migrationsApplied: [], problems: [] }, null)).toEqual({ kind: 'none' });
    expect(draftOffer({ status: 'ok', document: d, migrationsApplied: [], problems: [] }, null)).toMatchObject({ kind: 'resume', recovered: false });
    expect(draftOffer({ status: 'recovered-from-previous', document: d, migrationsApplied: [], problems: [] }, null)).toMatchObject({ kind: 'resume', recovered: true });
    expect(draftOffer({ status: 'newer-version', migrationsApplied: [], problems: [{ path: 'version', message: 'newer' }] }, null)).toEqual({
      kind: 'unreadable',
      reason: 'newer-version',
      notes: ['version: newer'],
    });
  });

  const subject = (name: string, id: string, birthDate: string): Subject => ({
    patient: { name, id, birthDate },
    study: { uid: '1.2.3', uidDerived: false, date: '20120101', time: '', description: 'L-SPINE', accessionNumber: '', modalities: ['MR'] },
  });
  const opened = subject('OTHER^BETA', 'BETA-2', '19500101');
  it.each([
    { name: 'same patient', recorded: subject('OTHER^BETA', 'BETA-2', '19500101'), kind: 'resume', fields: [] as string[] },
    { name: 'same patient, name spelled with trailing carets and lower case', recorded: subject('other^beta^^', 'BETA-2', '19500101'), kind: 'resume', fields: [] },
    { name: 'another patient', recorded: subject('OTHER^ALPHA', 'ALPHA-1', '19500101'), kind: 'other-patient', fields: ['patient name', 'patient ID'] },
    { name: 'same name, another birth date', recorded: subject('OTHER^BETA', 'BETA-2', '19600101'), kind: 'other-patient', fields: ['birth date'] },
    { name: 'same name, no ID in the draft', recorded: subject('OTHER^BETA', '', '19500101'), kind: 'other-patient', fields: ['patient ID'] },
    { name: 'not recorded (an older draft)', recorded: null, kind: 'resume', fields: [] },
  ])('a draft of $name: $kind', ({ recorded, kind, fields }) => {
    const offer = draftOffer({ status: 'ok', document: { ...doc(), subject: recorded }, migrationsApplied: [], problems: [] }, opened);
    expect(offer.kind).toBe(kind);
    if (offer.kind === 'other-patient') expect(offer.differences.map((x) => x.field)).toEqual(fields);
    if (offer.kind === 'resume') expect(offer.subjectRecorded).toBe(recorded !== null);
  });
});
