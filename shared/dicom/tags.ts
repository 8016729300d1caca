/**
 * The DICOM tags the indexer reads, in dicom-parser's `xggggeeee` form.
 * Named here once so that no module spells a tag as a bare string.
 */
export const TAG = {
  // File meta
  transferSyntaxUid: 'x00020010',
  mediaStorageSopClassUid: 'x00020002',
  // SOP common
  sopClassUid: 'x00080016',
  sopInstanceUid: 'x00080018',
  specificCharacterSet: 'x00080005',
  // Patient
  patientName: 'x00100010',
  patientId: 'x00100020',
  patientBirthDate: 'x00100030',
  patientSex: 'x00100040',
  // Study
  studyInstanceUid: 'x0020000d',
  studyDate: 'x00080020',
  studyTime: 'x00080030',
  studyDescription: 'x00081030',
  accessionNumber: 'x00080050',
  referringPhysicianName: 'x00080090',
  studyId: 'x00200010',
  institutionName: 'x00080080',
  // Series
  seriesInstanceUid: 'x0020000e',
  seriesNumber: 'x00200011',
  seriesDescription: 'x0008103e',
  modality: 'x00080060',
  bodyPartExamined: 'x00180015',
  // Instance
  instanceNumber: 'x00200013',
  acquisitionNumber: 'x00200012',
  imageType: 'x00080008',
  // Geometry
  imagePositionPatient: 'x00200032',
  imageOrientationPatient: 'x00200037',
  frameOfReferenceUid: 'x00200052',
  sliceLocation: 'x00201041',
  pixelSpacing: 'x00280030',
  imagerPixelSpacing: 'x00181164',
  sliceThickness: 'x00180050',
  spacingBetweenSlices: 'x00180088',
  // Image pixel module
  samplesPerPixel: 'x00280002',
  photometricInterpretation: 'x00280004',
  numberOfFrames: 'x00280008',
  rows: 'x00280010',
  columns: 'x00280011',
  bitsAllocated: 'x00280100',
  bitsStored: 'x00280101',
  pixelRepresentation: 'x00280103',
  windowCenter: 'x00281050',
  windowWidth: 'x00281051',
  rescaleIntercept: 'x00281052',
  rescaleSlope: 'x00281053',
  rescaleType: 'x00281054',
  pixelData: 'x7fe00010',
  // Enhanced multi-frame functional groups
  sharedFunctionalGroups: 'x52009229',
  perFrameFunctionalGroups: 'x52009230',
  planePositionSequence: 'x00209113',
  planeOrientationSequence: 'x00209116',
  pixelMeasuresSequence: 'x00289110',
  pixelValueTransformationSequence: 'x00289145',
  frameVoiLutSequence: 'x00289132',
  // Worklist / query objects (no SOP class): recognised by these
  scheduledProcedureStepSequence: 'x00400100',
  queryRetrieveLevel: 'x00080052',
  // DICOMDIR (PS3.10 basic directory)
  offsetOfFirstRootRecord: 'x00041200',
  directoryRecordSequence: 'x00041220',
  offsetOfNextRecord: 'x00041400',
  offsetOfLowerLevelEntity: 'x00041420',
  directoryRecordType: 'x00041430',
  referencedFileId: 'x00041500',
  referencedSopClassUidInFile: 'x00041510',
  referencedSopInstanceUidInFile: 'x00041511',
  referencedTransferSyntaxUidInFile: 'x00041512',
  // Query/retrieve keys (C-FIND identifiers)
  modalitiesInStudy: 'x00080061',
  sopClassesInStudy: 'x00080062',
  numberOfStudyRelatedSeries: 'x00201206',
  numberOfStudyRelatedInstances: 'x00201208',
  numberOfSeriesRelatedInstances: 'x00201209',
  // Key Object Selection / SR document (TID 2010, PS3.3 C.17)
  contentDate: 'x00080023',
  contentTime: 'x00080033',
  instanceCreationDate: 'x00080012',
  instanceCreationTime: 'x00080013',
  manufacturer: 'x00080070',
  softwareVersions: 'x00181020',
  valueType: 'x0040a040',
  conceptNameCodeSequence: 'x0040a043',
  continuityOfContent: 'x0040a050',
  contentTemplateSequence: 'x0040a504',
  mappingResource: 'x00080105',
  templateIdentifier: 'x0040db00',
  contentSequence: 'x0040a730',
  relationshipType: 'x0040a010',
  textValue: 'x0040a160',
  codeValue: 'x00080100',
  codingSchemeDesignator: 'x00080102',
  codeMeaning: 'x00080104',
  referencedSopSequence: 'x00081199',
  referencedSopClassUid: 'x00081150',
  referencedSopInstanceUid: 'x00081155',
  referencedFrameNumber: 'x00081160',
  referencedSeriesSequence: 'x00081115',
  currentRequestedProcedureEvidenceSequence: 'x0040a375',
  referencedRequestSequence: 'x0040a370',
  referencedPerformedProcedureStepSequence: 'x00081111',
  predecessorDocumentsSequence: 'x0040a360',
  seriesDate: 'x00080021',
  seriesTime: 'x00080031',
} as const;

export type TagName = keyof typeof TAG;

/** A named tag as the writer's number (group * 0x10000 + element), so writers spell names, not numbers. */
export const tagNumber = (name: TagName): number => Number.parseInt(TAG[name].slice(1), 16);
