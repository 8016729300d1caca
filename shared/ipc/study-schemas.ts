import { z } from 'zod';
import { StudyIndexSchema } from '../dicom/index-model';

/**
 * Schemas of the study channels (study:*), kept out of contract.ts so its rows stay one line each.
 * Paths come from an untrusted renderer: non-empty, bounded strings, a bounded count. They are only ever handed
 * to the indexer (which reads DICOM headers); pixel bytes are served by instance id from the index, never by path.
 */
export const MAX_OPEN_PATHS = 256;
export const MAX_PATH_LENGTH = 4096;
export const MAX_RECENT_STUDIES = 12;

export const SessionIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'not a session id');
export const OpenPathsSchema = z.array(z.string().min(1).max(MAX_PATH_LENGTH)).min(1).max(MAX_OPEN_PATHS);

export const SessionRequestSchema = z.strictObject({ sessionId: SessionIdSchema });
export const SessionResponseSchema = z.strictObject({ sessionId: SessionIdSchema });

export const InitialOpenSchema = z.strictObject({
  sessionId: SessionIdSchema,
  /** 'paths': the host was started with paths to open; 'sample': nothing was given, so the built-in sample. */
  source: z.enum(['paths', 'sample']),
});

export const RecentStudySchema = z.strictObject({
  paths: OpenPathsSchema,
  patientName: z.string().max(500),
  description: z.string().max(500),
  studyDate: z.string().max(20),
  // One entry per study (its identity), with enough to tell similar studies apart. Optional: older lists lack them.
  studyUid: z.string().max(64).optional(),
  patientId: z.string().max(200).optional(),
  patientBirthDate: z.string().max(20).optional(),
  studyTime: z.string().max(20).optional(),
  modalities: z.array(z.string().max(16)).max(32).optional(),
  seriesCount: z.number().int().nonnegative().optional(),
  instanceCount: z.number().int().nonnegative().optional(),
  /** ISO time of the last open. */
  openedAt: z.string().max(40),
});
export type RecentStudyEntry = z.infer<typeof RecentStudySchema>;

export const RecentListSchema = z.strictObject({ studies: z.array(RecentStudySchema).max(MAX_RECENT_STUDIES) });

export const PickRequestSchema = z.strictObject({ kind: z.enum(['folder', 'files']) });
export const PickResponseSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('picked'), paths: OpenPathsSchema }),
  z.strictObject({ status: z.literal('cancelled') }),
  /** Browser mode: no native dialog; the UI offers a path field instead. */
  z.strictObject({ status: z.literal('unavailable'), reason: z.string().max(500) }),
]);

export const StudyIndexResponseSchema = StudyIndexSchema;

const count = z.number().int().nonnegative();

export const StudyProgressEventSchema = z.strictObject({
  sessionId: SessionIdSchema,
  scanned: count,
  found: count,
  failed: count,
  done: z.boolean(),
  cancelled: z.boolean(),
  currentSeries: z.string().max(500).optional(),
});

export const StudySeriesReadyEventSchema = z.strictObject({
  sessionId: SessionIdSchema,
  studyUid: z.string(),
  seriesUid: z.string(),
  description: z.string().optional(),
  modality: z.string().optional(),
  instanceCount: count,
});

export const StudyIndexedEventSchema = z.strictObject({
  sessionId: SessionIdSchema,
  studies: count,
  series: count,
  found: count,
  problems: count,
  cancelled: z.boolean(),
  elapsedMs: z.number().nonnegative(),
});
