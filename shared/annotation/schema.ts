/**
 * The study annotation document: the app's own record of one reading (labels, lesions, measurements, patient
 * context, report fields). It is richer than the scoring contract and projects onto it (project-to-scoring.ts).
 *
 * Strictness policy (why): nested objects are strict, so a typo or a field from an unknown future shape is reported
 * instead of silently dropped; the top level is loose (`z.looseObject`), so fields written by a plug-in or a newer
 * minor build survive a load/save round trip. A document whose `version` is above CURRENT_VERSION is never parsed
 * here: load.ts reports it as `newer-version`.
 */
import { z } from 'zod';
import { ALL_LEVELS, LUMBAR_COUNTS, THORACIC_COUNTS } from '../spine/levels';
import {
  ALIGNMENT_VALUES,
  BONE_LESION_VALUES,
  BONE_METASTASES_VALUES,
  CASTELLVI_VALUES,
  COLLAPSE_VALUES,
  ESCC_GRADE_VALUES,
  FRANKEL_VALUES,
  HISTOLOGY_VALUES,
  JUDGEMENT_VALUES,
  PAIN_VALUES,
  POSTEROLATERAL_VALUES,
  RADIOSENSITIVITY_VALUES,
  SURGERY_TOLERANCE_VALUES,
  TOKUHASHI_PRIMARY_VALUES,
  TOMITA_GROWTH_VALUES,
  TOMITA_VISCERAL_VALUES,
  VISCERAL_ANSWER_VALUES,
  VISCERAL_METASTASES_VALUES,
  withUnknown,
} from '../scoring/vocabulary';
import { SubjectSchema } from './subject';

export const ANNOTATION_KIND = 'spine-annotation';
export const CURRENT_VERSION = 4;

const UNKNOWN = z.literal('unknown');
/** A field the reader has not (yet) answered; every lesion field allows it. */
const orUnknown = <T extends z.ZodType>(schema: T) => z.union([schema, UNKNOWN]);

/** Free text is bounded so a pasted megabyte cannot stall autosave; load.ts truncates longer text (and says so). */
export const MAX_TEXT = 20_000;
const text = z.string().max(MAX_TEXT);
const isoTime = z.iso.datetime({ offset: true });
/** LPS coordinates in millimetres are bounded: anything beyond 10 m is a unit or parsing error, not anatomy. */
export const MAX_COORDINATE_MM = 10_000;
const mm = z.number().min(-MAX_COORDINATE_MM).max(MAX_COORDINATE_MM);

// ---- vocabulary shared with the scoring contract: read from the rule tables (scoring/vocabulary.ts), so a row
// added to a table is a value here too; the few document-only enums are audited in tests/unit/annotation/vocabulary.test.ts ----
/** Every label of the longest count (13 thoracic, 6 lumbar): whether the patient's count has it is checked elsewhere. */
export const LEVEL_LABEL_PATTERN = new RegExp(`^(${ALL_LEVELS.join('|')})$`);
export const LevelLabelSchema = z.string().regex(LEVEL_LABEL_PATTERN, 'expected a vertebral level such as T12, L1, S1 or Co');
export const PainSchema = z.enum(withUnknown(PAIN_VALUES));
export const BoneLesionSchema = z.enum(withUnknown(BONE_LESION_VALUES));
export const AlignmentValueSchema = z.enum(withUnknown(ALIGNMENT_VALUES));
export const CollapseValueSchema = z.enum(withUnknown(COLLAPSE_VALUES));
export const PosterolateralSchema = z.enum(withUnknown(POSTEROLATERAL_VALUES));
export const EsccGradeSchema = z.enum(withUnknown(ESCC_GRADE_VALUES));
/** `unknown` here is the contract's null (not judged). */
export const InstabilityJudgementSchema = z.enum(withUnknown(JUDGEMENT_VALUES));
/** The table's rows include `other` and `unknown`. */
export const HistologySchema = z.enum(HISTOLOGY_VALUES);

// ---- image references and points ----
export const LpsPointSchema = z.tuple([mm, mm, mm]);
export type LpsPoint = z.infer<typeof LpsPointSchema>;
export const InstanceRefSchema = z.strictObject({
  sopInstanceUID: z.string().min(1).max(64),
  /** 0-based frame of a multi-frame instance; 0 for single-frame images. */
  frame: z.number().int().min(0),
});
export type InstanceRef = z.infer<typeof InstanceRefSchema>;
const frameOfReferenceUID = z.string().min(1).max(64);

// ---- level labels and counting ----
export const LevelLabelRecordSchema = z.strictObject({
  id: z.string().min(1),
  label: LevelLabelSchema,
  point: LpsPointSchema,
  frameOfReferenceUID,
  sourceInstance: InstanceRefSchema,
  /** true: placed by interpolation/propagation and awaiting the reader's confirmation. */
  proposed: z.boolean(),
  /**
   * The image proposer's confidence in a proposed level (0-1, shared/spine/propose-levels.ts); absent for labels placed
   * by hand, interpolated, or moved by the reader. Optional, so documents written before it read unchanged.
   */
  confidence: z.number().min(0).max(1).optional(),
});
export type LevelLabelRecord = z.infer<typeof LevelLabelRecordSchema>;

export const CountingMethodSchema = z.enum(['whole-spine-localizer', 'partial', 'unknown']);
export const CastellviSchema = z.enum(CASTELLVI_VALUES);
export const VariantsSchema = z.strictObject({
  thoracicCount: z.literal(THORACIC_COUNTS),
  lumbarCount: z.literal(LUMBAR_COUNTS),
  castellvi: CastellviSchema.nullable(),
});
export type Variants = z.infer<typeof VariantsSchema>;
export const SpineSchema = z.strictObject({ countingMethod: CountingMethodSchema, variants: VariantsSchema });

// ---- measurements (patient LPS mm, with the frame of reference they live in) ----
const measurementBase = {
  id: z.string().min(1),
  frameOfReferenceUID,
  sourceInstance: InstanceRefSchema,
  note: text,
};
export const HeightSegmentSchema = z.tuple([LpsPointSchema, LpsPointSchema]);
export const BodyHeightsSchema = z.strictObject({
  level: LevelLabelSchema,
  anterior: HeightSegmentSchema,
  middle: HeightSegmentSchema,
  posterior: HeightSegmentSchema,
});
export type BodyHeights = z.infer<typeof BodyHeightsSchema>;
export const HEIGHT_NAMES = ['anterior', 'middle', 'posterior'] as const;
export type HeightName = (typeof HEIGHT_NAMES)[number];
export const BODY_ROLES = ['index', 'above', 'below'] as const;
export type BodyRole = (typeof BODY_ROLES)[number];

/**
 * Where a length's millimetres come from (the image it was drawn on): PixelSpacing (calibrated at the patient),
 * ImagerPixelSpacing (detector, not corrected for magnification), none (the points are in pixels of a stand-in
 * 1 mm grid, so the value is pixels), unknown (a version-1 length, which did not record it).
 */
export const CalibrationSchema = z.enum(['PixelSpacing', 'ImagerPixelSpacing', 'none', 'unknown']);
export type Calibration = z.infer<typeof CalibrationSchema>;
const EndplateSchema = z.strictObject({ level: LevelLabelSchema, surface: z.enum(['superior', 'inferior']) });

export const MeasurementSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...measurementBase, kind: z.literal('length'), points: z.tuple([LpsPointSchema, LpsPointSchema]), calibration: CalibrationSchema }),
  /** points: arm end, vertex, arm end. */
  z.strictObject({ ...measurementBase, kind: z.literal('angle'), points: z.tuple([LpsPointSchema, LpsPointSchema, LpsPointSchema]) }),
  /**
   * points: upper endplate line (2 points), lower endplate line (2 points). Which endplates were used is recorded
   * when the reader said so: always for segmental kyphosis (the alignment aid asks for the levels); null for a plain
   * Cobb angle drawn with the viewer's tool, which knows two lines and no levels (never guessed from the labels).
   */
  z
    .strictObject({
      ...measurementBase,
      kind: z.literal('cobb'),
      purpose: z.enum(['segmental-kyphosis', 'cobb']),
      points: z.tuple([LpsPointSchema, LpsPointSchema, LpsPointSchema, LpsPointSchema]),
      upperEndplate: EndplateSchema.nullable(),
      lowerEndplate: EndplateSchema.nullable(),
    })
    .refine((m) => m.purpose !== 'segmental-kyphosis' || (m.upperEndplate !== null && m.lowerEndplate !== null), {
      message: 'segmental kyphosis needs both endplate levels',
      path: ['upperEndplate'],
    }),
  /** Translation (listhesis) in mm between two adjacent bodies: an alignment aid. */
  z.strictObject({
    ...measurementBase,
    kind: z.literal('translation'),
    points: z.tuple([LpsPointSchema, LpsPointSchema]),
    levels: z.tuple([LevelLabelSchema, LevelLabelSchema]),
  }),
  z.strictObject({ ...measurementBase, kind: z.literal('arrow'), points: z.tuple([LpsPointSchema, LpsPointSchema]), text }),
  z.strictObject({ ...measurementBase, kind: z.literal('text'), points: z.tuple([LpsPointSchema]), text }),
  /**
   * Vertebral-body heights (endplate to endplate) of the index body and of the nearest normal bodies above/below
   * (null when the reader found none); % loss and its suggestions are derived (heights.ts), never stored.
   */
  z.strictObject({
    ...measurementBase,
    kind: z.literal('vertebral-heights'),
    index: BodyHeightsSchema,
    above: BodyHeightsSchema.nullable(),
    below: BodyHeightsSchema.nullable(),
  }),
]);
export type Measurement = z.infer<typeof MeasurementSchema>;
export type MeasurementKind = Measurement['kind'];

// ---- lesions ----
/** Where a categorical choice came from, so the report can say whether a measurement was confirmed or overridden. */
export const ChoiceSourceSchema = z.enum(['reader', 'measurement-confirmed', 'measurement-overridden']);
export const CollapseChoiceSchema = z.strictObject({
  value: CollapseValueSchema,
  source: ChoiceSourceSchema,
  measurementId: z.string().min(1).optional(),
});
export type CollapseChoice = z.infer<typeof CollapseChoiceSchema>;
export const AlignmentChoiceSchema = z.strictObject({
  value: AlignmentValueSchema,
  source: ChoiceSourceSchema,
  /** Cobb/kyphosis and translation measurements the reader looked at (aids only: they never set the value). */
  measurementIds: z.array(z.string().min(1)),
});
export type AlignmentChoice = z.infer<typeof AlignmentChoiceSchema>;

export const LesionSchema = z.strictObject({
  id: z.string().min(1),
  /** Contiguous levels in the patient's sequence (may be empty while the reader is still placing the lesion). */
  levels: z.array(LevelLabelSchema),
  /** Clinical: asked, never inferred from images. */
  pain: PainSchema,
  boneLesion: BoneLesionSchema,
  alignment: AlignmentChoiceSchema,
  collapse: CollapseChoiceSchema,
  posterolateral: PosterolateralSchema,
  escc: EsccGradeSchema,
  cordSignalChange: orUnknown(z.boolean()),
  /** Below the conus the ESCC grade is applied by analogy; the report says so. */
  caudaEquina: orUnknown(z.boolean()),
  /** The reader's call for SINS 7–12 (ignored outside that band by the scoring core). */
  instabilityJudgement: InstabilityJudgementSchema,
  note: text,
});
export type Lesion = z.infer<typeof LesionSchema>;

// ---- patient context ----
/** Frankel grades are the Tokuhashi palsy rows; ASIA (ISNCSCI AIS A–E) is context only, in no rule table. */
const FrankelSchema = z.enum(withUnknown(FRANKEL_VALUES));
const AsiaSchema = z.enum(['A', 'B', 'C', 'D', 'E', 'unknown']);
export const KpsSchema = orUnknown(z.number().int().min(0).max(100).multipleOf(10));
export const EcogSchema = orUnknown(z.number().int().min(0).max(5));
export const PatientSchema = z.strictObject({
  histology: HistologySchema,
  /** null: radiosensitivity comes from the histology table (docs/clinical-rules.md §5 O). */
  radiosensitivityOverride: z.enum(RADIOSENSITIVITY_VALUES).nullable(),
  myelopathy: orUnknown(z.boolean()),
  frankel: FrankelSchema,
  asia: AsiaSchema,
  ambulatory: z.enum(['ambulatory', 'ambulatory-with-aid', 'non-ambulatory', 'unknown']),
  emergency: z.strictObject({
    rapidWeaknessProgression: orUnknown(z.boolean()),
    newInabilityToWalk: orUnknown(z.boolean()),
    newBladderDysfunction: orUnknown(z.boolean()),
    bilateralSymptoms: orUnknown(z.boolean()),
    /** Hours of complete paralysis despite corticosteroids; null = not paralysed / not known. */
    completeParalysisHours: z.number().min(0).max(100_000).nullable(),
  }),
  /** Recorded as context only: never turned into canTolerateSurgery (docs/clinical-rules.md §5 S). */
  ecog: EcogSchema,
  kps: KpsSchema,
  canTolerateSurgery: z.enum(withUnknown(SURGERY_TOLERANCE_VALUES)),
  /**
   * Prognosis inputs. The answers a histology or the one visceral question decides are nullable: null is "derived"
   * (shared/scoring/context-from-histology.ts), a value is the reader's answer (an override when it differs from a
   * derivable value). `visceral` is asked once; Tokuhashi's removable and Tomita's treatable are asked only when it is
   * `present`.
   */
  prognosis: z.strictObject({
    extraspinalBoneMetastases: orUnknown(z.number().int().min(0).max(1000)),
    vertebralMetastases: orUnknown(z.number().int().min(1).max(33)),
    visceral: z.enum(withUnknown(VISCERAL_ANSWER_VALUES)),
    visceralMetastases: z.enum(withUnknown(VISCERAL_METASTASES_VALUES)).nullable(),
    tokuhashiPrimary: z.enum(withUnknown(TOKUHASHI_PRIMARY_VALUES)).nullable(),
    tomitaPrimaryGrowth: z.enum(withUnknown(TOMITA_GROWTH_VALUES)).nullable(),
    tomitaVisceral: z.enum(withUnknown(TOMITA_VISCERAL_VALUES)).nullable(),
    boneMetastases: z.enum(withUnknown(BONE_METASTASES_VALUES)),
    bauer: z.strictObject({
      visceralMetastases: orUnknown(z.boolean()).nullable(),
      lungPrimary: orUnknown(z.boolean()).nullable(),
      favourablePrimary: orUnknown(z.boolean()).nullable(),
      solitarySkeletal: orUnknown(z.boolean()),
    }),
  }),
  referringQuestion: text,
});
export type Patient = z.infer<typeof PatientSchema>;

// ---- report fields (the report issue fills these in later; the schema holds them now) ----
export const KeyImageSchema = z.strictObject({
  id: z.string().min(1),
  seriesInstanceUID: z.string().min(1).max(64),
  instance: InstanceRefSchema,
  /** Viewer state to restore (window/level, zoom, pan…); kept open because the viewer owns its shape. */
  viewState: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()])),
  overlays: z.strictObject({ labels: z.boolean(), lesions: z.boolean(), measurements: z.boolean() }),
  caption: text,
});
export type KeyImage = z.infer<typeof KeyImageSchema>;
/**
 * Where the impression's text stands: 'proposed' (the reader has not taken it up: the report shows the impression
 * proposed from the findings, shared/reading/impression.ts, labelled as proposed), 'accepted' (the proposal, taken
 * as it was) or 'edited' (the reader's own words, typed or changed).
 */
export const IMPRESSION_SOURCES = ['proposed', 'accepted', 'edited'] as const;
export const ImpressionSourceSchema = z.enum(IMPRESSION_SOURCES);
export type ImpressionSource = z.infer<typeof ImpressionSourceSchema>;
export const ReportSchema = z.strictObject({ impression: text, impressionSource: ImpressionSourceSchema, freeText: text, keyImages: z.array(KeyImageSchema) });

// ---- sign-off (signoff.ts: the state machine and its commands) ----
const uid = z.string().min(1).max(64);
/** DICOM PN and LO limits: the signer's name becomes the SR's Verifying Observer Name, the organisation its LO. */
export const SIGNER_MAX = 200;
export const ORGANIZATION_MAX = 64;
export const SignatureSchema = z.strictObject({
  /** 'final': the first signature; 'addendum': a later change, signed with its reason. */
  kind: z.enum(['final', 'addendum']),
  signer: z.string().min(1).max(SIGNER_MAX),
  organization: z.string().max(ORGANIZATION_MAX),
  signedAt: isoTime,
  /** Why the signed reading was changed ('' for the first signature). */
  reason: text,
  /** The UIDs of the SR this signature makes: recorded so every export of it is the same instance, and an
   * amendment's SR can name it as its predecessor. */
  sr: z.strictObject({ seriesInstanceUID: uid, sopInstanceUID: uid }),
});
export type Signature = z.infer<typeof SignatureSchema>;
export const SignoffStateSchema = z.enum(['draft', 'final', 'amended']);
export type SignoffState = z.infer<typeof SignoffStateSchema>;

// ---- the document ----
/** The clinical content of a reading: what a signature covers and what a superseded signed version keeps. */
const contentShape = {
  spine: SpineSchema,
  labels: z.array(LevelLabelRecordSchema),
  lesions: z.array(LesionSchema),
  measurements: z.array(MeasurementSchema),
  patient: PatientSchema,
  report: ReportSchema,
};
export const SignedContentSchema = z.strictObject(contentShape);
export type SignedContent = z.infer<typeof SignedContentSchema>;
export const SignoffSchema = z.strictObject({
  /** The last signed state: 'draft' until signed, 'final' once signed, 'amended' once an addendum is signed. */
  state: SignoffStateSchema,
  /** Every signature, oldest first. */
  signatures: z.array(SignatureSchema),
  /** An addendum being written after a signature (edits allowed until it is signed or cancelled); null otherwise. */
  amendment: z.strictObject({ reason: z.string().min(1).max(MAX_TEXT), startedAt: isoTime }).nullable(),
  /** The signed versions an addendum superseded, oldest first, each with the signature that covered it (index). */
  previous: z.array(z.strictObject({ signature: z.number().int().min(0), content: SignedContentSchema })),
});
export type Signoff = z.infer<typeof SignoffSchema>;


export const AnnotationDocumentSchema = z.looseObject({
  kind: z.literal(ANNOTATION_KIND),
  version: z.literal(CURRENT_VERSION),
  studyInstanceUID: z.string().min(1).max(64),
  /** Whose reading this is (subject.ts); null in drafts made before it was recorded. */
  subject: SubjectSchema.nullable(),
  /** Increases on every committed change (history.ts), including undo/redo: the draft store's ordering key. */
  revision: z.number().int().min(0),
  reader: z.strictObject({ name: z.string().max(SIGNER_MAX) }),
  createdAt: isoTime,
  updatedAt: isoTime,
  appVersion: z.string().max(100),
  rulesVersion: z.string().max(100),
  ...contentShape,
  /** Draft, final or amended, with the signatures and the superseded signed versions (signoff.ts). */
  signoff: SignoffSchema,
});
export type AnnotationDocument = z.infer<typeof AnnotationDocumentSchema>;
