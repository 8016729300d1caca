import { MAX_TEXT } from '@shared/annotation/schema';
import { LimitedText } from '../../text/LimitedText';
import { useTextEdit } from '../../text/use-text-edit';
import { useMeasurements, useViewerSelect, useViewerServices } from '../context';
import { sourceImageOf } from '../measurements/model';
import type { SourceImage } from '../measurements/model';
import { KIND_LABELS, measurementValue } from '../measurements/values';

const sameImage = (a: SourceImage, b: SourceImage): boolean => a.sopInstanceUID === b.sopInstanceUID && a.frame === b.frame;

/** The measurement list: select (jumps to the image it was drawn on), edit arrow text, delete. */
export function MeasurementPanel() {
  const { measurements, store } = useViewerServices();
  // Only the selection is rendered from the viewer state (a slice change must not re-render the list).
  const selectedId = useViewerSelect((s) => s.selectedMeasurementId);
  const list = useMeasurements();
  const select = (id: string): void => {
    store.dispatch({ type: 'select', id });
    const m = measurements.get(id);
    if (m === undefined) return;
    // Bring its image back into a viewport showing a series that holds it, if one does.
    store.getState().viewports.forEach((vp, i) => {
      const series = store.series(vp.seriesKey);
      const index = series?.instances.findIndex((inst) => sameImage(sourceImageOf(inst), m.source)) ?? -1;
      if (series && index >= 0) store.dispatch({ type: 'slice', viewport: i, index, count: series.instances.length });
    });
  };
  return (
    <div className="vw-measurements">
      <h3>Measurements</h3>
      {list.length === 0 ? <p className="vw-dim">None yet. L length, A angle, C Cobb, T arrow.</p> : null}
      <ul aria-label="Measurements">
        {list.map((m) => {
          const value = measurementValue(m);
          const selected = m.id === selectedId;
          return (
            <li key={m.id} className={selected ? 'vw-selected' : ''} data-testid="measurement-item" onClick={() => select(m.id)}>
              <span className="vw-m-kind">{KIND_LABELS[m.kind]}</span>
              {m.kind === 'arrow' ? (
                <ArrowTextField text={m.text ?? ''} onCommit={(text) => measurements.update(m.id, { text })} />
              ) : (
                <span className="vw-m-value">{value.label}</span>
              )}
              {value.note !== null ? <span className="vw-m-note">{value.note}</span> : null}
              <button
                type="button"
                aria-label="Delete measurement"
                onClick={(e) => {
                  e.stopPropagation();
                  measurements.remove(m.id);
                  if (selected) store.dispatch({ type: 'select', id: null });
                }}
              >
                ×
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/**
 * An arrow's text is edited locally and committed once, on Enter, when the field loses focus or when the page goes,
 * so typing a word is one edit (one undo step, one autosave) rather than one per keystroke. Escape puts the
 * committed text back. Its limit is the document's (MAX_TEXT), shown where it is typed.
 */
function ArrowTextField({ text, onCommit }: { readonly text: string; readonly onCommit: (text: string) => void }) {
  const edit = useTextEdit(text, onCommit);
  return (
    // Clicks in the field must not select (and jump to) the measurement.
    <span className="vw-m-text" onClick={(e) => e.stopPropagation()}>
      <LimitedText label="Arrow text" edit={edit} limit={MAX_TEXT} escapeCancels />
    </span>
  );
}
