/**
 * The structured report model: built from the annotation document, the study's identification and the document's
 * derived reading (shared/reading/derive.ts, the one derivation) by one pure function. Lesions are joined to their
 * scores by id. Every value says where it came from (measured on the images, the reader's call, derived from a rule
 * table, or a convention of ours), and unknowns stay unknown (ranges, "not assessed"): the renderers only format.
 * A lesion the draft cannot score yet (no level) is listed as not yet complete, never given another lesion's scores.
 */
import type { AnnotationDocument, ImpressionSource, Lesion, Measurement, Patient, Signature } from '../annotation/schema';
import { proposeImpression } from '../reading/impression';
import { assessHeights } from '../annotation/heights';
import {
  BAUER_ITEMS, HISTOLOGIES, SINS_ALIGNMENT, SINS_BONE_LESION, SINS_COLLAPSE, SINS_LOCATION, SINS_PAIN, SINS_POSTEROLATERAL,
  TOKUHASHI_PRIMARY, TOKUHASHI_VISCERAL, TOMITA_BONE, TOMITA_PRIMARY_GROWTH, TOMITA_VISCERAL,
} from '../scoring/index';
import type { Pathway, ResolvedAnswer, SinsBand } from '../scoring/index';
import { scoredLesions, unscoredLesions } from '../reading/derive';
import type { DerivedReading, FactSource, ScoredLesion } from '../reading/derive';
import { describeVariants, isTransitionalAnatomy } from '../spine/variants';
import type { SpineCounts } from '../spine/levels';
import { cobbAngle, segmentalKyphosis, angleBetweenSegments, distance, vec3, HEIGHT_LOSS_METHOD } from '../geometry/index';
import type { Vec3 } from '../geometry/index';
import type { StudyInfo } from './study-info';
import { comparisonSection, progressionOf } from './comparison-section';
import type { ComparisonInput, ComparisonSection } from './comparison-section';
import { findInstance } from './study-info';
import { formatDicomDate, formatDicomTime, formatInstantUtc, formatPatientSex } from './dates';
import {
  CLINICAL_REVIEW_STATEMENT, CONTEXT_ANSWER_NAMES, MECHANICAL_TEXT, NEUROLOGIC_TEXT, NOT_ASSESSED, ONCOLOGIC_TEXT, PAIN_WORDING, PROGNOSIS_NAMES, SYSTEMIC_TEXT,
  alternativeText, contextAnswerText, esccDescription, esccWording, findingSentence, flagLabel, levelsText, caveatTexts, notScoredText, pathwayText, prognosisText,
  sinsBandText, sinsTotalText, surgicalConsultationText, yesNo,
  EMERGENCY_FLAG_CODES, IMPRESSION_SOURCE_WORDING, NO_IMPRESSION, SIGNOFF_LABELS, signedByText,
} from '../reading/wording';

/** A derived fact's source, or the images' DICOM header (patient and study identification). */
export type Provenance = FactSource | 'header';

/** One reported value and where it came from. */
export interface Tagged {
  readonly label: string;
  readonly value: string;
  readonly source: Provenance;
}

export interface SinsRow {
  readonly component: string;
  readonly answer: string;
  /** null: unknown; `pointsText` then gives the component's span. */
  readonly points: number | null;
  readonly pointsText: string;
  readonly source: Provenance;
}

export interface LesionReport {
  readonly id: string;
  /** The lesion's place in the document, 1-based: "Lesion 2" in the panel and the report alike. */
  readonly number: number;
  readonly levels: readonly string[];
  readonly levelsText: string;
  readonly finding: string;
  readonly sins: {
    readonly rows: readonly SinsRow[];
    readonly total: number | null;
    readonly range: readonly [number, number];
    readonly totalText: string;
    readonly band: SinsBand | null;
    readonly bandText: string;
    readonly surgicalConsultation: string;
  };
  readonly escc: { readonly grade: string; readonly text: string; readonly description: string; readonly source: Provenance };
  readonly noms: { readonly inputs: readonly Tagged[]; readonly pathwayCode: Pathway | null; readonly pathway: string | null; readonly alternatives: readonly string[] };
  readonly flags: ReadonlyArray<{ readonly code: string; readonly label: string }>;
  readonly details: readonly Tagged[];
  readonly note: string;
}

/** A lesion of the draft that has no scores yet: the report is not yet complete. */
export interface IncompleteLesionReport {
  readonly id: string;
  readonly number: number;
  readonly levelsText: string;
  /** E.g. "level not assigned: not scored". */
  readonly text: string;
}

export interface PrognosisReport {
  readonly name: string;
  readonly total: number | null;
  readonly text: string;
  readonly inputs: readonly Tagged[];
}

export interface MeasurementReport {
  readonly id: string;
  readonly kind: Measurement['kind'];
  readonly text: string;
  readonly method: string;
}

export interface KeyImageReport {
  readonly id: string;
  readonly caption: string;
  readonly seriesInstanceUID: string;
  readonly sopInstanceUID: string;
  readonly frame: number;
  readonly seriesText: string;
  readonly chosenBy: 'reader' | 'proposed';
}

/** Draft, final or amended: what every output says about the reading's sign-off. */
export interface SignoffReport {
  /** 'draft' also while an addendum is being written: that content is not signed. */
  readonly state: 'draft' | 'final' | 'amended';
  /** DRAFT, FINAL or AMENDED. */
  readonly label: string;
  /** The status in sentences: who signed, when, why an addendum was made, what it supersedes. */
  readonly lines: readonly string[];
  /** The signature that verifies this content (the last one), null for a draft. */
  readonly verifier: Signature | null;
  /** The signature the verifier's SR supersedes (an amendment's predecessor), null otherwise. */
  readonly predecessor: Signature | null;
}

export interface ReportModel {
  readonly title: string;
  readonly signoff: SignoffReport;
  readonly deidentified: boolean;
  readonly header: {
    readonly patientName: string;
    readonly patientId: string;
    readonly birthDate: string;
    readonly sex: string;
    /** YYYY-MM-DD. */
    readonly studyDate: string;
    /** HH:MM as recorded (the site's local time), '' when absent. */
    readonly studyTime: string;
    readonly studyDescription: string;
    readonly accessionNumber: string;
    readonly institution: string;
    readonly modalities: string;
    readonly referringPhysician: string;
    readonly referringQuestion: string;
    readonly reader: string;
    /** When the reader last saved the document, "YYYY-MM-DD HH:MM UTC"; '' in a de-identified copy. */
    readonly readAt: string;
    readonly studyInstanceUID: string;
  };
  /** One short line for the running header of every page. */
  readonly identification: string;
  readonly technique: readonly string[];
  readonly counting: { readonly method: string; readonly variants: readonly string[]; readonly castellvi: string | null };
  /** Emergency lines, shown first as a banner; empty when none. */
  readonly emergency: readonly string[];
  readonly patientFlags: ReadonlyArray<{ readonly code: string; readonly label: string }>;
  readonly patientContext: readonly Tagged[];
  readonly lesions: readonly LesionReport[];
  /** Lesions recorded but not scored yet (e.g. no level assigned), in document order; empty for a complete reading. */
  readonly incomplete: readonly IncompleteLesionReport[];
  readonly prognosis: readonly PrognosisReport[];
  readonly measurements: readonly MeasurementReport[];
  /** A prior study's reading or another reader's, compared with this one; null when none was given. */
  readonly comparison: ComparisonSection | null;
  readonly keyImages: readonly KeyImageReport[];
  /** The impression shown: the reader's, or the proposal from the findings while the reader has not taken it up. */
  readonly impression: string;
  readonly impressionSource: ImpressionSource;
  /** E.g. "proposed from the findings, not yet accepted by the reader". */
  readonly impressionNote: string;
  readonly freeText: string;
  readonly footer: {
    readonly rulesVersion: string;
    readonly appVersion: string;
    readonly conventions: readonly string[];
    readonly notes: readonly string[];
    readonly statement: string;
  };
}

export interface ReportInput {
  readonly document: AnnotationDocument;
  readonly study: StudyInfo;
  /** deriveReading(document) — of the identified document when `document` is its de-identified copy (same lesion ids). */
  readonly reading: DerivedReading;
  /** Notes from loading the document (repairs); the reading's own notes are added. */
  readonly notes?: ReadonlyArray<{ readonly path: string; readonly message: string }>;
  /** Key images to report: the document's own, or proposed ones when the reader chose none. */
  readonly keyImages?: ReadonlyArray<{ readonly id: string; readonly seriesInstanceUID: string; readonly sopInstanceUID: string; readonly frame: number; readonly caption: string; readonly chosenBy: 'reader' | 'proposed' }>;
  readonly deidentified?: boolean;
  /** A prior study's reading (follow-up) or another reader's reading of this study (second opinion), compared. */
  readonly comparison?: ComparisonInput;
}

const countsOf = (doc: AnnotationDocument): SpineCounts => ({ thoracicCount: doc.spine.variants.thoracicCount, lumbarCount: doc.spine.variants.lumbarCount });

const labelOf = <V extends string>(rows: ReadonlyArray<{ value: V; label: string }>, value: string): string =>
  rows.find((r) => r.value === value)?.label ?? (value === 'unknown' ? NOT_ASSESSED : value);

function span(rows: ReadonlyArray<{ points: number }>): string {
  const points = rows.map((r) => r.points);
  return `${Math.min(...points)}–${Math.max(...points)} points`;
}

const round1 = (n: number): string => (Math.round(n * 10) / 10).toFixed(1);

export { formatDicomDate } from './dates';

/** PN "FAMILY^GIVEN" as "FAMILY, GIVEN". */
export function formatPersonName(pn: string): string {
  const [family = '', given = ''] = pn.split('^');
  return given !== '' ? `${family}, ${given}` : family;
}

function sinsRows(lesion: Lesion, derived: ScoredLesion, doc: AnnotationDocument): SinsRow[] {
  const c = derived.scores.sins.components;
  const { facts } = derived;
  const region = facts.location.value;
  const pts = (points: number | null, rows: ReadonlyArray<{ points: number }>): string => (points === null ? span(rows) : `${points}`);
  const measured = facts.collapseMeasuredPercent;
  const collapseSource: Provenance = facts.collapse.source;
  const collapseExtra = measured === null ? '' : lesion.collapse.source === 'measurement-overridden'
    ? ` (measured ${round1(measured)}% height loss; reader's category kept)`
    : ` (measured ${round1(measured)}% height loss)`;
  const alignmentSource: Provenance = facts.alignment.source;
  return [
    {
      component: 'Location',
      answer: region === null ? `${levelsText(lesion.levels, countsOf(doc))}: not scored (outside SINS)` : `${levelsText(lesion.levels, countsOf(doc))}: ${labelOf(SINS_LOCATION, region)}`,
      points: c.location,
      pointsText: pts(c.location, SINS_LOCATION),
      source: facts.location.source,
    },
    { component: 'Pain', answer: labelOf(SINS_PAIN, lesion.pain), points: c.pain, pointsText: pts(c.pain, SINS_PAIN), source: 'reader' },
    { component: 'Bone lesion', answer: labelOf(SINS_BONE_LESION, lesion.boneLesion), points: c.boneLesion, pointsText: pts(c.boneLesion, SINS_BONE_LESION), source: 'reader' },
    { component: 'Alignment', answer: labelOf(SINS_ALIGNMENT, lesion.alignment.value), points: c.alignment, pointsText: pts(c.alignment, SINS_ALIGNMENT), source: alignmentSource },
    {
      component: 'Vertebral body collapse',
      answer: `${labelOf(SINS_COLLAPSE, lesion.collapse.value)}${collapseExtra}`,
      points: c.collapse,
      pointsText: pts(c.collapse, SINS_COLLAPSE),
      source: collapseSource,
    },
    { component: 'Posterolateral involvement', answer: labelOf(SINS_POSTEROLATERAL, lesion.posterolateral), points: c.posterolateral, pointsText: pts(c.posterolateral, SINS_POSTEROLATERAL), source: 'reader' },
  ];
}

function lesionReport(doc: AnnotationDocument, lesion: Lesion, derived: ScoredLesion): LesionReport {
  const counts = countsOf(doc);
  const out = derived.scores;
  const { facts } = derived;
  const judgement = lesion.instabilityJudgement === 'unknown' ? 'not given' : lesion.instabilityJudgement;
  const mechanicalValue = out.noms.mechanical === 'indeterminate' ? `${MECHANICAL_TEXT.indeterminate}; reader's judgement: ${judgement}` : MECHANICAL_TEXT[out.noms.mechanical];
  const inputs: Tagged[] = [
    { label: 'Neurologic', value: NEUROLOGIC_TEXT[facts.neurologic.value], source: facts.neurologic.source },
    { label: 'Oncologic', value: `${ONCOLOGIC_TEXT[facts.oncologic.value]} (${labelOf(HISTOLOGIES, doc.patient.histology)}; ${facts.oncologic.source === 'reader' ? 'reader override' : 'histology table'})`, source: facts.oncologic.source },
    { label: 'Mechanical', value: mechanicalValue, source: facts.mechanical.source },
    { label: 'Systemic', value: SYSTEMIC_TEXT[facts.systemic.value], source: facts.systemic.source },
  ];
  const details: Tagged[] = [
    { label: 'Pain', value: PAIN_WORDING[lesion.pain], source: 'reader' },
    { label: 'Cord signal change', value: yesNo(lesion.cordSignalChange), source: 'reader' },
    { label: 'Below the conus (cauda equina)', value: yesNo(lesion.caudaEquina), source: 'reader' },
  ];
  return {
    id: lesion.id,
    number: derived.index + 1,
    levels: lesion.levels,
    levelsText: levelsText(lesion.levels, counts),
    finding: findingSentence(lesion, out.escc, counts),
    sins: {
      rows: sinsRows(lesion, derived, doc),
      total: out.sins.total,
      range: out.sins.range,
      totalText: sinsTotalText(out.sins.total, out.sins.range),
      band: out.sins.band,
      bandText: sinsBandText(out.sins.band, out.sins.range),
      surgicalConsultation: surgicalConsultationText(out.sins.surgicalConsultation),
    },
    escc: { grade: out.escc.grade, text: esccWording(out.escc, lesion.caudaEquina), description: esccDescription(out.escc.grade), source: 'reader' },
    noms: {
      inputs,
      pathwayCode: out.noms.pathway,
      pathway: out.noms.pathway === null ? null : pathwayText(out.noms.pathway),
      alternatives: out.noms.alternatives.map(alternativeText),
    },
    flags: out.flags.map((code) => ({ code, label: flagLabel(code) })),
    details,
    note: lesion.note,
  };
}

function prognosisReports(patient: Patient, reading: DerivedReading): PrognosisReport[] {
  const p = patient.prognosis;
  const c = reading.patient.context;
  const r = (label: string, value: string | number | boolean): Tagged => ({ label, value: typeof value === 'boolean' ? yesNo(value) : value === 'unknown' ? NOT_ASSESSED : String(value), source: 'reader' });
  // A derivable answer says whether it was derived or the reader's, and what it overrides.
  const d = <V extends string | boolean>(label: string, resolved: ResolvedAnswer<V>, text: (v: V | 'unknown') => string): Tagged => ({ label, ...contextAnswerText(resolved, text(resolved.value), text(resolved.derived)) });
  const bauerText = (pointWhen: boolean) => (v: boolean | 'unknown'): string => yesNo(v === 'unknown' ? 'unknown' : v === pointWhen);
  const bauerResolved = { visceralMetastases: c.bauerVisceral, lungPrimary: c.bauerLung, favourablePrimary: c.bauerFavourable } as const;
  const t = reading.patient.tokuhashi;
  const tm = reading.patient.tomita;
  const b = reading.patient.modifiedBauer;
  return [
    {
      name: PROGNOSIS_NAMES.tokuhashi,
      total: t?.total ?? null,
      text: prognosisText('tokuhashi', t),
      inputs: [
        r('KPS', patient.kps),
        r('Extraspinal bone metastases', p.extraspinalBoneMetastases),
        r('Vertebral-body metastases', p.vertebralMetastases),
        d('Major internal-organ metastases', c.visceralMetastases, (v) => labelOf(TOKUHASHI_VISCERAL, v)),
        d('Primary site', c.tokuhashiPrimary, (v) => labelOf(TOKUHASHI_PRIMARY, v)),
        r('Frankel grade', patient.frankel),
      ],
    },
    {
      name: PROGNOSIS_NAMES.tomita,
      total: tm?.total ?? null,
      text: prognosisText('tomita', tm),
      inputs: [
        d('Primary tumour growth', c.tomitaPrimaryGrowth, (v) => labelOf(TOMITA_PRIMARY_GROWTH, v)),
        d('Visceral metastases', c.tomitaVisceral, (v) => labelOf(TOMITA_VISCERAL, v)),
        { label: 'Bone metastases', value: labelOf(TOMITA_BONE, p.boneMetastases), source: 'reader' },
      ],
    },
    {
      name: PROGNOSIS_NAMES.modifiedBauer,
      total: b?.total ?? null,
      text: prognosisText('modifiedBauer', b),
      inputs: BAUER_ITEMS.map((item) => {
        if (item.input === 'solitarySkeletal') return { label: item.label, value: bauerText(item.pointWhen)(p.bauer.solitarySkeletal), source: 'reader' as const };
        return d(item.label, bauerResolved[item.input], bauerText(item.pointWhen));
      }),
    },
  ];
}

const v = (p: readonly [number, number, number]): Vec3 => vec3(p[0], p[1], p[2]);

/** A length with what its unit rests on: lengths drawn on images without PixelSpacing are not patient mm. */
function lengthText(value: number, calibration: Extract<Measurement, { kind: 'length' }>['calibration']): string {
  switch (calibration) {
    case 'PixelSpacing':
      return `Length ${round1(value)} mm`;
    case 'ImagerPixelSpacing':
      return `Length ${round1(value)} mm (detector spacing, not corrected for magnification)`;
    case 'none':
      return `Length ${Math.round(value)} px (uncalibrated image)`;
    case 'unknown':
      return `Length ${round1(value)} mm (pixel spacing source not recorded)`;
  }
}

function measurementReport(m: Measurement): MeasurementReport {
  switch (m.kind) {
    case 'length':
      return { id: m.id, kind: m.kind, text: lengthText(distance(v(m.points[0]), v(m.points[1])), m.calibration), method: 'straight-line distance in patient space' };
    case 'angle': {
      const a = angleBetweenSegments({ start: v(m.points[1]), end: v(m.points[0]) }, { start: v(m.points[1]), end: v(m.points[2]) });
      return { id: m.id, kind: m.kind, text: a.ok ? `Angle ${round1(a.value)}°` : `Angle not computable (${a.reason})`, method: 'three-point angle at the vertex' };
    }
    case 'cobb': {
      const upper = { start: v(m.points[0]), end: v(m.points[1]) };
      const lower = { start: v(m.points[2]), end: v(m.points[3]) };
      // A plain Cobb angle drawn with the viewer's tool has no endplate levels: the report says so, never guesses.
      const ends = m.upperEndplate && m.lowerEndplate ? `${m.upperEndplate.level} ${m.upperEndplate.surface} to ${m.lowerEndplate.level} ${m.lowerEndplate.surface} endplate` : 'endplate levels not recorded';
      if (m.purpose === 'segmental-kyphosis') {
        const k = segmentalKyphosis(upper, lower);
        return { id: m.id, kind: m.kind, text: k.ok ? `Segmental ${k.value.kind} ${round1(Math.abs(k.value.angle))}° (${ends})` : `Segmental angle not computable (${k.reason})`, method: 'signed angle between endplate lines in the sagittal plane' };
      }
      const c = cobbAngle(upper, lower);
      return { id: m.id, kind: m.kind, text: c.ok ? `Cobb angle ${round1(c.value)}° (${ends})` : `Cobb angle not computable (${c.reason})`, method: 'Cobb method: acute angle between endplate lines' };
    }
    case 'translation': {
      // Anteroposterior offset (LPS y) between the two marked corners: the listhesis seen on a lateral view.
      const offset = Math.abs(m.points[0][1] - m.points[1][1]);
      return { id: m.id, kind: m.kind, text: `Translation ${m.levels[0]} on ${m.levels[1]}: ${round1(offset)} mm`, method: 'anteroposterior offset between the two marked points' };
    }
    case 'vertebral-heights': {
      const result = assessHeights(m);
      if (!result.computable) return { id: m.id, kind: m.kind, text: `${m.index.level} vertebral body heights: not computable (${result.reason})`, method: HEIGHT_LOSS_METHOD };
      const h = result.input.index;
      const refs = [m.above?.level, m.below?.level].filter((x): x is string => x !== undefined).join(' and ');
      return {
        id: m.id,
        kind: m.kind,
        text: `${m.index.level} vertebral body heights: anterior ${round1(h.anterior)} mm, middle ${round1(h.middle)} mm, posterior ${round1(h.posterior)} mm; ` +
          `worst height loss ${round1(result.worst.lossPercent)}% (${result.worst.height}) against ${refs || 'no reference'}; Genant grade ${result.genantGrade}` +
          (result.borderline ? '; borderline 45–55%' : ''),
        method: HEIGHT_LOSS_METHOD,
      };
    }
    case 'arrow':
      return { id: m.id, kind: m.kind, text: `Arrow: ${m.text}`, method: 'annotation' };
    case 'text':
      return { id: m.id, kind: m.kind, text: `Note: ${m.text}`, method: 'annotation' };
  }
}

const COUNTING_TEXT = {
  'whole-spine-localizer': 'counted from a whole-spine localizer (C2 downwards)',
  partial: 'partial coverage: counted from the lowest rib-bearing vertebra (T12) / the sacrum',
  unknown: 'counting method not stated',
} as const;

const VISCERAL_TEXT = { none: 'none', present: 'present', unknown: NOT_ASSESSED } as const;

function patientContext(patient: Patient, reading: DerivedReading): Tagged[] {
  const radio = reading.patient.radiosensitivity;
  const c = reading.patient.context;
  const overridden = (Object.keys(CONTEXT_ANSWER_NAMES) as Array<keyof typeof CONTEXT_ANSWER_NAMES>).filter((k) => c[k].overridden).map((k) => CONTEXT_ANSWER_NAMES[k]);
  const e = patient.emergency;
  return [
    { label: 'Histology', value: patient.histology === 'unknown' ? NOT_ASSESSED : labelOf(HISTOLOGIES, patient.histology), source: 'reader' },
    { label: 'Radiosensitivity', value: `${radio.value === null ? NOT_ASSESSED : ONCOLOGIC_TEXT[radio.value]} (${radio.source === 'reader' ? 'reader override' : 'histology table'})`, source: radio.source },
    { label: 'Visceral metastases', value: VISCERAL_TEXT[patient.prognosis.visceral], source: 'reader' },
    ...(overridden.length > 0 ? [{ label: 'Derived answers overridden by the reader', value: overridden.join('; '), source: 'reader' as const }] : []),
    { label: 'Myelopathy', value: yesNo(patient.myelopathy), source: 'reader' },
    { label: 'Frankel / ASIA', value: `${patient.frankel === 'unknown' ? NOT_ASSESSED : patient.frankel} / ${patient.asia === 'unknown' ? NOT_ASSESSED : patient.asia}`, source: 'reader' },
    { label: 'Ambulatory status', value: patient.ambulatory === 'unknown' ? NOT_ASSESSED : patient.ambulatory.replace(/-/g, ' '), source: 'reader' },
    { label: 'ECOG / KPS', value: `${patient.ecog === 'unknown' ? NOT_ASSESSED : patient.ecog} / ${patient.kps === 'unknown' ? NOT_ASSESSED : patient.kps}`, source: 'reader' },
    { label: 'Can tolerate surgery', value: patient.canTolerateSurgery === 'unknown' ? NOT_ASSESSED : patient.canTolerateSurgery, source: 'reader' },
    {
      label: 'Emergency signs',
      value: `rapid weakness progression ${yesNo(e.rapidWeaknessProgression)}; new inability to walk ${yesNo(e.newInabilityToWalk)}; new bladder dysfunction ${yesNo(e.newBladderDysfunction)}; bilateral symptoms ${yesNo(e.bilateralSymptoms)}; complete paralysis ${e.completeParalysisHours === null ? 'none recorded' : `${e.completeParalysisHours} h`}`,
      source: 'reader',
    },
  ];
}

const EMERGENCY_FLAGS = EMERGENCY_FLAG_CODES;

export const REPORT_TITLE = 'Spinal metastases: structured imaging report (draft)';
export const reportTitle = (state: SignoffReport['state']): string => `Spinal metastases: structured imaging report (${state})`;

/** The sign-off as the outputs print it. A de-identified copy names no signer's time (its dates are removed). */
export function signoffReport(doc: AnnotationDocument, deidentified = false): SignoffReport {
  const { signoff } = doc;
  const when = (s: Signature): string => (deidentified ? 'time removed' : formatInstantUtc(s.signedAt));
  const by = (s: Signature): string => signedByText(s.signer, s.organization, when(s));
  const sentence = (text: string): string => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);
  const last = signoff.signatures.at(-1) ?? null;
  if (signoff.state === 'draft' || last === null) {
    return { state: 'draft', label: SIGNOFF_LABELS.draft, lines: ['Draft: not signed by the reader.'], verifier: null, predecessor: null };
  }
  if (signoff.amendment !== null) {
    return {
      state: 'draft',
      label: SIGNOFF_LABELS.draft,
      lines: [`Draft addendum, not signed. Reason: ${sentence(signoff.amendment.reason)}`, `The version signed by ${by(last)} stands until the addendum is signed.`],
      verifier: null,
      predecessor: null,
    };
  }
  const earlier = signoff.signatures.slice(0, -1);
  const lines = signoff.state === 'final'
    ? [`Final: signed by ${by(last)}.`]
    : [
      `Amended: addendum signed by ${by(last)}. Reason: ${sentence(last.reason)}`,
      ...earlier.map((s) => (s.kind === 'final' ? `Originally signed by ${by(s)}.` : `Earlier addendum signed by ${by(s)}. Reason: ${sentence(s.reason)}`)),
    ];
  return { state: signoff.state, label: SIGNOFF_LABELS[signoff.state], lines, verifier: last, predecessor: earlier.at(-1) ?? null };
}

export function buildReport(input: ReportInput): ReportModel {
  const { document: doc, study, reading } = input;
  const counts = countsOf(doc);
  const patientFlags = reading.patient.flags.map((code) => ({ code, label: flagLabel(code) }));
  const header = {
    patientName: formatPersonName(study.patientName),
    patientId: study.patientId,
    birthDate: formatDicomDate(study.patientBirthDate),
    sex: formatPatientSex(study.patientSex),
    studyDate: formatDicomDate(study.studyDate),
    studyTime: formatDicomTime(study.studyTime),
    studyDescription: study.studyDescription,
    accessionNumber: study.accessionNumber,
    institution: study.institutionName,
    modalities: study.modalities.join(', '),
    referringPhysician: formatPersonName(study.referringPhysician),
    referringQuestion: doc.patient.referringQuestion,
    reader: doc.reader.name,
    // A de-identified copy carries a dummy timestamp: print nothing rather than a false date.
    readAt: input.deidentified === true ? '' : formatInstantUtc(doc.updatedAt),
    studyInstanceUID: study.studyInstanceUID,
  };
  const usedSeries = new Set<string>();
  const refs = [...doc.labels.map((l) => l.sourceInstance), ...doc.measurements.map((m) => m.sourceInstance), ...(input.keyImages ?? []).map((k) => ({ sopInstanceUID: k.sopInstanceUID, frame: k.frame }))];
  for (const ref of refs) {
    const found = findInstance(study, ref.sopInstanceUID, ref.frame);
    if (found !== null) usedSeries.add(found.series.uid);
  }
  const seriesText = (uid: string): string => {
    const s = study.series.find((x) => x.uid === uid);
    return s === undefined ? 'series not in this study' : `${s.description.toUpperCase().startsWith(s.modality.toUpperCase()) ? s.description : `${s.modality} ${s.description || 'series'}`}${s.number !== undefined ? ` (series ${s.number})` : ''}, ${s.orientation}, ${s.instances.length} images`;
  };
  const technique = study.series.map((s) => `${seriesText(s.uid)}${usedSeries.has(s.uid) ? ' — used for annotation or key images' : ''}`);
  // Joined by id: the document given may be the de-identified copy of the one the reading was derived from.
  const recordOf = (id: string, fallback: Lesion): Lesion => doc.lesions.find((l) => l.id === id) ?? fallback;
  const lesions = scoredLesions(reading).map((derived) => lesionReport(doc, recordOf(derived.id, derived.lesion), derived));
  const incomplete = unscoredLesions(reading).map((l) => ({ id: l.id, number: l.index + 1, levelsText: levelsText(l.lesion.levels, counts), text: notScoredText(l.message) }));
  const conventions = [
    'SINS per Fisher 2010; unknown components give a range [min, max] and a band only when the range lies in one band',
    'ESCC per Bilsky 2010 (1c reported as low grade, flagged indeterminate)',
    'NOMS per Laufer 2013; with unknown inputs every pathway they allow is listed with its condition',
    'Vertebral levels: T1 = first rib-bearing vertebra; L1 = first below the lowest rib-bearing one',
    `Height loss: ${HEIGHT_LOSS_METHOD}`,
  ];
  const signoff = signoffReport(doc, input.deidentified === true);
  const source = doc.report.impressionSource;
  // While the reader has not taken it up, the report shows the proposal, labelled as one (never as the reader's words).
  const impression = source === 'proposed' ? proposeImpression(reading, progressionOf(input.comparison)) : doc.report.impression.trim() === '' ? NO_IMPRESSION : doc.report.impression;
  return {
    title: reportTitle(signoff.state),
    signoff,
    deidentified: input.deidentified === true,
    header,
    identification: [header.patientName || 'Name not recorded', `ID ${header.patientId || '—'}`, header.birthDate ? `born ${header.birthDate}` : '', `study ${header.studyDate || (input.deidentified === true ? 'date removed' : 'date not recorded')}`]
      .filter((s) => s !== '')
      .join(' · '),
    technique,
    counting: {
      method: COUNTING_TEXT[doc.spine.countingMethod],
      variants: isTransitionalAnatomy(counts) ? describeVariants(counts) : [`standard count: ${counts.thoracicCount} thoracic, ${counts.lumbarCount} lumbar vertebrae`],
      castellvi: doc.spine.variants.castellvi === null ? null : `Castellvi type ${doc.spine.variants.castellvi}`,
    },
    emergency: patientFlags.filter((f) => EMERGENCY_FLAGS.has(f.code)).map((f) => f.label),
    patientFlags: patientFlags.filter((f) => !EMERGENCY_FLAGS.has(f.code)),
    patientContext: patientContext(doc.patient, reading),
    lesions,
    incomplete,
    prognosis: prognosisReports(doc.patient, reading),
    measurements: doc.measurements.map(measurementReport),
    comparison: input.comparison === undefined ? null : comparisonSection(input.comparison, doc.reader.name, input.deidentified === true),
    keyImages: (input.keyImages ?? []).map((k) => ({ ...k, seriesText: seriesText(k.seriesInstanceUID) })),
    impression,
    impressionSource: source,
    impressionNote: IMPRESSION_SOURCE_WORDING[source],
    freeText: doc.report.freeText,
    footer: {
      rulesVersion: reading.rulesVersion,
      appVersion: doc.appVersion,
      conventions,
      notes: caveatTexts([...(input.notes ?? []), ...reading.notes]),
      statement: CLINICAL_REVIEW_STATEMENT,
    },
  };
}
