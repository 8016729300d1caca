// Public surface of the reading viewer.
export { Viewer } from './Viewer';
export type { ViewerProps } from './Viewer';
export type { ViewerStudy, ViewerSeries, ViewerInstance, SpacingSource } from './types';
export type { PixelSource, FrameDecoder, ViewerFrame } from './loader/types';
export type { AddResult, Calibration, Measurement, MeasurementKind, MeasurementStore, MeasurementChange, MeasurementPatch, NewMeasurement, SourceImage } from './measurements/model';
export { POINTS_PER_KIND, sourceImageOf } from './measurements/model';
export { checkPoints, createMemoryMeasurementStore } from './measurements/store';
export { studiesFromIndex } from './ingest/from-index';
export { syntheticStudy } from './loader/synthetic';
export type { RecentStudy } from './browser/StudyList';
export { ViewerExtensionContext, useViewerExtension } from './extension';
export type { ViewerExtension, ViewportClick, ViewportOverlayProps, ClickTool } from './extension';
export type { Screen } from './tools/draw';
