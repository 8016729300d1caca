import { z } from 'zod';
import { AnnotationDocumentSchema } from '../annotation/schema';

/**
 * Contract rows of the draft channels (one annotation document per study, src-main/services/draft-store). The
 * document schema is checked on the way in and on the way out, so neither side can hand the other a malformed record.
 */
const StudyRequest = z.strictObject({ studyInstanceUID: z.string().min(1).max(64) });

export const DRAFT_STATUSES = ['none', 'ok', 'recovered-from-previous', 'corrupt', 'newer-version'] as const;

export const draftContract = {
  'draft:load': {
    request: StudyRequest,
    response: z.strictObject({
      status: z.enum(DRAFT_STATUSES),
      document: AnnotationDocumentSchema.optional(),
      migrationsApplied: z.array(z.string()),
      problems: z.array(z.strictObject({ path: z.string(), message: z.string() })),
    }),
  },
  'draft:save': {
    request: z.strictObject({ studyInstanceUID: StudyRequest.shape.studyInstanceUID, document: AnnotationDocumentSchema }),
    // A refusal the reader must act on (a damaged or newer file is in the way) is data, not a thrown error.
    response: z.discriminatedUnion('saved', [
      z.strictObject({ saved: z.literal(true), revision: z.number().int().min(0) }),
      z.strictObject({
        saved: z.literal(false),
        code: z.enum(['blocked-corrupt', 'blocked-newer-version', 'invalid-document', 'study-mismatch', 'invalid-study-uid']),
        message: z.string(),
      }),
    ]),
  },
  /**
   * The reader's explicit choice: move a damaged or newer draft aside (never deleted); with `otherPatient`, also a
   * readable draft that records another patient than the opened study's.
   */
  'draft:quarantine': {
    /** otherPatient / replaced: also a readable draft moves aside (another patient's; replaced by a restored reading). */
    request: z.strictObject({ studyInstanceUID: StudyRequest.shape.studyInstanceUID, otherPatient: z.boolean().optional(), replaced: z.boolean().optional() }),
    response: z.strictObject({ moved: z.array(z.string()) }),
  },
} as const;
