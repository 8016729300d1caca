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

/** The built-in samples: the baseline study, and its follow-up (the same patient months later, another frame). */
export const SampleNameSchema = z.enum(['sample', 'sample-follow-up']);
export type SampleName = z.infer<typeof SampleNameSchema>;
/**
 * Why a study is opened: as the study shown (absent), or as the prior hung beside it ('prior'): a prior never becomes
 * the study a reload or a restart comes back to, and is not added to the recent list.
 */
export const OpenRoleSchema = z.enum(['prior']);
export type OpenRole = z.infer<typeof OpenRoleSchema>;
/** Which sample to open; the baseline when absent. */
export const OpenSampleRequestSchema = z.strictObject({ sample: SampleNameSchema.optional(), role: OpenRoleSchema.optional() });
export const OpenPathsRequestSchema = z.strictObject({ paths: OpenPathsSchema, role: OpenRoleSchema.optional() });

/** Where a session's files come from: what a renderer needs to open the same study again. */
export const StudySourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('sample'), sample: SampleNameSchema.optional() }),
  z.strictObject({ kind: z.literal('paths'), paths: OpenPathsSchema }),
]);
export type StudySource = z.infer<typeof StudySourceSchema>;

/** What the last study of an earlier run was, when it cannot be reopened (the renderer words the sentence). */
export const UnavailableStudySchema = z.strictObject({
  patientName: z.string().max(500),
  description: z.string().max(500),
  studyDate: z.string().max(20),
  /** The first recorded path that no longer exists. */
  missingPath: z.string().max(MAX_PATH_LENGTH),
});

/**
 * What the page should show when it starts (first load, reload, restarted host):
 * - 'open': a session to show. `opened` says why: 'current' the session this host shows already (a reloaded page),
 *   'paths' what the host was started with, 'last' the last study of an earlier run reopened from its files,
 *   'sample' the built-in sample (nothing else to show). `source` lets the page open it again should it be gone.
 * - 'start': nothing to open; the start page, with the last study that could not be reopened, if any.
 */
export const InitialOpenSchema = z.discriminatedUnion('status', [
  z.strictObject({
    status: z.literal('open'),
    sessionId: SessionIdSchema,
    opened: z.enum(['current', 'paths', 'last', 'sample']),
    source: StudySourceSchema,
  }),
  z.strictObject({ status: z.literal('start'), unavailable: UnavailableStudySchema.optional() }),
]);
export type InitialOpen = z.infer<typeof InitialOpenSchema>;

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

/** The sample study's files being written (copied from the build's cache, or generated) before it can be indexed. */
export const StudyPreparingSampleEventSchema = z.strictObject({ done: count, total: count });

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
