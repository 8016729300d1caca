import type { ImagePlane } from '@shared/geometry/image-plane';
import type { PlaneOrientation } from '@shared/geometry/orientation';

/**
 * The viewer's own view of studies. The ingest adapter maps the index model onto these, so viewer code does not
 * depend on how indexing stores things (and a reformat is just another series).
 */

/** Where the mm of an image come from: PixelSpacing (calibrated at the patient), ImagerPixelSpacing (detector, not
 * corrected for magnification) or nothing (lengths are in pixels). */
export type SpacingSource = 'PixelSpacing' | 'ImagerPixelSpacing' | 'none';

export interface ViewerInstance {
  /** cornerstone imageId, e.g. `spine:<instanceId>` or `reformat:<volume>:<axis>:<index>`. */
  readonly imageId: string;
  /** For images read from files: the index's instance id and 0-based frame (what the PixelSource is asked for). */
  readonly source?: { readonly instanceId: string; readonly frame: number };
  /** SOPInstanceUID when the file has one (annotations record which image a point was placed on). */
  readonly sopInstanceUID?: string;
  readonly instanceNumber: number | null;
  /**
   * Patient-space geometry. `geometry: 'synthetic'` marks a stand-in plane (no IOP/IPP in the file): measurements
   * still work in that image, but there are no reference lines and no cross-series mapping.
   */
  readonly plane: ImagePlane;
  readonly geometry: 'patient' | 'synthetic';
  readonly spacingSource: SpacingSource;
  readonly sliceThickness: number | null;
  /** Modality LUT and first window of the file (from the index), applied to the decoded pixels. */
  readonly display?: { readonly rescaleSlope: number; readonly rescaleIntercept: number; readonly windowCenter: number | null; readonly windowWidth: number | null };
}

export type SeriesOrientation = PlaneOrientation | 'unknown';

export interface ViewerSeries {
  /** Unique within the viewer (series UID, plus a stack suffix when a series splits; reformats get their own). */
  readonly key: string;
  readonly studyKey: string;
  readonly description: string;
  readonly modality: string;
  readonly seriesNumber: number | null;
  /** FrameOfReferenceUID, or a per-series stand-in when absent (so nothing is matched across series by accident). */
  readonly frameOfReferenceUID: string | null;
  readonly orientation: SeriesOrientation;
  /** Display order: sorted along the plane normal by the indexer. */
  readonly instances: readonly ViewerInstance[];
  /** Set for computed reformats. */
  readonly derivedFrom?: { readonly seriesKey: string; readonly kind: 'sagittal' | 'coronal' | 'axial' };
}

export interface ViewerStudy {
  readonly key: string;
  readonly patientName: string;
  readonly patientId: string;
  readonly studyDate: string;
  readonly description: string;
  readonly modalities: readonly string[];
  readonly series: readonly ViewerSeries[];
}
