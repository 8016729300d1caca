/**
 * The Key Object Selection document (PS3.3 A.35.4, template TID 2010) built from a report's key images: the images
 * a reader chose (or the report proposed) flagged in the source study, in a new series of that study, so a PACS
 * viewer shows them to the surgeon and the next reader. Pure: a dataset for the Part 10 writer. Tags are named in
 * shared/dicom/tags.ts.
 */
import { tagNumber } from '../tags';
import type { TagName } from '../tags';
import type { DataElement, Dataset } from '../write/index';
import { element, sequence } from '../write/index';
import type { Code } from './content';
import { codeItem } from './encode';
import type { NewInstance, SourceStudy } from './documents';

export const KEY_OBJECT_SELECTION_STORAGE = '1.2.840.10008.5.1.4.1.1.88.59';

/** CID 7010 document title: the images are of interest (the selection is the reader's, for everyone). */
export const OF_INTEREST: Code = { value: '113000', scheme: 'DCM', meaning: 'Of Interest' };
/** TID 2010 row 4: the selection's description. */
export const KEY_OBJECT_DESCRIPTION: Code = { value: '113012', scheme: 'DCM', meaning: 'Key Object Description' };

export interface KeyObjectRef {
  readonly seriesInstanceUID: string;
  readonly sopClassUID: string;
  readonly sopInstanceUID: string;
  /** 1-based frame of a multi-frame image; absent for single-frame images. */
  readonly frameNumber?: number;
}

export interface KeyObjectInput {
  readonly study: SourceStudy;
  readonly instance: NewInstance;
  readonly images: readonly KeyObjectRef[];
  /** Key Object Description text (e.g. the images' captions); omitted when empty. */
  readonly description?: string;
  readonly title?: Code;
}

export class KeyObjectError extends Error {
  override name = 'KeyObjectError';
}

const el = (name: TagName, vr: Parameters<typeof element>[1], value: Parameters<typeof element>[2]): DataElement => element(tagNumber(name), vr, value as never);
const seq = (name: TagName, items: readonly Dataset[]): DataElement => sequence(tagNumber(name), items);

const needsUtf8 = (values: readonly string[]): boolean => values.some((v) => /[^\x20-\x7e\n\r\t]/.test(v));

/** Current Requested Procedure Evidence: the study → series → SOP instances the document references. */
function evidence(studyInstanceUID: string, images: readonly KeyObjectRef[]): Dataset[] {
  const bySeries = new Map<string, Map<string, KeyObjectRef>>();
  for (const image of images) {
    const series = bySeries.get(image.seriesInstanceUID) ?? new Map<string, KeyObjectRef>();
    series.set(image.sopInstanceUID, image);
    bySeries.set(image.seriesInstanceUID, series);
  }
  return [[
    el('studyInstanceUid', 'UI', studyInstanceUID),
    seq('referencedSeriesSequence', [...bySeries.entries()].map(([series, sops]) => [
      el('seriesInstanceUid', 'UI', series),
      seq('referencedSopSequence', [...sops.values()].map((s) => [el('referencedSopClassUid', 'UI', s.sopClassUID), el('referencedSopInstanceUid', 'UI', s.sopInstanceUID)])),
    ])),
  ]];
}

function imageItem(image: KeyObjectRef): Dataset {
  const ref: DataElement[] = [el('referencedSopClassUid', 'UI', image.sopClassUID), el('referencedSopInstanceUid', 'UI', image.sopInstanceUID)];
  if (image.frameNumber !== undefined) ref.push(el('referencedFrameNumber', 'IS', image.frameNumber));
  // TID 2010 row 5: IMAGE content items have no concept name.
  return [el('relationshipType', 'CS', 'CONTAINS'), el('valueType', 'CS', 'IMAGE'), seq('referencedSopSequence', [ref])];
}

export function buildKeyObjectSelection(input: KeyObjectInput): Dataset {
  const { study, instance } = input;
  if (input.images.length === 0) throw new KeyObjectError('a Key Object Selection needs at least one image');
  // Each image once, in the order given.
  const images = [...new Map(input.images.map((i) => [`${i.sopInstanceUID}/${i.frameNumber ?? 0}`, i])).values()];
  const description = input.description?.trim() ?? '';
  const texts = [study.patientName, study.studyDescription, study.referringPhysician, instance.seriesDescription, description];
  const content: Dataset[] = [
    ...(description !== '' ? [[el('relationshipType', 'CS', 'CONTAINS'), el('valueType', 'CS', 'TEXT'), seq('conceptNameCodeSequence', [codeItem(KEY_OBJECT_DESCRIPTION)]), el('textValue', 'UT', description)]] : []),
    ...images.map(imageItem),
  ];
  const out: DataElement[] = [
    // SOP Common
    el('sopClassUid', 'UI', KEY_OBJECT_SELECTION_STORAGE),
    el('sopInstanceUid', 'UI', instance.sopInstanceUID),
    el('instanceCreationDate', 'DA', instance.contentDate),
    el('instanceCreationTime', 'TM', instance.contentTime),
    // Patient
    el('patientName', 'PN', study.patientName),
    el('patientId', 'LO', study.patientId),
    el('patientBirthDate', 'DA', study.patientBirthDate),
    el('patientSex', 'CS', study.patientSex),
    // General Study: the source study's identity, so the document joins it
    el('studyInstanceUid', 'UI', study.studyInstanceUID),
    el('studyDate', 'DA', study.studyDate),
    el('studyTime', 'TM', study.studyTime),
    el('referringPhysicianName', 'PN', study.referringPhysician),
    el('studyId', 'SH', study.studyId),
    el('accessionNumber', 'SH', study.accessionNumber),
    // Key Object Document Series
    el('modality', 'CS', 'KO'),
    el('seriesInstanceUid', 'UI', instance.seriesInstanceUID),
    el('seriesNumber', 'IS', instance.seriesNumber),
    seq('referencedPerformedProcedureStepSequence', []),
    // General Equipment
    el('manufacturer', 'LO', instance.manufacturer),
    el('softwareVersions', 'LO', instance.softwareVersion),
    // Key Object Document
    el('instanceNumber', 'IS', instance.instanceNumber),
    el('contentDate', 'DA', instance.contentDate),
    el('contentTime', 'TM', instance.contentTime),
    seq('currentRequestedProcedureEvidenceSequence', evidence(study.studyInstanceUID, images)),
    // SR Document Content: the TID 2010 root
    el('valueType', 'CS', 'CONTAINER'),
    seq('conceptNameCodeSequence', [codeItem(input.title ?? OF_INTEREST)]),
    el('continuityOfContent', 'CS', 'SEPARATE'),
    seq('contentTemplateSequence', [[el('mappingResource', 'CS', 'DCMR'), el('templateIdentifier', 'CS', '2010')]]),
    seq('contentSequence', content),
  ];
  if (study.studyDescription !== '') out.push(el('studyDescription', 'LO', study.studyDescription));
  if (instance.seriesDescription !== '') out.push(el('seriesDescription', 'LO', instance.seriesDescription));
  if (needsUtf8(texts)) out.push(el('specificCharacterSet', 'CS', 'ISO_IR 192'));
  if (instance.deidentificationMethod !== undefined) out.push(el('patientIdentityRemoved', 'CS', 'YES'), el('deidentificationMethod', 'LO', instance.deidentificationMethod));
  return out;
}
