// Sign-off: draft → final → addendum → amended, the lock in between, and signing as a barrier in undo history.
import { describe, expect, it } from 'vitest';
import { AnnotationCommandError } from '@shared/annotation/command-kit';
import { applyCommand } from '@shared/annotation/commands';
import type { Command } from '@shared/annotation/commands';
import { canUndo, createHistory, dispatch, undo } from '@shared/annotation/history';
import type { AnnotationDocument } from '@shared/annotation/schema';
import { isLocked, LOCKED_MESSAGE } from '@shared/annotation/signoff';
import { loadDocument } from '@shared/annotation/load';
import { isValidUid } from '@shared/dicom/write/index';
import { emptyDoc } from './fixtures';

const T1 = '2025-03-02T09:00:00.000Z';
const T2 = '2025-03-03T15:30:00.000Z';
const run = (doc: AnnotationDocument, ...commands: Command[]): AnnotationDocument => commands.reduce(applyCommand, doc);
const accept: Command = { type: 'acceptImpression', args: { text: 'No spinal metastatic lesion recorded.' } };
const sign = (signer = 'Dr Ann Smith', now = T1): Command => ({ type: 'signReport', args: { signer, organization: 'St Example', now } });
const setQuestion = (text: string): Command => ({ type: 'setPatientField', args: { field: 'referringQuestion', value: text } });

function refusal(doc: AnnotationDocument, command: Command): { code: string; message: string } {
  try {
    applyCommand(doc, command);
  } catch (error) {
    if (error instanceof AnnotationCommandError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error(`${command.type} was not refused`);
}

const signed = (): AnnotationDocument => run(emptyDoc(), setQuestion('Back pain: metastasis?'), accept, sign());

describe('signing', () => {
  it('makes the reading final with the signer, the time and stable SR UIDs; the reader becomes the signer', () => {
    const doc = signed();
    expect(doc.signoff.state).toBe('final');
    expect(doc.signoff.signatures).toEqual([
      { kind: 'final', signer: 'Dr Ann Smith', organization: 'St Example', signedAt: T1, reason: '', sr: { seriesInstanceUID: expect.any(String), sopInstanceUID: expect.any(String) } },
    ]);
    const sr = doc.signoff.signatures[0]?.sr;
    expect([isValidUid(sr?.seriesInstanceUID ?? ''), isValidUid(sr?.sopInstanceUID ?? '')]).toEqual([true, true]);
    // The same signature gives the same UIDs: every export of the signed SR is the same instance.
    expect(signed().signoff.signatures[0]?.sr).toEqual(sr);
    expect(doc.reader.name).toBe('Dr Ann Smith');
    expect(isLocked(doc)).toBe(true);
    // A signed reading saves and loads as it is.
    expect(loadDocument(JSON.parse(JSON.stringify(doc)))).toMatchObject({ ok: true, document: { signoff: { state: 'final' } } });
  });

  it.each([
    { name: 'no signer name', doc: () => run(emptyDoc(), accept), command: sign('  '), code: 'not-applicable', message: 'Enter your name as the reader before signing.' },
    { name: 'the impression still only proposed', doc: () => emptyDoc(), command: sign(), code: 'not-applicable', message: 'Accept or edit the proposed impression before signing.' },
    { name: 'already signed', doc: signed, command: sign('Dr B', T2), code: 'locked', message: LOCKED_MESSAGE },
    { name: 'an addendum with no reason', doc: signed, command: { type: 'beginAmendment', args: { reason: ' ', now: T2 } } as Command, code: 'not-applicable', message: 'Give the reason for the addendum.' },
    { name: 'an addendum to a draft', doc: () => emptyDoc(), command: { type: 'beginAmendment', args: { reason: 'x', now: T2 } } as Command, code: 'not-applicable', message: expect.stringMatching(/not signed yet/) },
  ])('is refused with a plain reason: $name', ({ doc, command, code, message }) => {
    expect(refusal(doc(), command)).toEqual({ code, message });
  });
});

describe('a signed reading is locked', () => {
  it.each<Command>([
    setQuestion('changed'),
    { type: 'setReportText', args: { field: 'impression', text: 'changed' } },
    { type: 'addLesion', args: { levels: ['L1'] } },
    { type: 'setReader', args: { name: 'Someone else' } },
    { type: 'useProposedImpression', args: {} },
  ])('refuses $type with the lock message', (command) => {
    expect(refusal(signed(), command)).toEqual({ code: 'locked', message: LOCKED_MESSAGE });
  });

  it('signing cannot be undone, nor anything before it', () => {
    let h = createHistory(emptyDoc());
    h = dispatch(h, setQuestion('q'), { now: T1 });
    h = dispatch(h, accept, { now: T1 });
    expect(canUndo(h)).toBe(true);
    h = dispatch(h, sign(), { now: T1 });
    expect(canUndo(h)).toBe(false);
    expect(undo(h).present.signoff.state).toBe('final');
  });
});

describe('an addendum', () => {
  const reason = 'Clinical question corrected after the MDT.';
  const amending = (): AnnotationDocument => run(signed(), { type: 'beginAmendment', args: { reason, now: T2 } });

  it('keeps the signed version, allows edits, and is signed with its own signer, time and reason', () => {
    const before = signed();
    let doc = amending();
    expect([isLocked(doc), doc.signoff.state, doc.signoff.amendment]).toEqual([false, 'final', { reason, startedAt: T2 }]);
    expect(doc.signoff.previous).toEqual([{ signature: 0, content: { spine: before.spine, labels: before.labels, lesions: before.lesions, measurements: before.measurements, patient: before.patient, report: before.report } }]);
    doc = run(doc, setQuestion('Back pain and weakness: metastasis? cord compression?'), sign('Dr Bo Jones', T2));
    expect(doc.signoff.state).toBe('amended');
    expect(doc.signoff.signatures.map((s) => [s.kind, s.signer, s.signedAt, s.reason])).toEqual([['final', 'Dr Ann Smith', T1, ''], ['addendum', 'Dr Bo Jones', T2, reason]]);
    expect(doc.signoff.signatures[1]?.sr.sopInstanceUID).not.toBe(doc.signoff.signatures[0]?.sr.sopInstanceUID);
    // The signed version is kept as it was signed.
    expect(doc.signoff.previous[0]?.content.patient.referringQuestion).toBe('Back pain: metastasis?');
    expect(doc.patient.referringQuestion).toBe('Back pain and weakness: metastasis? cord compression?');
    expect(isLocked(doc)).toBe(true);
  });

  it('cancelled, brings back the signed content and the lock', () => {
    const doc = run(amending(), setQuestion('something else'), { type: 'cancelAmendment', args: {} });
    expect(doc.patient.referringQuestion).toBe('Back pain: metastasis?');
    expect([doc.signoff.amendment, doc.signoff.previous, isLocked(doc)]).toEqual([null, [], true]);
  });
});

describe('the impression source', () => {
  it.each<[string, Command[], string, string]>([
    ['a new reading shows the proposal', [], 'proposed', ''],
    ['accepting takes the proposal as it stands', [accept], 'accepted', 'No spinal metastatic lesion recorded.'],
    ['typing makes it the reader\'s words', [accept, { type: 'setReportText', args: { field: 'impression', text: 'My words.' } }], 'edited', 'My words.'],
    ['back to the proposal', [{ type: 'setReportText', args: { field: 'impression', text: 'Mine.' } }, { type: 'useProposedImpression', args: {} }], 'proposed', ''],
  ])('%s', (_name, commands, source, text) => {
    const doc = run(emptyDoc(), ...commands);
    expect([doc.report.impressionSource, doc.report.impression]).toEqual([source, text]);
  });
});
