import { z } from 'zod';
import { LUMBAR_COUNTS, THORACIC_COUNTS } from '../spine/levels';

/**
 * Contract row of labels:propose: every level of one series proposed from the reader's labels by image analysis in
 * the host (shared/spine/propose-levels.ts over the session's decoded series). Refusals are data with our words.
 */
const point = z.tuple([z.number(), z.number(), z.number()]);
const level = z.string().min(1).max(4);

export const PROPOSAL_WARNING_CODES = ['field-of-view', 'image-lost', 'count-unreferenced', 'extra-mobile-segment', 'no-lumbosacral-disc', 'anchors-disagree'] as const;

export const labelsContract = {
  'labels:propose': {
    request: z.strictObject({
      sessionId: z.string().min(1).max(200),
      seriesUid: z.string().min(1).max(64),
      anchors: z.array(z.strictObject({ level, point })).min(1).max(40),
      thoracicCount: z.literal(THORACIC_COUNTS),
      lumbarCount: z.literal(LUMBAR_COUNTS),
      countingMethod: z.enum(['whole-spine-localizer', 'partial', 'unknown']),
    }),
    response: z.discriminatedUnion('status', [
      z.strictObject({
        status: z.literal('proposed'),
        levels: z.array(z.strictObject({ level, point, confidence: z.number().min(0).max(1), countedFrom: level })),
        warnings: z.array(z.strictObject({ code: z.enum(PROPOSAL_WARNING_CODES), message: z.string(), level: level.optional() })),
      }),
      z.strictObject({ status: z.literal('refused'), reason: z.string() }),
    ]),
  },
} as const;
