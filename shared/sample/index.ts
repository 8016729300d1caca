// Public surface of the sample study: the phantom's known geometry, the generator and its identifiers.
export { PHANTOM, PHANTOM_GEOMETRY, buildPhantom, toPatient } from './phantom';
export type { PhantomGeometry, LevelGeometry, LesionGeometry, LevelName, Vec3, PhantomModel, PhantomVariant, BodyLesion, Ellipsoid } from './phantom';
export { createAnatomy } from './anatomy';
export type { Anatomy } from './anatomy';
export { Tissue, CT_HU, MR_T2 } from './tissue';
export { ctGrid, renderCtSlice, ctSliceDataset, ctSliceFile, CT_IMAGE_STORAGE } from './ct-series';
export type { AxialGrid, AxialPlacement } from './ct-series';
export { mrGrid, renderMrSlice, mrSliceDataset, mrSliceFile, MR_IMAGE_STORAGE, SAGITTAL_ORIENTATION } from './mr-series';
export type { SagittalGrid, SagittalPlacement } from './mr-series';
export { sampleStudyFiles, sampleStudyPaths, scanFiles, scanPaths, CT_FOLDER, MR_FOLDER } from './study';
export type { SampleFile, SampleScan } from './study';
export { SAMPLE_GENERATOR_VERSION, SAMPLE_UIDS, SAMPLE_IDENTITY, SAMPLE_DATE, SAMPLE_PATIENT_NAME, SAMPLE_PATIENT_ID, SAMPLE_STUDY_DESCRIPTION } from './identity';
export type { SampleIdentity, SampleUids } from './identity';
export { applyTransform, invertTransform, placedAnatomy, rigidTransform, rotate } from './placement';
export type { RigidTransform } from './placement';
export {
  FOLLOW_UP_DATE, FOLLOW_UP_GENERATOR_VERSION, FOLLOW_UP_GEOMETRY, FOLLOW_UP_IDENTITY, FOLLOW_UP_PATIENT, FOLLOW_UP_PHANTOM, FOLLOW_UP_SCAN,
  FOLLOW_UP_STUDY_DESCRIPTION, FOLLOW_UP_TRANSFORM, FOLLOW_UP_UIDS, followUpStudyFiles, followUpStudyPaths,
} from './follow-up';
export type { FollowUpGeometry, NewLesionGeometry } from './follow-up';
