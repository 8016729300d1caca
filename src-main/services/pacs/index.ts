// The DICOMweb client (issue 13): node configuration, QIDO-RS search, WADO-RS retrieval into the study cache,
// STOW-RS sending. Node only, used from main and the CLI; the renderer never talks to a PACS.
export { authFromEnv, dicomwebNode, nodeLabel, PACS_ENV } from './node-config';
export type { DicomwebAuth, DicomwebNode, DicomwebNodeConfig } from './node-config';
export { PacsError } from './pacs-error';
export type { PacsErrorCode } from './pacs-error';
export { pingNode, searchSeries, searchStudies, studyQueryProblem } from './qido';
export type { SeriesSummary, StudyQuery, StudySummary } from './qido';
export { isCached, retrieveStudy, studyCacheFolder } from './wado';
export type { RetrievedStudy, RetrieveOptions } from './wado';
export { reasonText, storeInstances } from './stow';
export type { StoredObject, StoreResult } from './stow';
export { cachedStudies, enforceCacheBudget, touchStudy } from './study-cache';
export type { CachedStudy } from './study-cache';
export { findNodeSeries, findNodeStudies, pacsNode, pacsNodeLabel, parseNodeSpec, retrieveNodeStudy, sendNodeFiles, testConnection } from './nodes';
export type { NodeOptions, NodeSpec, PacsNode, SendOptions, StoreOutcome } from './nodes';
export { dimseLabel, dimseNode, DEFAULT_CALLING_AET } from './dimse/node';
export type { DimseNode } from './dimse/node';
export { KIND_LABEL, retryFailed, sendReading } from './send-reading';
export type { ReadingObjectKind, ReadingObjectState, ReadingObjectStatus, ReadingOutput, SendReadingOptions, SendReadingResult } from './send-reading';
