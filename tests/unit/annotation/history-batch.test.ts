// One reader action, one undo step: dispatchBatch (history.ts) and the caller-supplied ids it relies on.
import { describe, expect, it } from 'vitest';
import { AnnotationCommandError } from '@shared/annotation/command-kit';
import type { Command } from '@shared/annotation/commands';
import type { NewMeasurement } from '@shared/annotation/commands-measurements';
import { canRedo, committedDocument, createHistory, dispatch, dispatchBatch, redo, undo } from '@shared/annotation/history';
import type { History } from '@shared/annotation/history';
import type { AnnotationDocument } from '@shared/annotation/schema';
import { emptyDoc, FOR, p, SOURCE } from './fixtures';

const NOW = { now: '2025-03-01T12:00:00.000Z' };
const translation: NewMeasurement = { kind: 'translation', frameOfReferenceUID: FOR, sourceInstance: SOURCE, note: '', points: [p(0, 0, 0), p(0, 3, 0)], levels: ['L1', 'L2'] };
const addLesion = (id?: string): Command => ({ type: 'addLesion', args: { ...(id !== undefined ? { id } : {}), levels: ['L1'] } });
const addAid = (id: string): Command => ({ type: 'addMeasurement', args: { id, measurement: translation } });
const linkAid = (lesionId: string, ids: string[]): Command => ({
  type: 'updateLesion',
  args: { id: lesionId, field: 'alignment', value: { value: 'unknown', source: 'reader', measurementIds: ids } },
});
const label = (name: string, id?: string): Command => ({ type: 'addLabel', args: { ...(id !== undefined ? { id } : {}), label: name, point: p(0, 0, 0), frameOfReferenceUID: FOR, sourceInstance: SOURCE } });
const stamp: Command = { type: 'stampSoftware', args: { appVersion: '9.9.9', rulesVersion: 'rules-9' } };
const drag: Command = { type: 'moveLabel', args: { id: 'lbl-1', point: p(0, 0, 5) } };

const withLesion = (): History => dispatch(createHistory(emptyDoc()), addLesion('les-1'));
const summary = (doc: AnnotationDocument) => ({
  lesions: doc.lesions.map((l) => `${l.id}:${l.alignment.measurementIds.join('+')}`),
  measurements: doc.measurements.map((m) => m.id),
  labels: doc.labels.map((l) => `${l.id}:${l.label}`),
});

interface Case {
  readonly name: string;
  readonly start: () => History;
  readonly batch: readonly Command[];
  /** Undo steps the batch adds (0: nothing changed). */
  readonly steps: number;
  readonly after: ReturnType<typeof summary>;
}

const CASES: readonly Case[] = [
  {
    name: 'an aid and its link to the lesion (the alignment-aid click)',
    start: withLesion,
    batch: [addAid('msr-7'), linkAid('les-1', ['msr-7'])],
    steps: 1,
    after: { lesions: ['les-1:msr-7'], measurements: ['msr-7'], labels: [] },
  },
  {
    name: 'a lesion created and edited in the same action, the edit naming the id the batch gave it',
    start: () => createHistory(emptyDoc()),
    batch: [addLesion('les-9'), linkAid('les-9', [])],
    steps: 1,
    after: { lesions: ['les-9:'], measurements: [], labels: [] },
  },
  {
    name: 'three commands of different kinds',
    start: withLesion,
    batch: [label('T12'), label('L1'), addAid('msr-1')],
    steps: 1,
    after: { lesions: ['les-1:'], measurements: ['msr-1'], labels: ['lbl-1:T12', 'lbl-2:L1'] },
  },
  {
    name: 'a single command: the same as dispatch',
    start: withLesion,
    batch: [addAid('msr-1')],
    steps: 1,
    after: { lesions: ['les-1:'], measurements: ['msr-1'], labels: [] },
  },
  {
    name: 'an empty batch: no step',
    start: withLesion,
    batch: [],
    steps: 0,
    after: { lesions: ['les-1:'], measurements: [], labels: [] },
  },
  {
    name: 'commands that change nothing: no step',
    start: withLesion,
    batch: [linkAid('les-1', []), { type: 'setReportText', args: { field: 'impression', text: '' } }],
    steps: 0,
    after: { lesions: ['les-1:'], measurements: [], labels: [] },
  },
  {
    name: 'a change and its reversal inside one batch: no step',
    start: withLesion,
    batch: [linkAid('les-1', ['x']), linkAid('les-1', [])],
    steps: 0,
    after: { lesions: ['les-1:'], measurements: [], labels: [] },
  },
];

describe('dispatchBatch: one undo step per action', () => {
  it.each(CASES)('$name', ({ start, batch, steps, after }) => {
    const before = start();
    const h = dispatchBatch(before, batch, NOW);
    expect(summary(h.present)).toEqual(after);
    expect(h.past.length - before.past.length).toBe(steps);
    expect(h.present.revision - before.present.revision).toBe(steps);
    if (steps === 0) return;
    expect(h.present.updatedAt).toBe(NOW.now);
    expect(committedDocument(h)).toBe(h.present);
    // One undo takes the whole action back; one redo brings all of it again.
    const undone = undo(h);
    expect(summary(undone.present)).toEqual(summary(before.present));
    expect(canRedo(undone)).toBe(true);
    expect(summary(redo(undone).present)).toEqual(after);
  });
});

describe('dispatchBatch: all or nothing', () => {
  const REFUSED: readonly { name: string; batch: readonly Command[]; code: string }[] = [
    { name: 'a later command fails (unknown lesion)', batch: [addAid('msr-1'), linkAid('les-404', ['msr-1'])], code: 'not-found' },
    { name: 'an earlier command fails (id already taken)', batch: [addLesion('les-1'), addAid('msr-1')], code: 'conflict' },
    { name: 'two commands claim the same id', batch: [addAid('msr-1'), addAid('msr-1')], code: 'conflict' },
    { name: "a 'never' command (bookkeeping is not undoable)", batch: [addAid('msr-1'), stamp], code: 'invalid-args' },
    { name: 'invalid arguments', batch: [addAid(''), linkAid('les-1', [])], code: 'invalid-args' },
  ];
  it.each(REFUSED)('$name: throws, history untouched', ({ batch, code }) => {
    const before = withLesion();
    let thrown: unknown = null;
    try {
      dispatchBatch(before, batch, NOW);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AnnotationCommandError);
    expect((thrown as AnnotationCommandError).code).toBe(code);
    // Pure: the history passed in is unchanged (nothing half-applied to hold on to).
    expect(summary(before.present)).toEqual({ lesions: ['les-1:'], measurements: [], labels: [] });
    expect(before.past).toHaveLength(1);
  });

  it('a drag in progress is committed as its own step first; the batch is the next step', () => {
    const labelled = dispatch(createHistory(emptyDoc()), label('L1'));
    const dragging = dispatch(labelled, drag);
    const h = dispatchBatch(dragging, [label('L2'), label('L3')], NOW);
    expect(h.past).toHaveLength(3);
    expect(h.dragBase).toBeNull();
    expect(summary(undo(h).present).labels).toEqual(['lbl-1:L1']);
    expect(undo(h).present.labels[0]?.point).toEqual([0, 0, 5]);
    expect(undo(undo(h)).present.labels[0]?.point).toEqual([0, 0, 0]);
  });

  it("an 'on-release' command inside a batch is part of the one step", () => {
    const labelled = dispatch(createHistory(emptyDoc()), label('L1'));
    const h = dispatchBatch(labelled, [drag, label('L2')], NOW);
    expect(h.past).toHaveLength(2);
    expect(h.dragBase).toBeNull();
    expect(undo(h).present.labels.map((l) => l.point)).toEqual([[0, 0, 0]]);
  });
});

describe('commands take the ids they create', () => {
  const CREATORS: readonly { name: string; command: (id?: string) => Command; ids: (doc: AnnotationDocument) => string[]; next: string }[] = [
    { name: 'addLesion', command: addLesion, ids: (d) => d.lesions.map((l) => l.id), next: 'les-1' },
    { name: 'addMeasurement', command: (id) => ({ type: 'addMeasurement', args: { ...(id !== undefined ? { id } : {}), measurement: translation } }), ids: (d) => d.measurements.map((m) => m.id), next: 'msr-1' },
    { name: 'addLabel', command: (id) => label('L1', id), ids: (d) => d.labels.map((l) => l.id), next: 'lbl-1' },
    {
      name: 'addKeyImage',
      command: (id) => ({ type: 'addKeyImage', args: { ...(id !== undefined ? { id } : {}), seriesInstanceUID: '1.2.3', instance: SOURCE, viewState: {}, overlays: { labels: true, lesions: true, measurements: true } } }),
      ids: (d) => d.report.keyImages.map((k) => k.id),
      next: 'key-1',
    },
  ];
  it.each(CREATORS)('$name: the caller\'s id, else the next one; a taken id is refused', ({ command, ids, next }) => {
    const h0 = createHistory(emptyDoc());
    expect(ids(dispatch(h0, command('mine')).present)).toEqual(['mine']);
    expect(ids(dispatch(h0, command()).present)).toEqual([next]);
    const h1 = dispatch(h0, command('mine'));
    expect(() => dispatch(h1, command('mine'))).toThrow(/already taken/);
  });
});
