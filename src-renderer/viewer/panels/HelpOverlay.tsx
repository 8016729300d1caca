import { useViewerServices } from '../context';
import { SHORTCUTS } from '../shortcuts';
import type { Shortcut } from '../shortcuts';

const GROUPS: readonly Shortcut['group'][] = ['Navigate', 'Window', 'View', 'Tools', 'Layout', 'Other'];

/** Keyboard help, generated from the same table the key handler uses. */
export function HelpOverlay() {
  const { store } = useViewerServices();
  return (
    <div className="vw-help" role="dialog" aria-label="Keyboard shortcuts" data-testid="help-overlay" onClick={() => store.dispatch({ type: 'close-help' })}>
      <div className="vw-help-body" onClick={(e) => e.stopPropagation()}>
        <h2>Keyboard shortcuts</h2>
        <div className="vw-help-grid">
          {GROUPS.map((group) => (
            <section key={group}>
              <h3>{group}</h3>
              <dl>
                {SHORTCUTS.filter((s) => s.group === group).map((s) => (
                  <div key={`${s.alt === true ? 'alt' : ''}${s.key}`}>
                    <dt>
                      <kbd>{s.label}</kbd>
                    </dt>
                    <dd>{s.description}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
          <section>
            <h3>Mouse</h3>
            <dl>
              <div><dt><kbd>Wheel</kbd></dt><dd>Scroll slices (Ctrl: zoom)</dd></div>
              <div><dt><kbd>Left drag</kbd></dt><dd>Active tool</dd></div>
              <div><dt><kbd>Left click</kbd></dt><dd>Crosshair jump (W/L, pan, zoom tools)</dd></div>
              <div><dt><kbd>Middle drag</kbd></dt><dd>Pan</dd></div>
              <div><dt><kbd>Right drag</kbd></dt><dd>Zoom</dd></div>
            </dl>
          </section>
        </div>
        <button type="button" onClick={() => store.dispatch({ type: 'close-help' })}>
          Close (Esc)
        </button>
      </div>
    </div>
  );
}
