// Every command, run through history: it changes what it says, undo restores the document exactly (apart from the
// revision/updatedAt stamp, which only moves forward), and redo brings the change back.
import { defaultLesion } from '@shared/annotation/defaults';
import { describe, expect, it } from 'vitest';
import { AnnotationCommandError } from '@shared/annotation/command-kit';
import { applyCommand, COMMANDS } from '@shared/annotation/commands';
import type { Command, CommandType } from '@shared/annotation/commands';
import { createHistory, dispatch, redo, release, undo } from '@shared/annotation/history';
import type { NewMeasurement } from '@shared/annotation/commands-measurements';
import type { AnnotationDocument } from '@shared/annotation/schema';
import { loadDocumentText } from '@shared/annotation/load';
import { body, emptyDoc, FOR, p, SOURCE } from './fixtures';

/** A lesion's fields without its id (what adoptLesion takes from another reading). */
function lesionFields(levels: string[]) {
  const { id: _id, ...fields } = defaultLesion('x', levels);
  return fields;
}

const content = (doc: AnnotationDocument) => ({ ...doc, revision: 0, updatedAt: '' });
const placed = (name: string) => ({ label: name, point: p(0, 0, 10), frameOfReferenceUID: FOR, sourceInstance: SOURCE });
const label = (name: string, proposed = false) => ({ ...placed(name), proposed });
const heights: NewMeasurement = { kind: 'vertebral-heights', frameOfReferenceUID: FOR, sourceInstance: SOURCE, note: '', index: body('L1', 10, 14, 20), above: body('T12', 20, 20, 20), below: null };
const length: NewMeasurement = { kind: 'length', frameOfReferenceUID: FOR, sourceInstance: SOURCE, note: '', points: [p(0, 0, 0), p(0, 0, 5)], calibration: 'PixelSpacing' };
const keyImage = { seriesInstanceUID: '1.2.3', instance: SOURCE, viewState: { windowWidth: 400, windowCenter: 40 }, overlays: { labels: true, lesions: true, measurements: false } };

/** A document with something of everything for the commands to act on. */
function richDoc(): AnnotationDocument {
  const steps: Command[] = [
    { type: 'addLabel', args: label('L1') },
    { type: 'addLabel', args: label('L2', true) },
    { type: 'addLesion', args: { levels: ['L1'] } },
    { type: 'addMeasurement', args: { measurement: heights } },
    { type: 'addMeasurement', args: { measurement: length } },
    { type: 'addKeyImage', args: keyImage },
    { type: 'acceptImpression', args: { text: 'Accepted earlier.' } },
  ];
  return steps.reduce(applyCommand, emptyDoc());
}

interface Case {
  readonly command: Command;
  readonly check: (after: AnnotationDocument) => void;
}

/** Sign-off commands need a signed reading and signing is not undoable: tests/unit/annotation/signoff.test.ts covers them. */
const SIGNOFF_STATE_COMMANDS = ['signReport', 'beginAmendment', 'cancelAmendment'] as const;
const CASES: Record<Exclude<CommandType, 'stampSoftware' | (typeof SIGNOFF_STATE_COMMANDS)[number]>, Case> = {
  addLabel: { command: { type: 'addLabel', args: label('T12') }, check: (d) => expect(d.labels.at(-1)).toMatchObject({ id: 'lbl-3', label: 'T12', proposed: false }) },
  addProposedLabels: {
    command: { type: 'addProposedLabels', args: { labels: [placed('L3'), placed('L4')] } },
    check: (d) => expect(d.labels.slice(-2).map((l) => [l.label, l.proposed])).toEqual([['L3', true], ['L4', true]]),
  },
  moveLabel: { command: { type: 'moveLabel', args: { id: 'lbl-1', point: p(5, 5, 5) } }, check: (d) => expect(d.labels[0]?.point).toEqual([5, 5, 5]) },
  renameLabel: { command: { type: 'renameLabel', args: { id: 'lbl-1', label: 'T12' } }, check: (d) => expect(d.labels[0]?.label).toBe('T12') },
  deleteLabel: { command: { type: 'deleteLabel', args: { id: 'lbl-1' } }, check: (d) => expect(d.labels.map((l) => l.id)).toEqual(['lbl-2']) },
  confirmProposedLabels: { command: { type: 'confirmProposedLabels', args: {} }, check: (d) => expect(d.labels.every((l) => !l.proposed)).toBe(true) },
  setCountingMethod: { command: { type: 'setCountingMethod', args: { method: 'partial' } }, check: (d) => expect(d.spine.countingMethod).toBe('partial') },
  setVariants: {
    command: { type: 'setVariants', args: { lumbarCount: 6, castellvi: 'IIa' } },
    check: (d) => expect(d.spine.variants).toEqual({ thoracicCount: 12, lumbarCount: 6, castellvi: 'IIa' }),
  },
  addLesion: { command: { type: 'addLesion', args: { levels: ['T12', 'L1'] } }, check: (d) => expect(d.lesions.at(-1)).toMatchObject({ id: 'les-2', levels: ['T12', 'L1'], pain: 'unknown' }) },
  updateLesion: { command: { type: 'updateLesion', args: { id: 'les-1', field: 'pain', value: 'mechanical' } }, check: (d) => expect(d.lesions[0]?.pain).toBe('mechanical') },
  chooseCollapseWithMeasurement: {
    command: { type: 'chooseCollapseWithMeasurement', args: { lesionId: 'les-1', measurementId: 'msr-1', value: 'gt50' } },
    check: (d) => expect(d.lesions[0]?.collapse).toEqual({ value: 'gt50', source: 'measurement-confirmed', measurementId: 'msr-1' }),
  },
  adoptLesion: {
    command: {
      type: 'adoptLesion',
      args: { lesion: { ...lesionFields(['T11']), boneLesion: 'lytic', collapse: { value: 'gt50', source: 'measurement-confirmed', measurementId: 'msr-elsewhere' }, alignment: { value: 'deformity', source: 'reader', measurementIds: ['msr-elsewhere'] } } },
    },
    // A new id here; the other reading's measurement links are dropped, the values kept as the reader's choice.
    check: (d) => expect(d.lesions.at(-1)).toMatchObject({ id: 'les-2', levels: ['T11'], boneLesion: 'lytic', collapse: { value: 'gt50', source: 'reader' }, alignment: { value: 'deformity', source: 'reader', measurementIds: [] } }),
  },
  deleteLesion: { command: { type: 'deleteLesion', args: { id: 'les-1' } }, check: (d) => expect(d.lesions).toEqual([]) },
  addMeasurement: { command: { type: 'addMeasurement', args: { measurement: length } }, check: (d) => expect(d.measurements.at(-1)).toMatchObject({ id: 'msr-3', kind: 'length' }) },
  moveMeasurementHandle: {
    command: { type: 'moveMeasurementHandle', args: { id: 'msr-1', handle: { body: 'index', height: 'anterior', end: 1 }, point: p(0, 0, 12) } },
    check: (d) => expect(d.measurements[0]?.kind === 'vertebral-heights' && d.measurements[0].index.anterior[1]).toEqual([0, 0, 12]),
  },
  setReferenceBody: {
    command: { type: 'setReferenceBody', args: { id: 'msr-1', body: 'below', heights: body('L2', 21, 21, 21) } },
    check: (d) => expect(d.measurements[0]?.kind === 'vertebral-heights' && d.measurements[0].below?.level).toBe('L2'),
  },
  setMeasurementText: { command: { type: 'setMeasurementText', args: { id: 'msr-2', field: 'note', text: 'canal' } }, check: (d) => expect(d.measurements[1]?.note).toBe('canal') },
  deleteMeasurement: { command: { type: 'deleteMeasurement', args: { id: 'msr-2' } }, check: (d) => expect(d.measurements.map((m) => m.id)).toEqual(['msr-1']) },
  setPatientField: { command: { type: 'setPatientField', args: { field: 'prognosis.bauer.lungPrimary', value: true } }, check: (d) => expect(d.patient.prognosis.bauer.lungPrimary).toBe(true) },
  setReportText: { command: { type: 'setReportText', args: { field: 'impression', text: 'Unstable.' } }, check: (d) => expect(d.report.impression).toBe('Unstable.') },
  addKeyImage: { command: { type: 'addKeyImage', args: { ...keyImage, caption: 'sag T2' } }, check: (d) => expect(d.report.keyImages.at(-1)).toMatchObject({ id: 'key-2', caption: 'sag T2' }) },
  removeKeyImage: { command: { type: 'removeKeyImage', args: { id: 'key-1' } }, check: (d) => expect(d.report.keyImages).toEqual([]) },
  addKeyImages: {
    command: { type: 'addKeyImages', args: { keyImages: [{ ...keyImage, caption: 'L1 sagittal' }, { ...keyImage, caption: 'L1 axial' }] } },
    check: (d) => expect(d.report.keyImages.map((k) => [k.id, k.caption])).toEqual([['key-1', ''], ['key-2', 'L1 sagittal'], ['key-3', 'L1 axial']]),
  },
  setKeyImageCaption: { command: { type: 'setKeyImageCaption', args: { id: 'key-1', caption: 'Pathological fracture' } }, check: (d) => expect(d.report.keyImages[0]?.caption).toBe('Pathological fracture') },
  setReader: { command: { type: 'setReader', args: { name: 'Dr Second' } }, check: (d) => expect(d.reader.name).toBe('Dr Second') },
  acceptImpression: { command: { type: 'acceptImpression', args: { text: 'Proposed.' } }, check: (d) => expect(d.report).toMatchObject({ impression: 'Proposed.', impressionSource: 'accepted' }) },
  useProposedImpression: {
    command: { type: 'useProposedImpression', args: {} },
    check: (d) => expect(d.report).toMatchObject({ impression: '', impressionSource: 'proposed' }),
  },
};

describe('every command, with undo and redo', () => {
  it('covers the whole registry', () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(COMMANDS).filter((t) => t !== 'stampSoftware' && !(SIGNOFF_STATE_COMMANDS as readonly string[]).includes(t)).sort());
  });

  for (const [type, { command, check }] of Object.entries(CASES)) {
    it(`${type} (undo: ${COMMANDS[command.type].undo})`, () => {
      const before = richDoc();
      let h = dispatch(createHistory(before), command, { now: '2025-03-01T11:00:00.000Z' });
      h = release(h, { now: '2025-03-01T11:00:00.000Z' }); // a no-op unless the command is a drag
      check(h.present);
      expect(h.present.revision).toBe(before.revision + 1);
      expect(h.present.updatedAt).toBe('2025-03-01T11:00:00.000Z');
      const afterContent = content(h.present);
      h = undo(h);
      expect(content(h.present)).toEqual(content(before));
      expect(h.present.revision).toBe(before.revision + 2);
      h = redo(h);
      expect(content(h.present)).toEqual(afterContent);
      expect(h.present.revision).toBe(before.revision + 3);
    });
  }

  it('stampSoftware (undo: never) is not an undo step and survives undo of earlier edits', () => {
    let h = dispatch(createHistory(richDoc()), { type: 'setReportText', args: { field: 'freeText', text: 'x' } });
    h = dispatch(h, { type: 'stampSoftware', args: { appVersion: '0.2.0', rulesVersion: 'rules-2' } });
    expect(h.past).toHaveLength(1);
    h = undo(h);
    expect(h.present.report.freeText).toBe('');
    expect([h.present.appVersion, h.present.rulesVersion]).toEqual(['0.2.0', 'rules-2']);
    h = redo(h);
    expect([h.present.report.freeText, h.present.appVersion]).toEqual(['x', '0.2.0']);
  });
});

describe('command validation and side effects', () => {
  const expectError = (doc: AnnotationDocument, command: Command, code: string) => {
    try {
      applyCommand(doc, command);
    } catch (error) {
      expect(error).toBeInstanceOf(AnnotationCommandError);
      expect(error).toMatchObject({ code });
      return;
    }
    throw new Error('expected an AnnotationCommandError');
  };

  it('rejects bad arguments, missing targets and conflicts with typed errors', () => {
    const doc = richDoc();
    expectError(doc, { type: 'updateLesion', args: { id: 'les-1', field: 'escc', value: 1 } }, 'invalid-args');
    expectError(doc, { type: 'updateLesion', args: { id: 'les-7', field: 'pain', value: 'none' } }, 'not-found');
    expectError(doc, { type: 'renameLabel', args: { id: 'lbl-2', label: 'L1' } }, 'conflict');
    expectError(doc, { type: 'addLabel', args: label('L9') }, 'invalid-args');
    expectError(doc, { type: 'setPatientField', args: { field: 'kps', value: 75 } }, 'invalid-args');
    expectError(doc, { type: 'setPatientField', args: { field: 'emergency', value: {} } }, 'invalid-args');
    expectError(doc, { type: 'moveMeasurementHandle', args: { id: 'msr-2', handle: { point: 2 }, point: p(0, 0, 0) } }, 'not-applicable');
    expectError(doc, { type: 'setMeasurementText', args: { id: 'msr-2', field: 'text', text: 'a' } }, 'not-applicable');
    expectError(doc, { type: 'setKeyImageCaption', args: { id: 'key-9', caption: 'x' } }, 'not-found');
    expectError(doc, { type: 'addKeyImages', args: { keyImages: [] } }, 'invalid-args');
    // A malformed measurement from an untyped caller (the UI over IPC, a macro): validated at run time.
    const malformed = JSON.parse('{"kind":"length","frameOfReferenceUID":"1","sourceInstance":{"sopInstanceUID":"1","frame":0},"note":"","points":[[0,0,0]]}') as NewMeasurement;
    expectError(doc, { type: 'addMeasurement', args: { measurement: malformed } }, 'invalid-args');
    expectError(doc, { type: 'updateLesion', args: { id: 'les-1', field: 'collapse', value: { value: 'gt50', source: 'measurement-confirmed', measurementId: 'msr-2' } } }, 'not-applicable');
  });

  it('chooseCollapseWithMeasurement records an override when the reader disagrees with the suggestion', () => {
    const doc = applyCommand(richDoc(), { type: 'chooseCollapseWithMeasurement', args: { lesionId: 'les-1', measurementId: 'msr-1', value: 'lt50' } });
    expect(doc.lesions[0]?.collapse).toEqual({ value: 'lt50', source: 'measurement-overridden', measurementId: 'msr-1' });
  });

  it('deleting a measurement unlinks it from lesions but keeps the reader’s value', () => {
    let doc = applyCommand(richDoc(), { type: 'chooseCollapseWithMeasurement', args: { lesionId: 'les-1', measurementId: 'msr-1', value: 'gt50' } });
    doc = applyCommand(doc, { type: 'deleteMeasurement', args: { id: 'msr-1' } });
    expect(doc.lesions[0]?.collapse).toEqual({ value: 'gt50', source: 'reader' });
  });

  it('setVariants never erases a count with undefined; ids never reuse a deleted number below the highest', () => {
    const doc = applyCommand(richDoc(), { type: 'setVariants', args: { thoracicCount: undefined, castellvi: null } });
    expect(doc.spine.variants).toEqual({ thoracicCount: 12, lumbarCount: 5, castellvi: null });
    const afterDelete = applyCommand(applyCommand(doc, { type: 'deleteLabel', args: { id: 'lbl-1' } }), { type: 'addLabel', args: label('L5') });
    expect(afterDelete.labels.map((l) => l.id)).toEqual(['lbl-2', 'lbl-3']);
  });

  it('a command that changes nothing is not an undo step', () => {
    const h = dispatch(createHistory(richDoc()), { type: 'setCountingMethod', args: { method: 'unknown' } });
    expect(h.past).toHaveLength(0);
    expect(h.present.revision).toBe(0);
  });
});

describe('the one visceral question', () => {
  const set = (field: string, value: unknown): Command => ({ type: 'setPatientField', args: { field, value } });
  const cases = [
    { name: 'a new answer sends the finer answers back to derived', last: set('prognosis.visceral', 'none'), want: [null, null] },
    { name: 'the same answer keeps them', last: set('prognosis.visceral', 'present'), want: ['removable', 'treatable'] },
    { name: 'another field keeps them', last: set('kps', 70), want: ['removable', 'treatable'] },
  ];
  it.each(cases)('$name', ({ last, want }) => {
    const doc = [set('prognosis.visceral', 'present'), set('prognosis.visceralMetastases', 'removable'), set('prognosis.tomitaVisceral', 'treatable'), last].reduce(applyCommand, emptyDoc());
    expect([doc.patient.prognosis.visceralMetastases, doc.patient.prognosis.tomitaVisceral]).toEqual(want);
  });
});

describe("the image proposer's confidence (issue 17)", () => {
  const withConfidence = (name: string, confidence: number) => ({ ...placed(name), confidence });
  const proposedDoc = (): AnnotationDocument => applyCommand(richDoc(), { type: 'addProposedLabels', args: { labels: [withConfidence('L3', 0.42), placed('L4')] } });
  const cases: { name: string; run: () => AnnotationDocument; want: Record<string, unknown>; id: string }[] = [
    { name: 'a proposal keeps its confidence', run: proposedDoc, id: 'lbl-3', want: { proposed: true, confidence: 0.42 } },
    { name: 'a proposal without one (interpolated) has none', run: proposedDoc, id: 'lbl-4', want: { proposed: true, confidence: undefined } },
    {
      name: 'a proposal the reader drags becomes the reader’s: confirmed, without the confidence',
      run: () => applyCommand(proposedDoc(), { type: 'moveLabel', args: { id: 'lbl-3', point: p(1, 2, 3) } }),
      id: 'lbl-3',
      want: { proposed: false, confidence: undefined, point: [1, 2, 3] },
    },
    { name: 'confirming keeps the confidence as a record of the proposal', run: () => applyCommand(proposedDoc(), { type: 'confirmProposedLabels', args: { ids: ['lbl-3'] } }), id: 'lbl-3', want: { proposed: false, confidence: 0.42 } },
  ];
  it.each(cases)('$name', ({ run, id, want }) => {
    const label = run().labels.find((l) => l.id === id);
    for (const [key, value] of Object.entries(want)) expect((label as Record<string, unknown> | undefined)?.[key], key).toEqual(value);
  });

  it('survives a save and a reload (the document keeps it, not the session)', () => {
    const loaded = loadDocumentText(JSON.stringify(proposedDoc()));
    expect(loaded.ok && loaded.document.labels.find((l) => l.id === 'lbl-3')?.confidence).toBe(0.42);
  });

  it('a confidence outside 0-1 is refused', () => {
    expect(() => applyCommand(richDoc(), { type: 'addProposedLabels', args: { labels: [withConfidence('L3', 1.5)] } })).toThrow();
  });
});
