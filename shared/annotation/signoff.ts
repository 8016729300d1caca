/**
 * Sign-off: a reading is a draft until the reader signs it; a signed reading is locked; a later change is an
 * addendum with its own signer, time and reason, and the signed version it supersedes is kept.
 *
 *   draft --signReport--> final --beginAmendment(reason)--> final + amendment --signReport--> amended
 *                                     ^-- cancelAmendment (the signed content comes back) --'
 *
 * - Locked: signed and no addendum in progress. Every edit command is refused (commands.ts) except those marked
 *   `whenSigned` (beginning an addendum, bookkeeping).
 * - Signing is a barrier in undo history (history.ts): what was signed cannot be undone, only amended.
 * - Each signature records the UIDs of the SR it makes (derived from the study, the time and the signature's place,
 *   so they are the same on every export and an amendment's SR can name its predecessor).
 * - Times come in as arguments: this module stays pure.
 */
import { z } from 'zod';
import { uidFromSeed } from '../dicom/write/uid';
import { AnnotationCommandError, defineCommand } from './command-kit';
import type { AnnotationDocument, Signature, SignedContent } from './schema';
import { MAX_TEXT, ORGANIZATION_MAX, SIGNER_MAX } from './schema';

export const LOCKED_MESSAGE = 'This report is signed and locked. To change it, choose "Amend" and give the reason: the change becomes a signed addendum.';

/** Signed, with no addendum in progress: nothing but an amendment may change it. */
export function isLocked(doc: AnnotationDocument): boolean {
  return doc.signoff.state !== 'draft' && doc.signoff.amendment === null;
}

export function signedContent(doc: AnnotationDocument): SignedContent {
  return { spine: doc.spine, labels: doc.labels, lesions: doc.lesions, measurements: doc.measurements, patient: doc.patient, report: doc.report };
}

/** The SR UIDs of the signature at `index`: the same inputs always give the same UIDs. */
export function signedSrUids(doc: AnnotationDocument, index: number, signedAt: string): Signature['sr'] {
  const seed = `spine-met-annotator/signed-sr/${doc.studyInstanceUID}/${doc.createdAt}/${index}/${signedAt}`;
  return { seriesInstanceUID: uidFromSeed(`${seed}/series`), sopInstanceUID: uidFromSeed(`${seed}/instance`) };
}

const isoTime = z.iso.datetime({ offset: true });

export const signoffCommands = {
  /**
   * Signs the draft (final) or the addendum in progress (amended). The signer's name is required; the impression must
   * be the reader's (accepted or edited), not a proposal nobody has read.
   */
  signReport: defineCommand({
    undo: 'now',
    barrier: true,
    args: z.strictObject({ signer: z.string().max(SIGNER_MAX), organization: z.string().max(ORGANIZATION_MAX).default(''), now: isoTime }),
    apply: (doc, { signer, organization, now }): AnnotationDocument => {
      const name = signer.trim();
      if (name === '') throw new AnnotationCommandError('not-applicable', 'Enter your name as the reader before signing.');
      if (isLocked(doc)) throw new AnnotationCommandError('conflict', 'This report is already signed. To change it, choose "Amend".');
      if (doc.report.impressionSource === 'proposed') throw new AnnotationCommandError('not-applicable', 'Accept or edit the proposed impression before signing.');
      const { amendment, signatures } = doc.signoff;
      const signature: Signature = {
        kind: amendment === null ? 'final' : 'addendum',
        signer: name,
        organization: organization.trim(),
        signedAt: now,
        reason: amendment === null ? '' : amendment.reason,
        sr: signedSrUids(doc, signatures.length, now),
      };
      return {
        ...doc,
        reader: { name },
        signoff: { ...doc.signoff, state: amendment === null ? 'final' : 'amended', signatures: [...signatures, signature], amendment: null },
      };
    },
  }),
  /** Opens a signed reading for an addendum: the signed content is kept in `previous`, edits are allowed again. */
  beginAmendment: defineCommand({
    undo: 'now',
    whenSigned: true,
    args: z.strictObject({ reason: z.string().max(MAX_TEXT), now: isoTime }),
    apply: (doc, { reason, now }): AnnotationDocument => {
      if (doc.signoff.state === 'draft') throw new AnnotationCommandError('not-applicable', 'This reading is not signed yet: it can be changed as it is.');
      if (doc.signoff.amendment !== null) throw new AnnotationCommandError('conflict', 'An addendum is already in progress.');
      const why = reason.trim();
      if (why === '') throw new AnnotationCommandError('not-applicable', 'Give the reason for the addendum.');
      const previous = { signature: doc.signoff.signatures.length - 1, content: signedContent(doc) };
      return { ...doc, signoff: { ...doc.signoff, amendment: { reason: why, startedAt: now }, previous: [...doc.signoff.previous, previous] } };
    },
  }),
  /** Drops the addendum in progress: the signed content comes back exactly as it was signed. */
  cancelAmendment: defineCommand({
    undo: 'now',
    args: z.strictObject({}),
    apply: (doc): AnnotationDocument => {
      const last = doc.signoff.previous.at(-1);
      if (doc.signoff.amendment === null || last === undefined) throw new AnnotationCommandError('not-applicable', 'No addendum is in progress.');
      return { ...doc, ...last.content, signoff: { ...doc.signoff, amendment: null, previous: doc.signoff.previous.slice(0, -1) } };
    },
  }),
  /** The reader takes the proposed impression as it stands (its text, from shared/reading/impression.ts). */
  acceptImpression: defineCommand({
    undo: 'now',
    args: z.strictObject({ text: z.string().min(1).max(MAX_TEXT) }),
    apply: (doc, { text }): AnnotationDocument =>
      doc.report.impression === text && doc.report.impressionSource === 'accepted' ? doc : { ...doc, report: { ...doc.report, impression: text, impressionSource: 'accepted' } },
  }),
  /** Back to the proposal (the reader's text is dropped; undo brings it back). */
  useProposedImpression: defineCommand({
    undo: 'now',
    args: z.strictObject({}),
    apply: (doc): AnnotationDocument =>
      doc.report.impressionSource === 'proposed' ? doc : { ...doc, report: { ...doc.report, impression: '', impressionSource: 'proposed' } },
  }),
};
