import { useViewerServices } from '../context';
import { pageKeymap, useKeyBindingList } from '../../keymap/page-keymap';

/** Keyboard help, generated from the page keymap: every key any layer has registered, so it cannot drift. */
export function HelpOverlay() {
  const { store } = useViewerServices();
  // One row per key and meaning (each viewport registers its own Escape), groups in the order they were registered.
  const seen = new Set<string>();
  const rows = useKeyBindingList().filter((b) => {
    const id = `${b.group}|${b.label}|${b.description}`;
    if ((b.chord.platform !== undefined && b.chord.platform !== pageKeymap.platform) || seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  const groups = [...new Set(rows.map((b) => b.group))];
  return (
    <div className="vw-help" role="dialog" aria-label="Keyboard shortcuts" data-testid="help-overlay" onClick={() => store.dispatch({ type: 'close-help' })}>
      <div className="vw-help-body" onClick={(e) => e.stopPropagation()}>
        <h2>Keyboard shortcuts</h2>
        <div className="vw-help-grid">
          {groups.map((group) => (
            <section key={group}>
              <h3>{group}</h3>
              <dl>
                {rows.filter((b) => b.group === group).map((b) => (
                  <div key={`${b.label}|${b.description}`}>
                    <dt>
                      <kbd>{b.label}</kbd>
                    </dt>
                    <dd>{b.description}</dd>
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
