import { edgeLabels } from '@shared/geometry';
import type { ViewerInstance } from '../types';

/** Patient-direction letters at the middle of each edge, from the plane's IOP (we never flip or rotate). */
export function OrientationMarkers({ instance }: { readonly instance: ViewerInstance }) {
  if (instance.geometry !== 'patient') return null;
  const labels = edgeLabels(instance.plane);
  return (
    <div className="vw-orient" data-testid="orientation-markers">
      <span className="vw-o-top">{labels.top}</span>
      <span className="vw-o-bottom">{labels.bottom}</span>
      <span className="vw-o-left">{labels.left}</span>
      <span className="vw-o-right">{labels.right}</span>
    </div>
  );
}
