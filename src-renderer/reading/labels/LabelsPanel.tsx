import { useEffect, useRef, useState } from 'react';
import { CastellviSchema, isTransitional } from '@shared/annotation';
import type { Variants } from '@shared/annotation';
import { ALL_LEVELS, describeVariants } from '@shared/spine';
import { useClickMode } from '../click-mode';
import { useReading } from '../context';
import { useDocumentSnapshot } from '../document-store';
import { proposeMissing } from './propagation';
import { LOW_CONFIDENCE, proposeFromImage, useImageProposals } from './image-proposals';
import type { LevelProposer } from './image-proposals';
import { START_LEVELS } from './sequence';
import type { LabelDirection } from './sequence';

/**
 * Labelling mode toolbar, counting method and variants, and the label list (rename, delete, confirm proposals).
 * "Propose from image" finds the other levels in the series a confirmed label was placed on (host image analysis);
 * once asked, confirming, moving or adding a confirmed label, or changing the count, proposes again around it.
 */
export function LabelsPanel({ proposer }: { readonly proposer?: LevelProposer }) {
  const { store, clicks } = useReading();
  const { document: doc } = useDocumentSnapshot(store);
  const { mode } = useClickMode(clicks);
  const [start, setStart] = useState('C2');
  const [direction, setDirection] = useState<LabelDirection>('caudal');
  const image = useImageProposals();
  const [auto, setAuto] = useState(false);
  const busy = useRef(false);
  // What the proposals depend on: the confirmed labels (level and point) and the count.
  const basis = doc === null ? '' : JSON.stringify([doc.labels.filter((l) => !l.proposed).map((l) => [l.label, l.point]), doc.spine]);
  const proposeImage = async (): Promise<void> => {
    if (proposer === undefined || doc === null || busy.current) return;
    busy.current = true;
    try {
      const outcome = await proposeFromImage(proposer, store.getSnapshot().document ?? doc);
      if (outcome.kind === 'refused') return clicks.say(outcome.message);
      setAuto(true);
      if (outcome.commands.length === 0) return clicks.say('No other level is seen in this series.');
      const result = store.dispatchBatch(outcome.commands);
      clicks.say(result.ok ? `Proposed ${outcome.count} levels from the image${outcome.low > 0 ? `, ${outcome.low} with low confidence` : ''}: confirm or drag each.` : result.message);
    } catch {
      clicks.say('The levels could not be proposed: the series could not be read.');
    } finally {
      busy.current = false;
    }
  };
  // Proposals from the image in the document (a resumed draft) mean the reader asked for them: keep them current.
  const fromImage = doc?.labels.some((l) => l.proposed && l.confidence !== undefined) ?? false;
  // Re-propose only when what the proposals depend on changes (not on every render): the effect runs on `basis`
  // and reads the rest from this render through a ref.
  const latest = useRef({ propose: proposeImage, wanted: auto || fromImage });
  latest.current = { propose: proposeImage, wanted: auto || fromImage };
  useEffect(() => {
    if (latest.current.wanted) void latest.current.propose();
  }, [basis]);
  if (doc === null) return null;
  const labelling = mode.kind === 'label';
  const variants = doc.spine.variants;
  const setVariants = (changes: Partial<Variants>) => store.dispatch({ type: 'setVariants', args: changes });
  const frames = [...new Set(doc.labels.map((l) => l.frameOfReferenceUID))];
  const proposeAll = (): void => {
    const proposals = frames.flatMap((f) => proposeMissing(doc.labels, f, variants));
    if (proposals.length === 0) return clicks.say('Nothing to propose: place two labels with unlabelled levels between them.');
    const result = store.dispatch({ type: 'addProposedLabels', args: { labels: proposals } });
    clicks.say(result.ok ? `Proposed ${proposals.length} levels: confirm or drag each.` : result.message);
  };
  const proposed = doc.labels.filter((l) => l.proposed).length;

  return (
    <section className="rd-section" aria-label="Vertebral levels">
      <h2 className="panel-title">
        Levels
        {isTransitional(doc.spine) ? (
          <span className="rd-badge rd-warn" data-testid="transitional-badge" title={describeVariants(variants).join('; ') || `Castellvi ${variants.castellvi ?? ''}`}>
            Transitional anatomy
          </span>
        ) : null}
      </h2>
      <div className="rd-row">
        <label>
          Start{' '}
          <select value={start} onChange={(e) => setStart(e.target.value)} aria-label="Start level">
            {[...new Set([...START_LEVELS, ...ALL_LEVELS])].map((l) => (
              <option key={l}>{l}</option>
            ))}
          </select>
        </label>
        <label>
          <select value={direction} onChange={(e) => setDirection(e.target.value as LabelDirection)} aria-label="Direction">
            <option value="caudal">downwards (caudal)</option>
            <option value="cranial">upwards (cranial)</option>
          </select>
        </label>
        <button
          type="button"
          aria-pressed={labelling}
          data-testid="label-mode"
          onClick={() => clicks.set(labelling ? { kind: 'none' } : { kind: 'label', start, direction }, labelling ? null : `Click the vertebral body of ${start}.`)}
        >
          {labelling ? `Labelling: next ${mode.start}` : 'Label levels'}
        </button>
      </div>
      <div className="rd-row">
        <label>
          Counting{' '}
          <select value={doc.spine.countingMethod} aria-label="Counting method" onChange={(e) => store.dispatch({ type: 'setCountingMethod', args: { method: e.target.value as typeof doc.spine.countingMethod } })}>
            <option value="unknown">not stated</option>
            <option value="whole-spine-localizer">whole-spine localizer (from C2)</option>
            <option value="partial">partial (from S1 / last rib)</option>
          </select>
        </label>
      </div>
      <div className="rd-row">
        <label>
          Thoracic{' '}
          <select value={variants.thoracicCount} aria-label="Thoracic count" onChange={(e) => setVariants({ thoracicCount: Number(e.target.value) as Variants['thoracicCount'] })}>
            <option value={11}>11</option>
            <option value={12}>12</option>
            <option value={13}>13 (T13)</option>
          </select>
        </label>
        <label>
          Lumbar{' '}
          <select value={variants.lumbarCount} aria-label="Lumbar count" onChange={(e) => setVariants({ lumbarCount: Number(e.target.value) as Variants['lumbarCount'] })}>
            <option value={4}>4</option>
            <option value={5}>5</option>
            <option value={6}>6 (L6)</option>
          </select>
        </label>
        <label>
          Castellvi{' '}
          <select value={variants.castellvi ?? ''} aria-label="Castellvi type" onChange={(e) => setVariants({ castellvi: e.target.value === '' ? null : CastellviSchema.parse(e.target.value) })}>
            <option value="">none</option>
            {CastellviSchema.options.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
      </div>
      <div className="rd-row">
        <button type="button" onClick={proposeAll} data-testid="propose-labels" title="Propose the unlabelled levels between placed ones">
          Propose between
        </button>
        {proposer !== undefined ? (
          <button type="button" onClick={() => void proposeImage()} data-testid="propose-from-image" title="Find every other level in the image, counting from the levels you placed">
            Propose from image
          </button>
        ) : null}
        <button type="button" disabled={proposed === 0} onClick={() => store.dispatch({ type: 'confirmProposedLabels', args: {} })}>
          Confirm {proposed} proposed
        </button>
      </div>
      {image.warnings.length > 0 ? (
        <ul className="rd-list rd-warnings" data-testid="proposal-warnings">
          {image.warnings.map((w) => (
            <li key={`${w.code}-${w.level ?? ''}`} className="rd-warn" data-code={w.code}>
              {w.message}
            </li>
          ))}
        </ul>
      ) : null}
      <ul className="rd-list" data-testid="label-list">
        {doc.labels.map((l) => (
          <li key={l.id} className={l.proposed ? 'rd-proposed' : undefined}>
            <select value={l.label} aria-label={`Rename ${l.label}`} onChange={(e) => store.dispatch({ type: 'renameLabel', args: { id: l.id, label: e.target.value } })}>
              {ALL_LEVELS.map((level) => (
                <option key={level}>{level}</option>
              ))}
            </select>
            <span className={(image.confidenceOf(l) ?? 1) < LOW_CONFIDENCE ? 'rd-low-confidence' : 'dim'} data-testid="label-state">
              {l.proposed ? `proposed${image.confidenceOf(l) === null ? '' : ` · ${Math.round((image.confidenceOf(l) ?? 0) * 100)}%`}` : ''}
            </span>
            {l.proposed ? (
              <button type="button" onClick={() => store.dispatch({ type: 'confirmProposedLabels', args: { ids: [l.id] } })}>
                Confirm
              </button>
            ) : null}
            <button type="button" aria-label={`Delete ${l.label}`} onClick={() => store.dispatch({ type: 'deleteLabel', args: { id: l.id } })}>
              ×
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
