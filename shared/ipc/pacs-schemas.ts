import { z } from 'zod';
import { AnnotationDocumentSchema } from '../annotation/schema';
import { KeyImagePngsSchema, PAGE_SIZE_VALUES } from './report-schemas';
import { SessionIdSchema } from './study-schemas';

/**
 * Contract rows of the PACS channels (issue 13): configured nodes, search, retrieval into the study cache. All
 * traffic goes from main; the renderer only names a node by its id. A password or token goes one way only, into
 * main (pacs:save-node); every answer says whether one is set (`secretSet`), never what it is. Failures a reader
 * must read are data (`status: 'failed'` with our sentence), not thrown errors.
 */

const uid = z.string().regex(/^[0-9]+(\.[0-9]+)*$/).max(64);
const nodeId = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/);
/** DICOM AE titles: 1 to 16 printable ASCII characters, no backslash, not all spaces. */
const aeTitle = z.string().regex(/^[\x20-\x5b\x5d-\x7e]{1,16}$/).refine((v) => v.trim() !== '', 'an AE title is not only spaces');
const name = z.string().trim().min(1).max(64);
/** A secret as typed: bounded, single line. Only ever in a request to main. */
const secret = z.string().min(1).max(4096).regex(/^[^\r\n]*$/);

const DicomwebAuthInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('none') }),
  /** `password` absent: keep the one already stored for this node. */
  z.strictObject({ kind: z.literal('basic'), user: z.string().min(1).max(256), password: secret.optional() }),
  z.strictObject({ kind: z.literal('bearer'), token: secret.optional() }),
]);

const DicomwebNodeInput = z.strictObject({
  kind: z.literal('dicomweb'),
  name,
  baseUrl: z.string().url().max(2048),
  auth: DicomwebAuthInput,
  /** A PEM file of extra trusted CA certificates (a path on the host). */
  caFile: z.string().min(1).max(4096).optional(),
});

const DimseNodeInput = z.strictObject({
  kind: z.literal('dimse'),
  name,
  calledAet: aeTitle,
  host: z.string().min(1).max(253).regex(/^[A-Za-z0-9.:_-]+$/),
  port: z.number().int().min(1).max(65535),
  callingAet: aeTitle,
  tls: z.boolean(),
});

export const PacsNodeInputSchema = z.discriminatedUnion('kind', [DicomwebNodeInput, DimseNodeInput]);

/** What the renderer sees of a node: everything but the secret. */
const DicomwebAuthView = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('none') }),
  z.strictObject({ kind: z.literal('basic'), user: z.string(), secretSet: z.boolean() }),
  z.strictObject({ kind: z.literal('bearer'), secretSet: z.boolean() }),
]);

export const PacsNodeViewSchema = z.discriminatedUnion('kind', [
  DicomwebNodeInput.omit({ auth: true }).extend({ id: nodeId, auth: DicomwebAuthView }),
  DimseNodeInput.extend({ id: nodeId }),
]);

export const PacsNodeListSchema = z.strictObject({
  nodes: z.array(PacsNodeViewSchema),
  /** Where passwords go: Electron's safeStorage, or (browser mode) the environment / a 0600 file, never the app. */
  secretStore: z.enum(['safe-storage', 'environment']),
  /** A plain warning about where credentials come from (browser mode), or why they cannot be kept. */
  secretNote: z.string().max(1000).optional(),
});

export const StudyQuerySchema = z.strictObject({
  patientName: z.string().min(1).max(64).optional(),
  patientId: z.string().min(1).max(64).optional(),
  /** YYYYMMDD or YYYYMMDD-YYYYMMDD (either end open). */
  studyDate: z.string().regex(/^(\d{8}|\d{8}-\d{0,8}|-\d{8})$/).optional(),
  modality: z.string().regex(/^[A-Z0-9]{1,16}$/).optional(),
  accessionNumber: z.string().min(1).max(64).optional(),
});

const failed = z.strictObject({ status: z.literal('failed'), message: z.string().max(2000) });

export const PacsStudySchema = z.strictObject({
  studyInstanceUid: uid,
  patientName: z.string().max(1000),
  patientId: z.string().max(1000),
  patientBirthDate: z.string().max(100),
  studyDate: z.string().max(100),
  studyTime: z.string().max(100),
  accessionNumber: z.string().max(1000),
  modalities: z.array(z.string().max(16)).max(64),
  description: z.string().max(1000),
  seriesCount: z.number().int().min(0).optional(),
  instanceCount: z.number().int().min(0).optional(),
  /** Already in the local study cache: opens without the network. */
  cached: z.boolean(),
});

export const PacsSeriesSchema = z.strictObject({
  seriesInstanceUid: uid,
  modality: z.string().max(16),
  seriesNumber: z.number().int().optional(),
  description: z.string().max(1000),
  instanceCount: z.number().int().min(0).optional(),
});

export const RETRIEVAL_STATES = ['running', 'first-series', 'done', 'failed', 'cancelled'] as const;

export const PacsRetrieveProgressSchema = z.strictObject({
  retrievalId: z.string().min(1).max(64),
  studyUid: uid,
  state: z.enum(RETRIEVAL_STATES),
  objects: z.number().int().min(0),
  bytes: z.number().int().min(0),
  seriesDone: z.number().int().min(0),
  seriesTotal: z.number().int().min(0),
  /** A folder to open now: the first series while the rest arrives ('first-series'), the whole study ('done'). */
  folder: z.string().max(4096).optional(),
  /** Our sentence for 'failed' / 'cancelled'. */
  message: z.string().max(2000).optional(),
});

const sendId = z.string().min(1).max(64);

/** One object of a send: the SR, the report PDF or the key-image selection, with its state on the PACS. */
export const SendObjectSchema = z.strictObject({
  kind: z.enum(['sr', 'pdf', 'kos']),
  label: z.string().max(100),
  status: z.enum(['pending', 'stored', 'warning', 'failed']),
  reason: z.string().max(2000).optional(),
});

const SendAnswerSchema = z.discriminatedUnion('status', [
  z.strictObject({
    status: z.literal('sent'),
    sendId,
    /** The outbox folder the files stay in. */
    folder: z.string().max(4096),
    /** Every object stored (with or without a warning). */
    complete: z.boolean(),
    objects: z.array(SendObjectSchema).max(3),
    note: z.string().max(1000).optional(),
  }),
  failed,
]);

export const pacsContract = {
  'pacs:list-nodes': { request: z.strictObject({}), response: PacsNodeListSchema },
  /** Adds a node (no id) or replaces one; answers the list as the renderer may see it. */
  'pacs:save-node': {
    request: z.strictObject({ id: nodeId.optional(), node: PacsNodeInputSchema }),
    response: z.discriminatedUnion('status', [PacsNodeListSchema.extend({ status: z.literal('saved'), id: nodeId }), failed]),
  },
  'pacs:remove-node': { request: z.strictObject({ id: nodeId }), response: PacsNodeListSchema },
  /** "Test connection": a QIDO-RS search of one study (DICOMweb) or C-ECHO (DIMSE). */
  'pacs:test-node': { request: z.strictObject({ id: nodeId }), response: z.discriminatedUnion('status', [z.strictObject({ status: z.literal('ok'), message: z.string().max(2000) }), failed]) },
  'pacs:find': {
    request: z.strictObject({ id: nodeId, query: StudyQuerySchema }),
    response: z.discriminatedUnion('status', [z.strictObject({ status: z.literal('found'), studies: z.array(PacsStudySchema) }), failed]),
  },
  'pacs:series': {
    request: z.strictObject({ id: nodeId, studyUid: uid }),
    response: z.discriminatedUnion('status', [z.strictObject({ status: z.literal('found'), series: z.array(PacsSeriesSchema) }), failed]),
  },
  /** A cached study answers at once with its folder; otherwise the retrieval runs on, reported by pacs:retrieve-progress. */
  'pacs:retrieve': {
    request: z.strictObject({ id: nodeId, studyUid: uid }),
    response: z.discriminatedUnion('status', [
      z.strictObject({ status: z.literal('cached'), folder: z.string().max(4096) }),
      z.strictObject({ status: z.literal('started'), retrievalId: z.string().min(1).max(64) }),
      failed,
    ]),
  },
  'pacs:cancel-retrieve': { request: z.strictObject({ retrievalId: z.string().min(1).max(64) }), response: z.strictObject({}) },
  /** A signed reading's SR, encapsulated PDF and key-image selection, made by main and sent into the study. */
  'pacs:send-reading': {
    request: z.strictObject({
      id: nodeId,
      sessionId: SessionIdSchema,
      document: AnnotationDocumentSchema,
      images: KeyImagePngsSchema,
      page: z.enum(PAGE_SIZE_VALUES),
      compareWith: z.strictObject({ kind: z.enum(['follow-up', 'second-opinion']), document: AnnotationDocumentSchema }).optional(),
    }),
    response: SendAnswerSchema,
  },
  /** Sends again only the objects of a send that failed. */
  'pacs:retry-send': { request: z.strictObject({ sendId }), response: SendAnswerSchema },
} as const;

export type PacsNodeInput = z.infer<typeof PacsNodeInputSchema>;
export type PacsNodeView = z.infer<typeof PacsNodeViewSchema>;
export type PacsNodeList = z.infer<typeof PacsNodeListSchema>;
export type PacsStudy = z.infer<typeof PacsStudySchema>;
export type PacsSeries = z.infer<typeof PacsSeriesSchema>;
export type PacsRetrieveProgress = z.infer<typeof PacsRetrieveProgressSchema>;
export type PacsStudyQuery = z.infer<typeof StudyQuerySchema>;
export type SendObject = z.infer<typeof SendObjectSchema>;
