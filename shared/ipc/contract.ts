import { z } from 'zod';
import type { ChannelName, EventName, MethodNameOf } from './channels';
import * as study from './study-schemas';
import { draftContract } from './draft-schemas';
import { reportContract } from './report-schemas';
import { labelsContract } from './labels-schemas';
import { pacsContract, PacsRetrieveProgressSchema } from './pacs-schemas';

/**
 * The host contract: one row per channel (request and response schemas), one row per push event (payload schema).
 * Both transports validate against these rows, so a renderer and a browser client see the same checks.
 *
 * To add a channel: add its name to CHANNELS in channels.ts and its row here; the `satisfies` clauses below
 * make the compiler refuse a name without a row or a row without a name. Then implement it in Handlers.
 */
export interface ChannelSpec {
  readonly request: z.ZodType;
  readonly response: z.ZodType;
}

const empty = z.strictObject({});
/** Limits of the document's reader name and of DICOM LO (the SR's Verifying Organization). */
export const ReaderSettingsSchema = z.strictObject({ name: z.string().max(200), organization: z.string().max(64) });

export const contract = {
  'app:info': {
    request: empty,
    response: z.strictObject({
      name: z.string().min(1),
      version: z.string().min(1),
      /** Version of the scoring rule tables, once the scoring core reports one. */
      rulesVersion: z.string().min(1).optional(),
      mode: z.enum(['electron', 'browser']),
    }),
  },
  'app:log-renderer-error': {
    request: z.strictObject({
      message: z.string().max(10_000),
      stack: z.string().max(50_000).optional(),
    }),
    response: empty,
  },
  /** The renderer's answer to app:before-close: pending drafts are written, the window may close (Electron). */
  'app:ready-to-close': { request: empty, response: empty },
  /** Starts indexing in the background; progress arrives as study:* events, the index via study:get-index. */
  'study:open': { request: study.OpenPathsRequestSchema, response: study.SessionResponseSchema },
  /** Opens a built-in sample (generated once into the app's folder): the baseline, or `sample: 'sample-follow-up'`. */
  'study:open-sample': { request: study.OpenSampleRequestSchema, response: study.SessionResponseSchema },
  /** The session the page should show on start: the current one (a reload), else what the host was started with, else
   * the last study of an earlier run, else the sample; or the start page when the last study cannot be reopened. */
  'study:initial': { request: empty, response: study.InitialOpenSchema },
  'study:cancel': { request: study.SessionRequestSchema, response: empty },
  /** Resolves when indexing ends (a cancelled run gives what was read, `cancelled: true`); a session that is no longer
   * open (closed, or a restarted host) is refused with the code 'session-gone', so the page can open its source again. */
  'study:get-index': { request: study.SessionRequestSchema, response: study.StudyIndexResponseSchema },
  /** At once: what is indexed so far (asked on study:series-ready, so the first series shows before indexing ends). */
  'study:get-partial-index': { request: study.SessionRequestSchema, response: study.StudyIndexResponseSchema },
  'study:recent': { request: empty, response: study.RecentListSchema },
  /** Electron: native open dialog; browser mode answers 'unavailable'. */
  'study:pick': { request: study.PickRequestSchema, response: study.PickResponseSchema },
  /** Annotation drafts, one per study (draft-schemas.ts). */
  ...draftContract,
  /** The report's PDF and exports (report-schemas.ts). */
  ...reportContract,
  /** Levels proposed from the reader's labels by image analysis (labels-schemas.ts). */
  ...labelsContract,
  /** The reader's name and organisation, set once per installation and used to sign (src-main/services/reader-settings.ts). */
  'settings:get-reader': { request: empty, response: ReaderSettingsSchema },
  'settings:set-reader': { request: ReaderSettingsSchema, response: ReaderSettingsSchema },
  /** PACS nodes, search and retrieval (pacs-schemas.ts); all traffic from main. */
  ...pacsContract,
} as const satisfies { readonly [C in ChannelName]: ChannelSpec };

export const events = {
  /** A short message from the host for the user (e.g. "a second window was refused"). */
  'app:notice': z.strictObject({
    level: z.enum(['info', 'warning', 'error']),
    message: z.string().max(2_000),
  }),
  /** Electron, when the window is asked to close: write pending drafts, then call app:ready-to-close within `timeoutMs`. */
  'app:before-close': z.strictObject({ timeoutMs: z.number().int().min(0).max(60_000) }),
  'study:preparing-sample': study.StudyPreparingSampleEventSchema,
  'study:progress': study.StudyProgressEventSchema,
  'study:series-ready': study.StudySeriesReadyEventSchema,
  'study:indexed': study.StudyIndexedEventSchema,
  /** A PACS retrieval's progress; 'first-series' and 'done' name a folder to open. */
  'pacs:retrieve-progress': PacsRetrieveProgressSchema,
} as const satisfies { readonly [E in EventName]: z.ZodType };

export type Contract = typeof contract;
export type RequestOf<C extends ChannelName> = z.input<Contract[C]['request']>;
export type ResponseOf<C extends ChannelName> = z.output<Contract[C]['response']>;
export type EventPayloadOf<E extends EventName> = z.output<(typeof events)[E]>;

export type EventHandler<E extends EventName> = (payload: EventPayloadOf<E>) => void;
export type Unsubscribe = () => void;

/** What the renderer programs against: one async method per channel, plus `on` for push events. */
export type HostApi = {
  readonly [C in ChannelName as MethodNameOf<C>]: (request: RequestOf<C>) => Promise<ResponseOf<C>>;
} & {
  on<E extends EventName>(event: E, handler: EventHandler<E>): Unsubscribe;
};

export type { ChannelName, EventName } from './channels';
