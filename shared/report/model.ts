/**
 * The structured report model: built from the annotation document, the study's identification and the scoring
 * core's output by one pure function. Every value says where it came from (measured on the images, entered by the
 * reader, or derived by a rule), and unknowns stay unknown (ranges, "not assessed"): the renderers only format.
 */
import type { AnnotationDocument, Lesion, Measurement, Patient } from '../annotation/schema';
import { assessHeights } from '../annotation/heights';
import { measuredCollapsePercent } from '../annotation/project-to-scoring';
import {
  BAUER_BANDS, BAUER_ITEMS, HISTOLOGIES, LESION_FLAGS, PATIENT_FLAGS, SINS_ALIGNMENT, SINS_BONE_LESION, SINS_COLLAPSE,
  SINS_LOCATION, SINS_PAIN, SINS_POSTEROLATERAL, SINS_SURGICAL_CONSULTATION, TOKUHASHI_BANDS, TOKUHASHI_PRIMARY,
  TOKUHASHI_VISCERAL, TOMITA_BANDS, TOMITA_BONE, TOMITA_PRIMARY_GROWTH, TOMITA_VISCERAL, radiosensitivityOf, sinsLocationDetail,
} from '../scoring/index';
import type { LesionOutput, ScoringOutput, SinsBand } from '../scoring/index';
import { describeVariants, isTransitionalAnatomy } from '../spine/variants';
import type { SpineCounts } from '../spine/levels';
import { cobbAngle, segmentalKyphosis, angleBetweenSegments, distance, vec3, HEIGHT_LOSS_METHOD } from '../geometry/index';
import type { Vec3 } from '../geometry/index';
import type { StudyInfo } from './study-info';
import { findInstance } from './study-info';
import { formatDicomDate, formatDicomTime, formatInstantUtc, formatPatientSex } from './dates';
import {
  CLINICAL_REVIEW_STATEMENT, NOT_ASSESSED, PAIN_WORDING, alternativeText, esccDescription, esccWording, findingSentence,
  levelsText, pathwayText, sinsBandText, sinsTotalText, yesNo,
} from './wording';

export type Provenance = 'measured' | 'reader' | 'derived';

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
  readonly noms: { readonly inputs: readonly Tagged[]; readonly pathway: string | null; readonly alternatives: readonly string[] };
  readonly flags: ReadonlyArray<{ readonly code: string; readonly label: string }>;
  readonly details: readonly Tagged[];
  readonly note: string;
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

export interface ReportModel {
  readonly title: string;
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
  readonly prognosis: readonly PrognosisReport[];
  readonly measurements: readonly MeasurementReport[];
  readonly keyImages: readonly KeyImageReport[];
  readonly impression: string;
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
  readonly scores: ScoringOutput;
  /** Notes from loading/projecting the document (e.g. "unknown is scored as false"). */
  readonly notes?: ReadonlyArray<{ readonly path: string; readonly message: string }>;
  /** Key images to report: the document's own, or proposed ones when the reader chose none. */
  readonly keyImages?: ReadonlyArray<{ readonly id: string; readonly seriesInstanceUID: string; readonly sopInstanceUID: string; readonly frame: number; readonly caption: string; readonly chosenBy: 'reader' | 'proposed' }>;
  readonly deidentified?: boolean;
}

const countsOf = (doc: AnnotationDocument): SpineCounts => ({ thoracicCount: doc.spine.variants.thoracicCount, lumbarCount: doc.spine.variants.lumbarCount });

const labelOf = <V extends string>(rows: ReadonlyArray<{ value: V; label: string }>, value: string): string =>
  rows.find((r) => r.value === value)?.label ?? (value === 'unknown' ? NOT_ASSESSED : value);

function span(rows: ReadonlyArray<{ points: number }>): string {
  const points = rows.map((r) => r.points);
  return `unknown (${Math.min(...points)}–${Math.max(...points)})`;
}

const round1 = (n: number): string => (Math.round(n * 10) / 10).toFixed(1);

export { formatDicomDate } from './dates';

/** PN "FAMILY^GIVEN" as "FAMILY, GIVEN". */
export function formatPersonName(pn: string): string {
  const [family = '', given = ''] = pn.split('^');
  return given !== '' ? `${family}, ${given}` : family;
}

function sinsRows(lesion: Lesion, out: LesionOutput, doc: AnnotationDocument): SinsRow[] {
  const c = out.sins.components;
  const detail = sinsLocationDetail(lesion.levels, countsOf(doc));
  const pts = (points: number | null, rows: ReadonlyArray<{ points: number }>): string => (points === null ? span(rows) : `${points}`);
  const measured = measuredCollapsePercent(doc, lesion);
  const collapseSource: Provenance = lesion.collapse.source === 'measurement-confirmed' ? 'measured' : 'reader';
  const collapseExtra = measured === null ? '' : lesion.collapse.source === 'measurement-overridden'
    ? ` (measured ${round1(measured)}% height loss; reader's category kept)`
    : ` (measured ${round1(measured)}% height loss)`;
  const alignmentSource: Provenance = lesion.alignment.source === 'measurement-confirmed' ? 'measured' : 'reader';
  return [
    {
      component: 'Location',
      answer: detail.region === null ? `${levelsText(lesion.levels, countsOf(doc))}: not scored (outside SINS or unassigned)` : `${levelsText(lesion.levels, countsOf(doc))}: ${labelOf(SINS_LOCATION, detail.region)}`,
      points: c.location,
      pointsText: pts(c.location, SINS_LOCATION),
      source: 'derived',
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

function surgicalText(value: boolean | null): string {
  if (value === true) return SINS_SURGICAL_CONSULTATION.label;
  if (value === false) return 'SINS < 7: no surgical consultation triggered by SINS';
  return `the range crosses ${SINS_SURGICAL_CONSULTATION.threshold}: surgical consultation possibly indicated`;
}

const NEUROLOGIC_TEXT = { low: 'low grade', high: 'high grade', unknown: NOT_ASSESSED } as const;
const ONCOLOGIC_TEXT = { sensitive: 'radiosensitive', resistant: 'radioresistant', unknown: NOT_ASSESSED } as const;
const SYSTEMIC_TEXT = { yes: 'can tolerate surgery', no: 'cannot tolerate surgery', unknown: NOT_ASSESSED } as const;
const MECHANICAL_TEXT = { stable: 'stable', indeterminate: 'indeterminate (7–12)', unstable: 'unstable', unknown: 'undetermined (SINS range spans bands)' } as const;

function lesionReport(doc: AnnotationDocument, lesion: Lesion, out: LesionOutput): LesionReport {
  const counts = countsOf(doc);
  const radio = radiosensitivityOf(doc.patient.histology, doc.patient.radiosensitivityOverride);
  const judgement = lesion.instabilityJudgement === 'unknown' ? 'not given' : lesion.instabilityJudgement;
  const mechanicalValue = out.noms.mechanical === 'indeterminate' ? `${MECHANICAL_TEXT.indeterminate}; reader's judgement: ${judgement}` : MECHANICAL_TEXT[out.noms.mechanical];
  const inputs: Tagged[] = [
    { label: 'Neurologic', value: NEUROLOGIC_TEXT[out.noms.neurologic], source: 'derived' },
    { label: 'Oncologic', value: `${ONCOLOGIC_TEXT[out.noms.oncologic]} (${labelOf(HISTOLOGIES, doc.patient.histology)}; ${radio.source === 'reader' ? 'reader override' : 'histology table'})`, source: radio.source === 'reader' ? 'reader' : 'derived' },
    { label: 'Mechanical', value: mechanicalValue, source: 'derived' },
    { label: 'Systemic', value: SYSTEMIC_TEXT[out.noms.systemic], source: 'reader' },
  ];
  const details: Tagged[] = [
    { label: 'Pain', value: PAIN_WORDING[lesion.pain], source: 'reader' },
    { label: 'Cord signal change', value: yesNo(lesion.cordSignalChange), source: 'reader' },
    { label: 'Below the conus (cauda equina)', value: yesNo(lesion.caudaEquina), source: 'reader' },
  ];
  return {
    id: lesion.id,
    levels: lesion.levels,
    levelsText: levelsText(lesion.levels, counts),
    finding: findingSentence(lesion, out.escc, counts),
    sins: {
      rows: sinsRows(lesion, out, doc),
      total: out.sins.total,
      range: out.sins.range,
      totalText: sinsTotalText(out.sins.total, out.sins.range),
      band: out.sins.band,
      bandText: sinsBandText(out.sins.band, out.sins.range),
      surgicalConsultation: surgicalText(out.sins.surgicalConsultation),
    },
    escc: { grade: out.escc.grade, text: esccWording(out.escc, lesion.caudaEquina), description: esccDescription(out.escc.grade), source: 'reader' },
    noms: {
      inputs,
      pathway: out.noms.pathway === null ? null : pathwayText(out.noms.pathway),
      alternatives: out.noms.alternatives.map(alternativeText),
    },
    flags: out.flags.map((code) => ({ code, label: LESION_FLAGS.find((f) => f.code === code)?.label ?? code })),
    details,
    note: lesion.note,
  };
}

function prognosisReports(patient: Patient, scores: ScoringOutput): PrognosisReport[] {
  const p = patient.prognosis;
  const r = (label: string, value: string | number | boolean): Tagged => ({ label, value: typeof value === 'boolean' ? yesNo(value) : value === 'unknown' ? NOT_ASSESSED : String(value), source: 'reader' });
  const scoreText = (total: number | undefined, bands: ReadonlyArray<{ band: string; label: string }>, band: string | undefined): string =>
    total === undefined ? 'not computed: inputs missing' : `${total} (${bands.find((b) => b.band === band)?.label ?? band ?? ''})`;
  const t = scores.patient.tokuhashi;
  const tm = scores.patient.tomita;
  const b = scores.patient.modifiedBauer;
  return [
    {
      name: 'Revised Tokuhashi',
      total: t?.total ?? null,
      text: scoreText(t?.total, TOKUHASHI_BANDS, t?.band),
      inputs: [
        r('KPS', patient.kps),
        r('Extraspinal bone metastases', p.extraspinalBoneMetastases),
        r('Vertebral-body metastases', p.vertebralMetastases),
        { label: 'Major internal-organ metastases', value: labelOf(TOKUHASHI_VISCERAL, p.visceralMetastases), source: 'reader' },
        { label: 'Primary site', value: labelOf(TOKUHASHI_PRIMARY, p.tokuhashiPrimary), source: 'reader' },
        r('Frankel grade', patient.frankel),
      ],
    },
    {
      name: 'Tomita',
      total: tm?.total ?? null,
      text: scoreText(tm?.total, TOMITA_BANDS, tm?.band),
      inputs: [
        { label: 'Primary tumour growth', value: labelOf(TOMITA_PRIMARY_GROWTH, p.tomitaPrimaryGrowth), source: 'reader' },
        { label: 'Visceral metastases', value: labelOf(TOMITA_VISCERAL, p.tomitaVisceral), source: 'reader' },
        { label: 'Bone metastases', value: labelOf(TOMITA_BONE, p.boneMetastases), source: 'reader' },
      ],
    },
    {
      name: 'Modified Bauer',
      total: b?.total ?? null,
      text: scoreText(b?.total, BAUER_BANDS, b?.band),
      inputs: BAUER_ITEMS.map((item) => ({ label: item.label, value: yesNo(p.bauer[item.input] === 'unknown' ? 'unknown' : p.bauer[item.input] === item.pointWhen), source: 'reader' as const })),
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

function patientContext(patient: Patient): Tagged[] {
  const radio = radiosensitivityOf(patient.histology, patient.radiosensitivityOverride);
  const e = patient.emergency;
  return [
    { label: 'Histology', value: labelOf(HISTOLOGIES, patient.histology), source: 'reader' },
    { label: 'Radiosensitivity', value: `${radio.value ?? NOT_ASSESSED} (${radio.source === 'reader' ? 'reader override' : 'histology table'})`, source: radio.source === 'reader' ? 'reader' : 'derived' },
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

const EMERGENCY_FLAGS = new Set(['mscc_emergency', 'paralysis_over_48h']);

export const REPORT_TITLE = 'Spinal metastases: structured imaging report (draft)';

export function buildReport(input: ReportInput): ReportModel {
  const { document: doc, study, scores } = input;
  const counts = countsOf(doc);
  const patientFlags = scores.patient.flags.map((code) => ({ code, label: PATIENT_FLAGS.find((f) => f.code === code)?.label ?? code }));
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
  const lesions = doc.lesions.map((lesion, i) => {
    const out = scores.lesions[i] ?? scores.lesions.find((l) => l.id === lesion.id);
    if (out === undefined) throw new Error(`no scores for lesion ${lesion.id}`);
    return lesionReport(doc, lesion, out);
  });
  const conventions = [
    'SINS per Fisher 2010; unknown components give a range [min, max] and a band only when the range lies in one band',
    'ESCC per Bilsky 2010 (1c reported as low grade, flagged indeterminate)',
    'NOMS per Laufer 2013; with unknown inputs every pathway they allow is listed with its condition',
    'Vertebral levels: T1 = first rib-bearing vertebra; L1 = first below the lowest rib-bearing one',
    `Height loss: ${HEIGHT_LOSS_METHOD}`,
  ];
  return {
    title: REPORT_TITLE,
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
    patientContext: patientContext(doc.patient),
    lesions,
    prognosis: prognosisReports(doc.patient, scores),
    measurements: doc.measurements.map(measurementReport),
    keyImages: (input.keyImages ?? []).map((k) => ({ ...k, seriesText: seriesText(k.seriesInstanceUID) })),
    impression: doc.report.impression,
    freeText: doc.report.freeText,
    footer: {
      rulesVersion: scores.rulesVersion,
      appVersion: doc.appVersion,
      conventions,
      notes: (input.notes ?? []).map((n) => `${n.path}: ${n.message}`),
      statement: CLINICAL_REVIEW_STATEMENT,
    },
  };
}
