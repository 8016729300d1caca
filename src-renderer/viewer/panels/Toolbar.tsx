import { runCommand } from '../commands';
import { useViewerSelect, useViewerServices } from '../context';
import type { LayoutId, ToolId } from '../shortcuts';
import { VOI_PRESETS } from '../voi';

const TOOLS: readonly { id: ToolId; label: string; key: string }[] = [
  { id: 'wl', label: 'W/L', key: 'W' },
  { id: 'pan', label: 'Pan', key: 'P' },
  { id: 'zoom', label: 'Zoom', key: 'Z' },
  { id: 'length', label: 'Length', key: 'L' },
  { id: 'angle', label: 'Angle', key: 'A' },
  { id: 'cobb', label: 'Cobb', key: 'C' },
  { id: 'arrow', label: 'Arrow', key: 'T' },
];
const LAYOUTS: readonly LayoutId[] = ['1x1', '1x2', '2x2'];

/** Buttons for what the keyboard does (same commands). */
export function Toolbar() {
  const services = useViewerServices();
  // Only what the buttons show: a slice change must not re-render the toolbar.
  const tool = useViewerSelect((s) => s.tool);
  const layout = useViewerSelect((s) => s.layout);
  const referenceLines = useViewerSelect((s) => s.referenceLines);
  const preset = useViewerSelect((s) => s.viewports[s.active]?.preset);
  const invert = useViewerSelect((s) => s.viewports[s.active]?.invert ?? false);
  const cine = useViewerSelect((s) => s.viewports[s.active]?.cine ?? false);
  return (
    <div className="vw-toolbar" role="toolbar" aria-label="Viewer tools">
      <div className="vw-group">
        {TOOLS.map((t) => (
          <button key={t.id} type="button" aria-pressed={tool === t.id} title={`${t.label} (${t.key})`} onClick={() => runCommand(services, { type: 'tool', tool: t.id })}>
            {t.label}
          </button>
        ))}
      </div>
      <div className="vw-group">
        <select
          aria-label="Window preset"
          value={preset ?? 'default'}
          onChange={(e) => {
            const preset = VOI_PRESETS.find((p) => p.id === e.target.value);
            if (preset) runCommand(services, { type: 'preset', preset: preset.id });
          }}
        >
          {VOI_PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
              {p.voi ? ` W${p.voi.windowWidth} L${p.voi.windowCenter}` : ''}
            </option>
          ))}
          {preset === 'custom' ? <option value="custom">Custom</option> : null}
        </select>
        <button type="button" title="Invert (I)" aria-pressed={invert} onClick={() => runCommand(services, { type: 'invert' })}>
          Invert
        </button>
        <button type="button" title="Fit (F)" onClick={() => runCommand(services, { type: 'fit' })}>
          Fit
        </button>
        <button type="button" title="Actual pixels (0)" onClick={() => runCommand(services, { type: 'one-to-one' })}>
          1:1
        </button>
        <button type="button" title="Reset (R)" onClick={() => runCommand(services, { type: 'reset' })}>
          Reset
        </button>
        <button type="button" title="Cine (Space)" aria-pressed={cine} onClick={() => runCommand(services, { type: 'cine' })}>
          Cine
        </button>
      </div>
      <div className="vw-group">
        {LAYOUTS.map((l) => (
          <button key={l} type="button" aria-pressed={layout === l} title={`Layout ${l}`} onClick={() => runCommand(services, { type: 'layout', layout: l })}>
            {l.replace('x', '×')}
          </button>
        ))}
        <button type="button" aria-pressed={referenceLines} title="Reference lines (X)" onClick={() => runCommand(services, { type: 'reference-lines' })}>
          Ref lines
        </button>
        <button type="button" title="Keyboard shortcuts (?)" onClick={() => runCommand(services, { type: 'help' })}>
          ?
        </button>
      </div>
    </div>
  );
}
