import { useState } from 'react';
import { assessHeights } from '@shared/annotation';
import type { CollapseChoice, Lesion, Measurement } from '@shared/annotation';
import { SINS_COLLAPSE } from '@shared/scoring';
import { levelSequence } from '@shared/spine';
import { useClickMode } from '../click-mode';
import { useReading } from '../context';
import { useDocumentSnapshot } from '../document-store';
import { isComplete, skipBody, startCapture, stepPrompt, undoPoint } from './height-capture';

type Heights = Extract<Measurement, { kind: 'vertebral-heights' }>;

const collapseLabel = (v: string) => SINS_COLLAPSE.find((r) => r.value === v)?.label ?? v;
const SOURCE: Record<CollapseChoice['source'], string> = { reader: 'reader', 'measurement-confirmed': 'confirmed from measurement', 'measurement-overridden': 'reader override of measurement' };

/** Vertebral height tool for the lesion's body: guided capture, then % loss, suggestion, Genant and the choice. */
export function HeightCard({ lesion }: { lesion: Lesion }) {
  const { store, clicks } = useReading();
  const { document: doc } = useDocumentSnapshot(store);
  const { mode } = useClickMode(clicks);
  const [override, setOverride] = useState(false);
  if (doc === null) return null;
  const level = lesion.levels[0];
  // The linked measurement, else the newest at the lesion's level ("Measure again" shows the new one).
  const measurement = doc.measurements.findLast(
    (m): m is Heights => m.kind === 'vertebral-heights' && (lesion.collapse.measurementId !== undefined ? m.id === lesion.collapse.measurementId : lesion.levels.includes(m.index.level)),
  );
  const capturing = mode.kind === 'heights' && mode.lesionId === lesion.id ? mode.capture : null;
  const start = (): void => {
    if (level === undefined) return;
    const seq = levelSequence(doc.spine.variants);
    const i = seq.indexOf(level);
    const capture = startCapture({ index: level, above: seq[i - 1] ?? null, below: seq[i + 1] ?? null });
    clicks.set({ kind: 'heights', lesionId: lesion.id, capture }, stepPrompt(capture));
  };
  const result = measurement ? assessHeights(measurement) : null;
  const choose = (value: Lesion['collapse']['value']): void => {
    if (!measurement) return;
    store.dispatch({ type: 'chooseCollapseWithMeasurement', args: { lesionId: lesion.id, measurementId: measurement.id, value } });
    setOverride(false);
  };

  return (
    <div className="rd-card" data-testid="height-card">
      <div className="rd-row">
        <strong>Body heights{level ? ` (${level})` : ''}</strong>
        {capturing ? (
          <>
            <button type="button" onClick={() => clicks.set({ ...mode, capture: undoPoint(capturing) } as typeof mode, stepPrompt(undoPoint(capturing)))} disabled={capturing.points.length === 0}>
              Undo point
            </button>
            <button type="button" onClick={() => clicks.set({ kind: 'heights', lesionId: lesion.id, capture: skipBody(capturing) }, stepPrompt(skipBody(capturing)))}>
              No normal body here
            </button>
            <button type="button" onClick={() => clicks.set({ kind: 'none' })}>
              Cancel
            </button>
          </>
        ) : (
          <button type="button" onClick={start} disabled={level === undefined} data-testid="measure-heights">
            {measurement ? 'Measure again' : 'Measure heights'}
          </button>
        )}
      </div>
      {capturing && !isComplete(capturing) ? <p className="rd-hint" data-testid="height-prompt">{stepPrompt(capturing)}</p> : null}
      {result && !result.computable ? <p className="rd-error">{result.reason}</p> : null}
      {result && result.computable ? (
        <div data-testid="height-result">
          <p>
            Height loss <strong data-testid="height-loss">{result.worst.lossPercent.toFixed(1)} %</strong> ({result.worst.height}; A {result.lossPercent.anterior.toFixed(1)} / M {result.lossPercent.middle.toFixed(1)} / P {result.lossPercent.posterior.toFixed(1)} %) · Genant {result.genantGrade}
            {result.borderline ? (
              <span className="rd-badge rd-warn" data-testid="borderline">
                borderline ~50 %: confirm visually
              </span>
            ) : null}
          </p>
          <p>
            Suggested: <strong data-testid="collapse-suggestion">{collapseLabel(result.suggestedCollapse)}</strong>
          </p>
          <div className="rd-row">
            <button type="button" onClick={() => choose(result.suggestedCollapse)} data-testid="use-suggestion">
              Use suggestion
            </button>
            <button type="button" onClick={() => setOverride((o) => !o)} aria-pressed={override}>
              Override…
            </button>
            {override
              ? SINS_COLLAPSE.filter((r) => r.value !== result.suggestedCollapse).map((r) => (
                  <button key={r.value} type="button" onClick={() => choose(r.value)}>
                    {r.label}
                  </button>
                ))
              : null}
          </div>
          {lesion.collapse.measurementId === measurement?.id ? (
            <p className="dim" data-testid="collapse-source">
              Collapse: {collapseLabel(lesion.collapse.value)} ({SOURCE[lesion.collapse.source]})
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
