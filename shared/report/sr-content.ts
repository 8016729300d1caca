/**
 * The report's findings as an SR content tree. Concepts come from DCM, LOINC and RadElement where a code was
 * verified in a source; everything else uses the local scheme 99SPINEMET (declared in the SR's Coding Scheme
 * Identification Sequence, so a receiver knows it is private).
 *
 * Where each code comes from (checked for this build; nothing here is guessed):
 *
 * | concept                                   | code                | scheme     | source |
 * |-------------------------------------------|---------------------|------------|--------|
 * | coding scheme "RadElement"                | —                   | RADELEMENT | DICOM PS3.6 Annex A / PS3.16 Table 8-1: UID 1.2.840.10008.2.16.15, designator RADELEMENT (pydicom 2.3 _uid_dict, dicom3tools' scheme list) |
 * | SINS, one container per lesion            | RDES21              | RADELEMENT | RadElement set RDES21 "Spine Instability Neoplastic Score (SINS)", as indexed in hoodcm/oifm-definitions findingmodels/text/spine_instability_neuroplastic_score__sins_.md ("Codes: RADELEMENT RDES21") |
 * | ESCC, one container per lesion            | RDES288             | RADELEMENT | RadElement set RDES288 "Epidural Spinal Cord Compression Scale (ESCC)", same source, epidural_spinal_cord_compression_scale__escc_.md ("Codes: RADELEMENT RDES288") |
 * | set code as the container's concept name  | —                   | —          | the ACR DSI DICOM SR example (ACRCode/dsi-standards-examples SimpleCDE/RadElementDICOMSR-PTX-Example.txt) names the CONTAINER with the set code |
 * | SINS components, their answers, points, total, min/max, band; ESCC grade values | SINS-*, ESCC-* | 99SPINEMET | LOCAL: the element (RDE…) and value codes of RDES21/RDES288 were not stated in any source reachable here; an invented RDE code would be worse than an honest local one. Map them when verified against radelement.org. |
 * | lesion, levels, NOMS, flags, measurements, labels, prognosis, rules version | see SR_CODES | 99SPINEMET | LOCAL: no standard code known to us |
 */
import type { AnnotationDocument } from '../annotation/schema';
import type { Code, EvidenceRef, SrItem } from '../dicom/sr/index';
import { UCUM } from '../dicom/sr/index';
import { utf8Encode } from '../dicom/write/text';
import { assessHeights } from '../annotation/heights';
import type { ReportModel } from './model';
import type { StudyInfo } from './study-info';
import { findInstance } from './study-info';
import { lesionPoint, projectToPixel } from './key-images';
import { readingRecordItem } from './reading-record';

export const LOCAL_SCHEME = { designator: '99SPINEMET', name: 'spine-met-annotator local codes (RadElement element codes not yet verified)' } as const;
/** RadElement as DICOM registers it (PS3.16 Table 8-1). */
export const RADELEMENT_SCHEME = { designator: 'RADELEMENT', name: 'RadElement', uid: '1.2.840.10008.2.16.15' } as const;
/** The schemes the SR declares in its Coding Scheme Identification Sequence. */
export const SR_SCHEMES = [RADELEMENT_SCHEME, LOCAL_SCHEME] as const;

const local = (value: string, meaning: string): Code => ({ value, scheme: LOCAL_SCHEME.designator, meaning });
const radElement = (value: string, meaning: string): Code => ({ value, scheme: RADELEMENT_SCHEME.designator, meaning });

/** The RadElement set codes we could verify (see the table above). */
export const RADELEMENT_CODES = {
  sins: radElement('RDES21', 'Spine Instability Neoplastic Score (SINS)'),
  escc: radElement('RDES288', 'Epidural Spinal Cord Compression Scale (ESCC)'),
} as const satisfies Record<string, Code>;

export const SR_CODES = {
  observerType: { value: '121005', scheme: 'DCM', meaning: 'Observer Type' },
  person: { value: '121006', scheme: 'DCM', meaning: 'Person' },
  personObserverName: { value: '121008', scheme: 'DCM', meaning: 'Person Observer Name' },
  findings: { value: '121070', scheme: 'DCM', meaning: 'Findings' },
  finding: { value: '121071', scheme: 'DCM', meaning: 'Finding' },
  impressions: { value: '121072', scheme: 'DCM', meaning: 'Impressions' },
  impression: { value: '121073', scheme: 'DCM', meaning: 'Impression' },
  comment: { value: '121106', scheme: 'DCM', meaning: 'Comment' },
  lesion: local('LESION', 'Spinal metastatic lesion'),
  levels: local('LEVELS', 'Vertebral levels'),
  lesionLocation: local('LESION-POINT', 'Lesion location'),
  sinsTotal: local('SINS-TOTAL', 'SINS total'),
  sinsMin: local('SINS-MIN', 'SINS minimum possible'),
  sinsMax: local('SINS-MAX', 'SINS maximum possible'),
  sinsBand: local('SINS-BAND', 'SINS category'),
  sinsPoints: local('SINS-POINTS', 'SINS component points'),
  escc: local('ESCC', 'Epidural spinal cord compression grade'),
  nomsPathway: local('NOMS-PATHWAY', 'NOMS treatment pathway'),
  nomsAlternative: local('NOMS-ALTERNATIVE', 'NOMS pathway alternative'),
  flag: local('FLAG', 'Report flag'),
  measurements: local('MEASUREMENTS', 'Measurements'),
  heightLoss: local('HEIGHT-LOSS', 'Vertebral body height loss'),
  bodyHeight: local('BODY-HEIGHT', 'Vertebral body height'),
  labels: local('LEVEL-LABELS', 'Vertebral level labels'),
  prognosis: local('PROGNOSIS', 'Prognosis scores'),
  rulesVersion: local('RULES-VERSION', 'Scoring rules version'),
  // DCM codes verified in pydicom 2.3's concept dictionary (sr/_concepts_dict.py).
  comparison: { value: '111424', scheme: 'DCM', meaning: 'Comparison to previous findings' },
  studyInstanceUID: { value: '110180', scheme: 'DCM', meaning: 'Study Instance UID' },
  secondOpinion: local('SECOND-OPINION', 'Second opinion on the same study'),
  status: local('REPORT-STATUS', 'Report status'),
} as const satisfies Record<string, Code>;

const SINS_COMPONENT_CODES: Record<string, Code> = {
  Location: local('SINS-LOCATION', 'SINS location'),
  Pain: local('SINS-PAIN', 'SINS pain'),
  'Bone lesion': local('SINS-BONE', 'SINS bone lesion quality'),
  Alignment: local('SINS-ALIGN', 'SINS radiographic spinal alignment'),
  'Vertebral body collapse': local('SINS-COLLAPSE', 'SINS vertebral body collapse'),
  'Posterolateral involvement': local('SINS-POSTLAT', 'SINS posterolateral involvement of spinal elements'),
};

/** LO allows 64 characters: long meanings are cut (the full wording is in the TEXT items and the PDF). */
// LO counts bytes: a dash or an accent takes two or three in UTF-8, so the cut is by bytes, never inside a character.
const utf8Length = (text: string): number => utf8Encode(text).length;
function meaning(text: string): string {
  if (utf8Length(text) <= 64) return text;
  let cut = [...text].slice(0, 61);
  while (utf8Length(cut.join('')) > 61) cut = cut.slice(0, -1);
  return `${cut.join('')}...`;
}
const valueCode = (concept: Code, key: string, text: string): Code => local(`${concept.value}-${key}`.toUpperCase().replace(/[^A-Z0-9-]/g, '-').slice(0, 16), meaning(text));

type Unrelated<T> = T extends unknown ? Omit<T, 'relationship'> : never;
const contains = (item: Unrelated<SrItem>): SrItem => ({ ...item, relationship: 'CONTAINS' }) as SrItem;

/** The reader's free-form name in PN form (family^given): "Dr Ann Smith" → "Smith^Dr Ann"; PN without carets is a retired form. */
export function readerPersonName(name: string): string {
  // A backslash separates values in DICOM: inside a name it would make two (and the writer refuses it).
  const trimmed = name.replace(/\\/g, '/').trim();
  if (trimmed === '') return 'Unknown^Reader';
  if (trimmed.includes('^')) return trimmed;
  const words = trimmed.split(/\s+/);
  const family = words.pop() ?? trimmed;
  return words.length > 0 ? `${family}^${words.join(' ')}` : family;
}

export interface SrContent {
  readonly items: SrItem[];
  readonly evidence: EvidenceRef[];
}

/** A point on the instance where it was placed, as SCOORD + SELECTED FROM IMAGE; null without geometry or SOP class. */
function pointItem(study: StudyInfo, sop: { sopInstanceUID: string; frame: number }, point: readonly [number, number, number], concept: Code, evidence: Map<string, EvidenceRef>): SrItem | null {
  const found = findInstance(study, sop.sopInstanceUID, sop.frame);
  if (found === null || found.instance.sopClassUID === undefined) return null;
  const px = projectToPixel(found.series, found.instance, point);
  if (px === null) return null;
  evidence.set(found.instance.sopInstanceUID, { seriesInstanceUID: found.series.uid, sopClassUID: found.instance.sopClassUID, sopInstanceUID: found.instance.sopInstanceUID });
  return {
    relationship: 'CONTAINS',
    type: 'SCOORD',
    concept,
    graphicType: 'POINT',
    // Pixel-edge origin: the centre of the first pixel is (0.5, 0.5).
    data: [px.column + 0.5, px.row + 0.5],
    children: [{ relationship: 'SELECTED FROM', type: 'IMAGE', concept: local('SOURCE-IMAGE', 'Source image'), sopClassUID: found.instance.sopClassUID, sopInstanceUID: found.instance.sopInstanceUID }],
  };
}

/** The comparison section as a container: the prior study by its UID and date, the changes, one line per row. */
function comparisonItem(model: ReportModel): SrItem | null {
  const c = model.comparison;
  if (c === null) return null;
  const children: SrItem[] = [];
  if (c.priorStudy !== null) {
    children.push({ relationship: 'HAS OBS CONTEXT', type: 'UIDREF', concept: SR_CODES.studyInstanceUID, uid: c.priorStudy.studyInstanceUID });
  }
  children.push(contains({ type: 'TEXT', concept: SR_CODES.comment, text: c.against }));
  for (const change of c.changes) children.push(contains({ type: 'TEXT', concept: SR_CODES.finding, text: change }));
  for (const r of c.rows) {
    const cells = r.cells.map((x) => `${x.label} ${x.before}${x.differs ? ` → ${x.after}` : ''}`).join('; ');
    children.push(contains({ type: 'TEXT', concept: SR_CODES.levels, text: `${r.levels} (${r.status}; ${c.columns[0]} → ${c.columns[1]}): ${cells}` }));
  }
  return contains({ type: 'CONTAINER', concept: c.kind === 'follow-up' ? SR_CODES.comparison : SR_CODES.secondOpinion, children });
}

export function buildSrContent(model: ReportModel, doc: AnnotationDocument, study: StudyInfo): SrContent {
  const evidence = new Map<string, EvidenceRef>();
  const items: SrItem[] = [
    { relationship: 'HAS OBS CONTEXT', type: 'CODE', concept: SR_CODES.observerType, code: SR_CODES.person },
    { relationship: 'HAS OBS CONTEXT', type: 'PNAME', concept: SR_CODES.personObserverName, name: readerPersonName(doc.reader.name) },
  ];
  for (const banner of model.emergency) items.push(contains({ type: 'TEXT', concept: SR_CODES.flag, text: `EMERGENCY: ${banner}` }));

  // Lesions by id: the model's lesion and the document's record are the same lesion, whatever their positions.
  const lesionItems: SrItem[] = model.lesions.map((l) => {
    const lesion = doc.lesions.find((x) => x.id === l.id);
    const children: SrItem[] = [
      contains({ type: 'TEXT', concept: SR_CODES.levels, text: l.levelsText }),
      contains({ type: 'TEXT', concept: SR_CODES.finding, text: l.finding }),
    ];
    const sins: SrItem[] = [];
    for (const row of l.sins.rows) {
      const concept = SINS_COMPONENT_CODES[row.component] ?? local('SINS-COMPONENT', row.component);
      const answer = row.points === null ? local('UNKNOWN', 'Unknown') : valueCode(concept, row.answer.split(/[ (:]/)[0] ?? 'X', row.answer);
      sins.push(contains({
        type: 'CODE',
        concept,
        code: answer,
        ...(row.points !== null ? { children: [{ relationship: 'HAS PROPERTIES', type: 'NUM', concept: SR_CODES.sinsPoints, value: row.points, unit: UCUM.score }] } : {}),
      }));
    }
    if (l.sins.total !== null) sins.push(contains({ type: 'NUM', concept: SR_CODES.sinsTotal, value: l.sins.total, unit: UCUM.score }));
    else {
      sins.push(contains({ type: 'NUM', concept: SR_CODES.sinsMin, value: l.sins.range[0], unit: UCUM.score }));
      sins.push(contains({ type: 'NUM', concept: SR_CODES.sinsMax, value: l.sins.range[1], unit: UCUM.score }));
    }
    sins.push(contains({ type: 'CODE', concept: SR_CODES.sinsBand, code: l.sins.band === null ? local('UNDETERMINED', 'Undetermined') : valueCode(SR_CODES.sinsBand, l.sins.band, l.sins.bandText) }));
    children.push(contains({ type: 'CONTAINER', concept: RADELEMENT_CODES.sins, children: sins }));
    const esccGrade = contains({ type: 'CODE', concept: SR_CODES.escc, code: l.escc.grade === 'unknown' ? local('UNKNOWN', 'Unknown') : local(`ESCC-${l.escc.grade}`, meaning(`ESCC grade ${l.escc.grade}: ${l.escc.description}`)) });
    children.push(contains({ type: 'CONTAINER', concept: RADELEMENT_CODES.escc, children: [esccGrade] }));
    for (const input of l.noms.inputs) children.push(contains({ type: 'TEXT', concept: local(`NOMS-${input.label.slice(0, 1)}`, `NOMS ${input.label.toLowerCase()}`), text: input.value }));
    if (l.noms.pathwayCode !== null) children.push(contains({ type: 'CODE', concept: SR_CODES.nomsPathway, code: local(`PATH-${l.noms.pathwayCode}`.toUpperCase().replace(/[^A-Z0-9-]/g, '-').slice(0, 16), meaning(l.noms.pathway ?? l.noms.pathwayCode)) }));
    for (const alt of l.noms.alternatives) children.push(contains({ type: 'TEXT', concept: SR_CODES.nomsAlternative, text: alt }));
    for (const f of l.flags) children.push(contains({ type: 'CODE', concept: SR_CODES.flag, code: local(f.code.toUpperCase().replace(/_/g, '-').slice(0, 16), meaning(f.label)) }));
    const point = lesion === undefined ? null : lesionPoint(doc, lesion.levels);
    const label = lesion === undefined ? undefined : doc.labels.find((x) => x.point === point);
    if (point !== null && label !== undefined) {
      const p = pointItem(study, label.sourceInstance, point, SR_CODES.lesionLocation, evidence);
      if (p !== null) children.push(p);
    }
    return contains({ type: 'CONTAINER', concept: SR_CODES.lesion, children });
  });
  // A draft's lesions without scores yet are named, so the SR is not read as complete.
  for (const l of model.incomplete) lesionItems.push(contains({ type: 'TEXT', concept: SR_CODES.lesion, text: `Lesion ${l.number} (${l.levelsText}): ${l.text}` }));
  items.push(contains({ type: 'CONTAINER', concept: SR_CODES.findings, children: lesionItems }));

  const measurementItems: SrItem[] = [];
  for (const m of doc.measurements) {
    if (m.kind !== 'vertebral-heights') continue;
    const r = assessHeights(m);
    if (!r.computable) continue;
    const h = r.input.index;
    measurementItems.push(contains({
      type: 'NUM',
      concept: SR_CODES.heightLoss,
      value: r.worst.lossPercent,
      unit: UCUM.percent,
      children: [
        { relationship: 'HAS PROPERTIES', type: 'TEXT', concept: local('LEVEL', 'Vertebral level'), text: m.index.level },
        { relationship: 'INFERRED FROM', type: 'NUM', concept: local('HEIGHT-ANT', 'Anterior vertebral body height'), value: h.anterior, unit: UCUM.mm },
        { relationship: 'INFERRED FROM', type: 'NUM', concept: local('HEIGHT-MID', 'Middle vertebral body height'), value: h.middle, unit: UCUM.mm },
        { relationship: 'INFERRED FROM', type: 'NUM', concept: local('HEIGHT-POST', 'Posterior vertebral body height'), value: h.posterior, unit: UCUM.mm },
      ],
    }));
  }
  for (const m of model.measurements) if (m.kind !== 'vertebral-heights') measurementItems.push(contains({ type: 'TEXT', concept: local(`MEAS-${m.kind.toUpperCase()}`.slice(0, 16), `Measurement (${m.kind})`), text: `${m.text}. Method: ${m.method}` }));
  if (measurementItems.length > 0) items.push(contains({ type: 'CONTAINER', concept: SR_CODES.measurements, children: measurementItems }));

  const labelItems = doc.labels.map((l) => pointItem(study, l.sourceInstance, l.point, local(`LEVEL-${l.label}`, `${l.label} vertebral body centre`), evidence)).filter((x): x is SrItem => x !== null);
  if (labelItems.length > 0) items.push(contains({ type: 'CONTAINER', concept: SR_CODES.labels, children: labelItems }));

  const prognosisItems = model.prognosis.filter((p) => p.total !== null).map((p) => contains({
    type: 'NUM',
    concept: local(p.name.toUpperCase().replace(/[^A-Z]/g, '').slice(0, 16), `${p.name} score`),
    value: p.total ?? 0,
    unit: UCUM.score,
    children: [{ relationship: 'HAS PROPERTIES', type: 'TEXT', concept: SR_CODES.comment, text: `${p.text}; inputs: ${p.inputs.map((i) => `${i.label} ${i.value}`).join('; ')}` }],
  }));
  if (prognosisItems.length > 0) items.push(contains({ type: 'CONTAINER', concept: SR_CODES.prognosis, children: prognosisItems }));

  const comparison = comparisonItem(model);
  if (comparison !== null) items.push(comparison);

  items.push(contains({
    type: 'CONTAINER',
    concept: SR_CODES.impressions,
    children: [
      contains({ type: 'TEXT', concept: SR_CODES.impression, text: model.impression }),
      contains({ type: 'TEXT', concept: SR_CODES.comment, text: `Impression ${model.impressionNote}.` }),
    ],
  }));
  // Draft, final or amended in words too (CompletionFlag and VerificationFlag say it to machines).
  items.push(contains({ type: 'TEXT', concept: SR_CODES.status, text: [model.signoff.label, ...model.signoff.lines].join(' ') }));
  items.push(contains({ type: 'TEXT', concept: SR_CODES.rulesVersion, text: model.footer.rulesVersion }));
  items.push(contains({ type: 'TEXT', concept: SR_CODES.comment, text: model.footer.statement }));
  // The reading itself, so the SR can be read back (reading-record.ts); never in a de-identified SR, whose record
  // would name the patient and the original UIDs.
  if (!model.deidentified) items.push(readingRecordItem(doc));
  return { items, evidence: [...evidence.values()] };
}
