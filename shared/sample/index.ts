// Public surface of the sample study: the phantom's known geometry, the generator and its identifiers.
export { PHANTOM, PHANTOM_GEOMETRY, toPatient } from './phantom';
export type { PhantomGeometry, LevelGeometry, LesionGeometry, LevelName, Vec3, PhantomModel } from './phantom';
export { createAnatomy } from './anatomy';
export type { Anatomy } from './anatomy';
export { Tissue, CT_HU, MR_T2 } from './tissue';
export { ctGrid, renderCtSlice, ctSliceDataset, ctSliceFile, CT_IMAGE_STORAGE } from './ct-series';
export type { AxialGrid } from './ct-series';
export { mrGrid, renderMrSlice, mrSliceDataset, mrSliceFile, MR_IMAGE_STORAGE, SAGITTAL_ORIENTATION } from './mr-series';
export type { SagittalGrid } from './mr-series';
export { sampleStudyFiles, sampleStudyPaths, CT_FOLDER, MR_FOLDER } from './study';
export type { SampleFile } from './study';
export { SAMPLE_GENERATOR_VERSION, SAMPLE_UIDS, SAMPLE_PATIENT_NAME, SAMPLE_PATIENT_ID, SAMPLE_STUDY_DESCRIPTION } from './identity';
