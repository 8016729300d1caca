import { z } from 'zod';
import { AnnotationDocumentSchema } from '../annotation/schema';
import { MAX_PATH_LENGTH, SessionIdSchema } from './study-schemas';

/**
 * Contract rows of the report channels (report:*): the report of an annotation document on an open study session,
 * printed to PDF or exported (JSON, DICOM SR, Encapsulated PDF), optionally de-identified, into a folder.
 *
 * Everything here comes from an untrusted renderer: the document is schema-checked like a draft; key images are
 * PNG data URLs only (bounded count and size; the report HTML embeds nothing else); a destination is either the
 * host's own folder dialog or an absolute folder path (browser mode's path field). File names are the host's.
 */
export const MAX_KEY_IMAGES = 16;
/** One PNG data URL: a full-resolution viewport capture is well under this. */
export const MAX_KEY_IMAGE_CHARS = 4 * 1024 * 1024;
export const PNG_DATA_URL_PREFIX = 'data:image/png;base64,';

const PngDataUrl = z
  .string()
  .max(MAX_KEY_IMAGE_CHARS)
  .regex(/^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/, 'not a PNG data URL');

/** Key image id (the document's `key-N`, or a proposal's `auto-…`) → PNG data URL. */
export const KeyImagePngsSchema = z
  .record(z.string().regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'not a key image id'), PngDataUrl)
  .refine((images) => Object.keys(images).length <= MAX_KEY_IMAGES, `at most ${MAX_KEY_IMAGES} key images`);

/** SRs read from one study (a study holds a handful; more are not looked at), and the text shown of another's. */
export const MAX_STUDY_SRS = 16;
export const MAX_SR_TEXT = 200_000;
/** The host's key-image rendering (an SVG holding a PNG and the overlay), sent to the renderer's preview only. */
const PictureDataUrl = z
  .string()
  .max(MAX_KEY_IMAGE_CHARS)
  .regex(/^data:image\/(png|svg\+xml);base64,[A-Za-z0-9+/]+={0,2}$/, 'not a key image data URL');
export const KeyImagePicturesSchema = z
  .record(z.string().regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'not a key image id'), PictureDataUrl)
  .refine((images) => Object.keys(images).length <= MAX_KEY_IMAGES, `at most ${MAX_KEY_IMAGES} key images`);

export const PAGE_SIZE_VALUES = ['A4', 'Letter'] as const;
export const EXPORT_FORMATS = ['json', 'sr', 'encapsulated-pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const DestinationSchema = z.discriminatedUnion('kind', [
  /** Electron: the native folder dialog; browser mode answers 'unavailable'. */
  z.strictObject({ kind: z.literal('dialog') }),
  z.strictObject({ kind: z.literal('folder'), path: z.string().min(1).max(MAX_PATH_LENGTH) }),
]);
export type Destination = z.infer<typeof DestinationSchema>;

const ReportSourceShape = {
  sessionId: SessionIdSchema,
  document: AnnotationDocumentSchema,
  /**
   * Pictures by key image id that the host should use as they are (the app sends none: every key image is rendered
   * by the host from its record, with the shared overlay); images not given are rendered by the host.
   */
  images: KeyImagePngsSchema,
  page: z.enum(PAGE_SIZE_VALUES),
  deidentify: z.boolean(),
  destination: DestinationSchema,
  /** Another reading for the report's Comparison (a prior study's) or Second opinion (this study's) section. */
  compareWith: z.strictObject({ kind: z.enum(['follow-up', 'second-opinion']), document: AnnotationDocumentSchema }).optional(),
};

export const WrittenFileSchema = z.strictObject({
  format: z.enum(['pdf', ...EXPORT_FORMATS]),
  path: z.string().max(MAX_PATH_LENGTH),
  bytes: z.number().int().nonnegative(),
});

export const WrittenResponseSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('written'), folder: z.string().max(MAX_PATH_LENGTH), files: z.array(WrittenFileSchema).min(1) }),
  z.strictObject({ status: z.literal('cancelled') }),
  z.strictObject({ status: z.literal('unavailable'), reason: z.string().max(500) }),
]);
export type WrittenResponse = z.infer<typeof WrittenResponseSchema>;

/** The plain-text report is a few KB; anything near this is not a report. */
export const MAX_COPY_TEXT = 500_000;

export const reportContract = {
  /** "Copy report as text": Electron writes the system clipboard; browser mode answers copied: false (the page uses navigator.clipboard). */
  'report:copy-text': { request: z.strictObject({ text: z.string().max(MAX_COPY_TEXT) }), response: z.strictObject({ copied: z.boolean() }) },
  /** Key images of the document (the reader's, else the proposed ones) rendered from the DICOM with overlays. */
  'report:key-images': {
    request: z.strictObject({ sessionId: SessionIdSchema, document: AnnotationDocumentSchema }),
    response: z.strictObject({ images: KeyImagePicturesSchema, missing: z.array(z.string().max(128)).max(64) }),
  },
  /** The report as PDF (Electron: printToPDF of the preview HTML; browser mode: headless Chromium). */
  'report:pdf': { request: z.strictObject(ReportSourceShape), response: WrittenResponseSchema },
  /** JSON (the document), DICOM Comprehensive SR and Encapsulated PDF, into one folder. */
  'report:export': {
    request: z.strictObject({ ...ReportSourceShape, formats: z.array(z.enum(EXPORT_FORMATS)).min(1).max(EXPORT_FORMATS.length) }),
    response: WrittenResponseSchema,
  },
  /**
   * The structured reports in an open study: each SR this app wrote, restored into its reading (the reader decides
   * whether to restore one), and any other SR as read-only text with the reason it cannot be restored.
   */
  'report:study-srs': {
    request: z.strictObject({ sessionId: SessionIdSchema, studyInstanceUID: z.string().min(1).max(64) }),
    response: z.strictObject({
      readings: z.array(z.strictObject({ sopInstanceUID: z.string().max(64), written: z.string().max(32), document: AnnotationDocumentSchema })).max(MAX_STUDY_SRS),
      others: z.array(z.strictObject({ sopInstanceUID: z.string().max(64), note: z.string().max(1_000), text: z.string().max(MAX_SR_TEXT) })).max(MAX_STUDY_SRS),
    }),
  },
} as const;
