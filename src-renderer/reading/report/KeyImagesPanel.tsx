// Key images of the report: add the current view of a viewport (its image, window, the part in view and the lesion
// it shows: a record the host draws with the shared overlay, so the draft holds the picture), edit a caption,
// remove one, or accept the proposed set (one sagittal and one axial per lesion). Every change is a document
// command, so Undo/Redo and autosave cover them like any other edit.
import { useState } from 'react';
import type { ReactElement } from 'react';
import { MAX_TEXT } from '@shared/annotation';
import type { AnnotationDocument, Command } from '@shared/annotation';
import type { KeyImageChoice, StudyInfo } from '@shared/report/index';
import { findInstance } from '@shared/report/index';
import { LimitedText } from '../../text/LimitedText';
import { useTextEdit } from '../../text/use-text-edit';
import { useViews, viewRegistry } from './view-probe';
import type { ViewFacts } from './view-probe';

export interface KeyImagesPanelProps {
  readonly document: AnnotationDocument;
  readonly study: StudyInfo;
  /** What the report shows: the reader's key images, else the proposed ones. */
  readonly choices: readonly KeyImageChoice[];
  readonly pictures: Readonly<Record<string, string>>;
  /** The lesion selected in the Findings tab: a view added now is that lesion's key image (only its mark is drawn). */
  readonly currentLesionId: string | null;
  readonly dispatch: (command: Command) => { ok: boolean };
  /** The id the next key image gets (given to addKeyImage, so its picture is filed under it). */
  readonly newKeyImageId: () => string;
}

const ALL_OVERLAYS = { labels: true, lesions: true, measurements: true } as const;

const tenth = (v: number): number => Math.round(v * 10) / 10;

function viewLabel(v: ViewFacts): string {
  return `${v.seriesDescription || v.modality} (${v.orientation})${v.instanceNumber !== null ? `, image ${v.instanceNumber}` : ''}`;
}

function CaptionField({ id, caption, dispatch }: { id: string; caption: string; dispatch: KeyImagesPanelProps['dispatch'] }) {
  // One undo step per edit, committed when the field is left (or Enter, or the page goes), not per keystroke.
  const edit = useTextEdit(caption, (text) => dispatch({ type: 'setKeyImageCaption', args: { id, caption: text } }));
  return <LimitedText label={`Caption of key image ${id}`} edit={edit} limit={MAX_TEXT} />;
}

export function KeyImagesPanel(props: KeyImagesPanelProps): ReactElement {
  const { document: doc, study, choices, pictures, dispatch } = props;
  const views = useViews();
  const [error, setError] = useState<string | null>(null);
  const readerImages = doc.report.keyImages;
  const proposed = readerImages.length === 0 ? choices.filter((c) => c.chosenBy === 'proposed') : [];

  const addView = (view: ViewFacts): void => {
    setError(null);
    const found = view.sopInstanceUID === null ? null : findInstance(study, view.sopInstanceUID, view.frame);
    if (view.derived || found === null || view.sopInstanceUID === null) {
      setError('A key image must be an acquired image of this study (not a reformat).');
      return;
    }
    const rect = viewRegistry.rect(view.viewport);
    // The lesion the view belongs to: the selected one, else the only one.
    const lesionId = props.currentLesionId ?? (doc.lesions.length === 1 ? doc.lesions[0]?.id : undefined);
    dispatch({
      type: 'addKeyImage',
      args: {
        id: props.newKeyImageId(),
        seriesInstanceUID: found.series.uid,
        instance: { sopInstanceUID: view.sopInstanceUID, frame: view.frame },
        viewState: {
          viewport: view.viewport,
          seriesKey: view.seriesKey,
          ...(view.voi !== null ? { windowCenter: view.voi.windowCenter, windowWidth: view.voi.windowWidth } : {}),
          ...(lesionId !== undefined && doc.lesions.some((l) => l.id === lesionId) ? { lesionId } : {}),
          // Zoomed or panned: the part in view is the key image (rounded to a tenth of a pixel).
          ...(rect !== undefined && !rect.whole ? { regionX0: tenth(rect.x0), regionY0: tenth(rect.y0), regionX1: tenth(rect.x1), regionY1: tenth(rect.y1) } : {}),
        },
        overlays: ALL_OVERLAYS,
        caption: viewLabel(view),
      },
    });
  };

  const acceptProposed = (): void => {
    dispatch({
      type: 'addKeyImages',
      args: {
        keyImages: proposed.map((c) => ({
          seriesInstanceUID: c.seriesInstanceUID,
          instance: { sopInstanceUID: c.sopInstanceUID, frame: c.frame },
          viewState: c.lesionId !== undefined ? { lesionId: c.lesionId } : ({} as Record<string, string>),
          overlays: c.overlays,
          caption: c.caption,
        })),
      },
    });
  };

  const rows = readerImages.length > 0 ? choices : proposed;
  return (
    <section className="report-card" aria-label="Key images" data-testid="key-images">
      <h3>Key images</h3>
      <div className="report-row">
        {views.map((v) => (
          <button key={v.viewport} type="button" disabled={v.derived} onClick={() => addView(v)} title={v.derived ? 'Reformats cannot be key images' : 'Add what this viewport shows (the part in view, its window), with the lesion selected in Findings'}>
            Add view {v.viewport + 1}: {viewLabel(v)}
          </button>
        ))}
      </div>
      {error !== null ? <p className="report-error" role="alert">{error}</p> : null}
      {rows.length === 0 ? <p className="report-dim">No key images: add a view, or mark a lesion to get proposals.</p> : null}
      {proposed.length > 0 ? (
        <div className="report-row">
          <span className="report-dim">Proposed automatically (one sagittal and one axial per lesion).</span>
          <button type="button" onClick={acceptProposed}>Accept proposed key images</button>
        </div>
      ) : null}
      <ul className="report-keys">
        {rows.map((c) => {
          const src = pictures[c.id];
          return (
            <li key={c.id} data-testid="key-image" data-chosen-by={c.chosenBy}>
              {src !== undefined ? <img className="report-thumb" src={src} alt={c.caption} /> : <div className="report-thumb report-thumb-missing">rendering…</div>}
              <div className="report-key-fields">
                {c.chosenBy === 'reader' ? (
                  <>
                    <CaptionField id={c.id} caption={readerImages.find((k) => k.id === c.id)?.caption ?? ''} dispatch={dispatch} />
                    <div className="report-row">
                      <button type="button" onClick={() => dispatch({ type: 'removeKeyImage', args: { id: c.id } })} aria-label={`Remove key image ${c.id}`}>
                        Remove
                      </button>
                    </div>
                  </>
                ) : (
                  <span>{c.caption}</span>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
