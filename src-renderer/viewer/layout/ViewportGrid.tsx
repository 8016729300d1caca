import { useViewerSelect } from '../context';
import { LAYOUT_SIZE } from '../model/viewer-state';
import { Viewport } from '../viewport/Viewport';

/** 1x1, 1x2 or 2x2 grid of viewports. Viewports keep their slot (and state) across layout changes. */
export function ViewportGrid() {
  const layout = useViewerSelect((s) => s.layout);
  const count = LAYOUT_SIZE[layout];
  return (
    <div className={`vw-grid vw-grid-${layout}`} data-testid="viewport-grid" data-layout={layout}>
      {Array.from({ length: count }, (_, i) => (
        <Viewport key={i} index={i} />
      ))}
    </div>
  );
}
