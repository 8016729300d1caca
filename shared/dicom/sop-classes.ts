/**
 * SOP class UID → what kind of object it is, so the index can list non-image objects (SR, SEG, PR, KOS, RT,
 * encapsulated PDF, worklists…) for what they are instead of trying to display them.
 */
export const OBJECT_KINDS = ['image', 'sr', 'pr', 'kos', 'rt', 'encapsulated-pdf', 'seg', 'other-non-image'] as const;
export type ObjectKind = (typeof OBJECT_KINDS)[number];

export interface SopClassInfo {
  readonly kind: ObjectKind;
  readonly name: string;
}

/** The Media Storage Directory (DICOMDIR) class: a directory, never an object of a study. */
export const MEDIA_STORAGE_DIRECTORY_SOP_CLASS = '1.2.840.10008.1.3.10';

const S = '1.2.840.10008.5.1.4.1.1.';

// Rows: [uid suffix after 1.2.840.10008.5.1.4.1.1., kind, name]. PS3.4 Annex B (retired classes included).
const ROWS: ReadonlyArray<readonly [string, ObjectKind, string]> = [
  ['1', 'image', 'Computed Radiography Image Storage'],
  ['1.1', 'image', 'Digital X-Ray Image Storage - For Presentation'],
  ['1.1.1', 'image', 'Digital X-Ray Image Storage - For Processing'],
  ['1.2', 'image', 'Digital Mammography X-Ray Image Storage - For Presentation'],
  ['1.2.1', 'image', 'Digital Mammography X-Ray Image Storage - For Processing'],
  ['1.3', 'image', 'Digital Intra-Oral X-Ray Image Storage - For Presentation'],
  ['1.3.1', 'image', 'Digital Intra-Oral X-Ray Image Storage - For Processing'],
  ['2', 'image', 'CT Image Storage'],
  ['2.1', 'image', 'Enhanced CT Image Storage'],
  ['2.2', 'image', 'Legacy Converted Enhanced CT Image Storage'],
  ['3', 'image', 'Ultrasound Multi-frame Image Storage (Retired)'],
  ['3.1', 'image', 'Ultrasound Multi-frame Image Storage'],
  ['4', 'image', 'MR Image Storage'],
  ['4.1', 'image', 'Enhanced MR Image Storage'],
  ['4.2', 'other-non-image', 'MR Spectroscopy Storage'],
  ['4.3', 'image', 'Enhanced MR Color Image Storage'],
  ['4.4', 'image', 'Legacy Converted Enhanced MR Image Storage'],
  ['5', 'image', 'Nuclear Medicine Image Storage (Retired)'],
  ['6', 'image', 'Ultrasound Image Storage (Retired)'],
  ['6.1', 'image', 'Ultrasound Image Storage'],
  ['6.2', 'image', 'Enhanced US Volume Storage'],
  ['7', 'image', 'Secondary Capture Image Storage'],
  ['7.1', 'image', 'Multi-frame Single Bit Secondary Capture Image Storage'],
  ['7.2', 'image', 'Multi-frame Grayscale Byte Secondary Capture Image Storage'],
  ['7.3', 'image', 'Multi-frame Grayscale Word Secondary Capture Image Storage'],
  ['7.4', 'image', 'Multi-frame True Color Secondary Capture Image Storage'],
  ['9.1.1', 'other-non-image', '12-lead ECG Waveform Storage'],
  ['9.1.2', 'other-non-image', 'General ECG Waveform Storage'],
  ['9.4.1', 'other-non-image', 'Basic Voice Audio Waveform Storage'],
  ['11.1', 'pr', 'Grayscale Softcopy Presentation State Storage'],
  ['11.2', 'pr', 'Color Softcopy Presentation State Storage'],
  ['11.3', 'pr', 'Pseudo-Color Softcopy Presentation State Storage'],
  ['11.4', 'pr', 'Blending Softcopy Presentation State Storage'],
  ['11.5', 'pr', 'XA/XRF Grayscale Softcopy Presentation State Storage'],
  ['11.6', 'pr', 'Grayscale Planar MPR Volumetric Presentation State Storage'],
  ['11.7', 'pr', 'Compositing Planar MPR Volumetric Presentation State Storage'],
  ['12.1', 'image', 'X-Ray Angiographic Image Storage'],
  ['12.1.1', 'image', 'Enhanced XA Image Storage'],
  ['12.2', 'image', 'X-Ray Radiofluoroscopic Image Storage'],
  ['12.2.1', 'image', 'Enhanced XRF Image Storage'],
  ['13.1.1', 'image', 'X-Ray 3D Angiographic Image Storage'],
  ['13.1.2', 'image', 'X-Ray 3D Craniofacial Image Storage'],
  ['13.1.3', 'image', 'Breast Tomosynthesis Image Storage'],
  ['13.1.4', 'image', 'Breast Projection X-Ray Image Storage - For Presentation'],
  ['13.1.5', 'image', 'Breast Projection X-Ray Image Storage - For Processing'],
  ['14.1', 'image', 'Intravascular Optical Coherence Tomography Image Storage - For Presentation'],
  ['20', 'image', 'Nuclear Medicine Image Storage'],
  ['30', 'image', 'Parametric Map Storage'],
  ['66', 'other-non-image', 'Raw Data Storage'],
  ['66.1', 'other-non-image', 'Spatial Registration Storage'],
  ['66.2', 'other-non-image', 'Spatial Fiducials Storage'],
  ['66.3', 'other-non-image', 'Deformable Spatial Registration Storage'],
  ['66.4', 'seg', 'Segmentation Storage'],
  ['66.5', 'seg', 'Surface Segmentation Storage'],
  ['66.6', 'other-non-image', 'Tractography Results Storage'],
  ['66.7', 'seg', 'Label Map Segmentation Storage'],
  ['67', 'other-non-image', 'Real World Value Mapping Storage'],
  ['68.1', 'other-non-image', 'Surface Scan Mesh Storage'],
  ['68.2', 'other-non-image', 'Surface Scan Point Cloud Storage'],
  ['77.1.1', 'image', 'VL Endoscopic Image Storage'],
  ['77.1.1.1', 'image', 'Video Endoscopic Image Storage'],
  ['77.1.2', 'image', 'VL Microscopic Image Storage'],
  ['77.1.3', 'image', 'VL Slide-Coordinates Microscopic Image Storage'],
  ['77.1.4', 'image', 'VL Photographic Image Storage'],
  ['77.1.4.1', 'image', 'Video Photographic Image Storage'],
  ['77.1.5.1', 'image', 'Ophthalmic Photography 8 Bit Image Storage'],
  ['77.1.5.2', 'image', 'Ophthalmic Photography 16 Bit Image Storage'],
  ['77.1.5.4', 'image', 'Ophthalmic Tomography Image Storage'],
  ['77.1.6', 'image', 'VL Whole Slide Microscopy Image Storage'],
  ['88.1', 'sr', 'Text SR Storage - Trial (Retired)'],
  ['88.2', 'sr', 'Audio SR Storage - Trial (Retired)'],
  ['88.3', 'sr', 'Detail SR Storage - Trial (Retired)'],
  ['88.4', 'sr', 'Comprehensive SR Storage - Trial (Retired)'],
  ['88.11', 'sr', 'Basic Text SR Storage'],
  ['88.22', 'sr', 'Enhanced SR Storage'],
  ['88.33', 'sr', 'Comprehensive SR Storage'],
  ['88.34', 'sr', 'Comprehensive 3D SR Storage'],
  ['88.35', 'sr', 'Extensible SR Storage'],
  ['88.40', 'sr', 'Procedure Log Storage'],
  ['88.50', 'sr', 'Mammography CAD SR Storage'],
  ['88.59', 'kos', 'Key Object Selection Document Storage'],
  ['88.65', 'sr', 'Chest CAD SR Storage'],
  ['88.67', 'sr', 'X-Ray Radiation Dose SR Storage'],
  ['88.68', 'sr', 'Radiopharmaceutical Radiation Dose SR Storage'],
  ['88.69', 'sr', 'Colon CAD SR Storage'],
  ['88.70', 'sr', 'Implantation Plan SR Storage'],
  ['88.71', 'sr', 'Acquisition Context SR Storage'],
  ['88.72', 'sr', 'Simplified Adult Echo SR Storage'],
  ['88.73', 'sr', 'Patient Radiation Dose SR Storage'],
  ['104.1', 'encapsulated-pdf', 'Encapsulated PDF Storage'],
  ['104.2', 'other-non-image', 'Encapsulated CDA Storage'],
  ['104.3', 'other-non-image', 'Encapsulated STL Storage'],
  ['104.4', 'other-non-image', 'Encapsulated OBJ Storage'],
  ['104.5', 'other-non-image', 'Encapsulated MTL Storage'],
  ['128', 'image', 'Positron Emission Tomography Image Storage'],
  ['128.1', 'image', 'Legacy Converted Enhanced PET Image Storage'],
  ['130', 'image', 'Enhanced PET Image Storage'],
  ['481.1', 'image', 'RT Image Storage'],
  ['481.2', 'rt', 'RT Dose Storage'],
  ['481.3', 'rt', 'RT Structure Set Storage'],
  ['481.4', 'rt', 'RT Beams Treatment Record Storage'],
  ['481.5', 'rt', 'RT Plan Storage'],
  ['481.6', 'rt', 'RT Brachy Treatment Record Storage'],
  ['481.7', 'rt', 'RT Treatment Summary Record Storage'],
  ['481.8', 'rt', 'RT Ion Plan Storage'],
  ['481.9', 'rt', 'RT Ion Beams Treatment Record Storage'],
];

const TABLE: ReadonlyMap<string, SopClassInfo> = new Map<string, SopClassInfo>([
  ...ROWS.map(([suffix, kind, name]) => [S + suffix, { kind, name }] as const),
  [MEDIA_STORAGE_DIRECTORY_SOP_CLASS, { kind: 'other-non-image', name: 'Media Storage Directory (DICOMDIR)' }],
]);

/** What the table knows about a SOP class, or undefined for a class it does not list. */
export function lookupSopClass(uid: string | undefined): SopClassInfo | undefined {
  return uid === undefined ? undefined : TABLE.get(uid);
}

/** Facts beyond the SOP class that decide the kind of an object the table does not know (or that has no class). */
export interface ClassifyHints {
  readonly hasPixelData: boolean;
  readonly isWorklistItem: boolean;
  readonly isQueryIdentifier: boolean;
}

/**
 * Kind and plain name of an object. Unknown (e.g. private) classes count as images only when they carry pixel data
 * and a size, so that the viewer at least tries them; objects without any SOP class are worklist items or query
 * identifiers saved to disk, never images.
 */
export function classifyObject(uid: string | undefined, hints: ClassifyHints): SopClassInfo {
  const known = lookupSopClass(uid);
  if (known) return known;
  // Toolkits save worklist items and queries under private or empty classes: their content says what they are.
  if (hints.isWorklistItem) return { kind: 'other-non-image', name: 'Modality worklist item' };
  if (hints.isQueryIdentifier) return { kind: 'other-non-image', name: 'Query/retrieve identifier' };
  if (uid === undefined || uid === '') {
    if (hints.hasPixelData) return { kind: 'image', name: 'Image without SOP class' };
    return { kind: 'other-non-image', name: 'Object without SOP class' };
  }
  if (hints.hasPixelData) return { kind: 'image', name: `Unknown image class ${uid}` };
  return { kind: 'other-non-image', name: `Unknown SOP class ${uid}` };
}
