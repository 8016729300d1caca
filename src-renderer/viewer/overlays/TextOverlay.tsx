import type { ViewerSeries, ViewerStudy } from '../types';
import type { Voi } from '../voi';
import { formatVoi } from '../voi';
import { planeNormal, dot } from '@shared/geometry';
import type { ViewerInstance } from '../types';

export interface TextOverlayProps {
  readonly study: ViewerStudy | undefined;
  readonly series: ViewerSeries;
  readonly instance: ViewerInstance;
  readonly sliceIndex: number;
  readonly voi: Voi | null;
  /** Screen pixels per image pixel, in CSS pixels. */
  readonly zoom: number;
  readonly invert: boolean;
  readonly status: string | null;
}

const formatDate = (da: string): string => (/^\d{8}$/.test(da) ? `${da.slice(0, 4)}-${da.slice(4, 6)}-${da.slice(6, 8)}` : da);

/** Slice position along the normal (mm), the number a radiologist compares between slices. */
export function sliceLocation(instance: ViewerInstance): number | null {
  if (instance.geometry !== 'patient') return null;
  return dot(instance.plane.imagePositionPatient, planeNormal(instance.plane));
}

/** The four text corners: patient and study (top left), series (top right), W/L and zoom (bottom left), slice (bottom right). */
export function TextOverlay({ study, series, instance, sliceIndex, voi, zoom, invert, status }: TextOverlayProps) {
  const location = sliceLocation(instance);
  return (
    <div className="vw-text" aria-hidden="false">
      <div className="vw-corner vw-tl" data-testid="overlay-patient">
        <div className="vw-strong">{study?.patientName ?? ''}</div>
        <div>{study?.patientId ?? ''}</div>
        <div>
          {formatDate(study?.studyDate ?? '')} {study?.description ?? ''}
        </div>
      </div>
      <div className="vw-corner vw-tr" data-testid="overlay-series">
        <div className="vw-strong">{series.description}</div>
        <div>
          {series.modality}
          {series.seriesNumber !== null ? ` · Se ${series.seriesNumber}` : ''}
          {series.derivedFrom ? ' · reformat' : ''}
        </div>
      </div>
      <div className="vw-corner vw-bl" data-testid="overlay-wl">
        {status !== null ? <div className="vw-status">{status}</div> : null}
        <div>{voi !== null ? formatVoi(voi) : ''}{invert ? ' · inverted' : ''}</div>
        <div>Zoom {(zoom * 100).toFixed(0)}%</div>
      </div>
      <div className="vw-corner vw-br" data-testid="overlay-slice">
        <div className="vw-strong">
          Im {sliceIndex + 1}/{series.instances.length}
        </div>
        <div>{location !== null ? `Loc ${location.toFixed(1)} mm` : 'no position'}</div>
        {instance.sliceThickness !== null ? <div>Thk {instance.sliceThickness.toFixed(1)} mm</div> : null}
      </div>
    </div>
  );
}
