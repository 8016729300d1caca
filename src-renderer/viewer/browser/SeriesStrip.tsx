import type { ReformatOrientation } from '@shared/geometry';
import { useViewerSelect, useViewerServices } from '../context';
import type { ViewerSeries } from '../types';
import { SERIES_DRAG_TYPE } from './drag-type';
import { SeriesThumbnail } from './SeriesThumbnail';

const ORIENTATION_SHORT: Readonly<Record<ViewerSeries['orientation'], string>> = { axial: 'AX', sagittal: 'SAG', coronal: 'COR', oblique: 'OBL', unknown: '—' };

export interface SeriesStripProps {
  readonly series: readonly ViewerSeries[];
  readonly onReformat: (series: ViewerSeries, orientation: ReformatOrientation) => void;
}

/** The series of the open study: thumbnail, description, modality, orientation, image count. Drag or double-click. */
export function SeriesStrip({ series, onReformat }: SeriesStripProps) {
  const { store } = useViewerServices();
  // The series on screen, as one string: a slice change leaves it equal, so scrolling does not re-render the strip.
  const shownKeys = useViewerSelect((state) => state.viewports.map((v) => v.seriesKey ?? '').join('\n'));
  const shown = new Set(shownKeys.split('\n'));
  const open = (s: ViewerSeries): void =>
    store.dispatch({ type: 'assign', viewport: store.getState().active, seriesKey: s.key, sliceIndex: Math.floor(s.instances.length / 2), centred: true });
  return (
    <ul className="vw-series-strip" aria-label="Series">
      {series.map((s) => (
        <li
          key={s.key}
          className={`vw-series${shown.has(s.key) ? ' vw-shown' : ''}`}
          draggable
          data-testid="series-item"
          data-series-key={s.key}
          title="Drag into a viewport, or double-click to open in the active viewport"
          onDragStart={(e) => {
            e.dataTransfer.setData(SERIES_DRAG_TYPE, s.key);
            e.dataTransfer.effectAllowed = 'copy';
          }}
          onDoubleClick={() => open(s)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') open(s);
          }}
          tabIndex={0}
        >
          <SeriesThumbnail series={s} />
          <div className="vw-series-text">
            <div className="vw-series-desc">{s.description}</div>
            <div className="vw-series-meta">
              {s.modality} · {ORIENTATION_SHORT[s.orientation]} · {s.instances.length} im{s.seriesNumber !== null ? ` · Se ${s.seriesNumber}` : ''}
            </div>
            {s.orientation === 'axial' && s.derivedFrom === undefined && s.instances.length >= 8 ? (
              <div className="vw-series-actions">
                <button type="button" onClick={() => onReformat(s, 'sagittal')} title="Sagittal reformat">
                  SAG MPR
                </button>
                <button type="button" onClick={() => onReformat(s, 'coronal')} title="Coronal reformat">
                  COR MPR
                </button>
              </div>
            ) : null}
          </div>
        </li>
      ))}
    </ul>
  );
}
