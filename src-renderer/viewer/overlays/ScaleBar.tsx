import type { SpacingSource } from '../types';

const NICE_MM = [1, 2, 5, 10, 20, 50, 100, 200, 500];

/** The longest "nice" length (1, 2, 5 x 10^n mm) that fits in `maxCss` pixels, or null when none fits. */
export function chooseScaleBar(cssPerMm: number, maxCss: number): { mm: number; css: number } | null {
  if (!(cssPerMm > 0)) return null;
  let best: { mm: number; css: number } | null = null;
  for (const length of NICE_MM) if (length * cssPerMm <= maxCss) best = { mm: length, css: length * cssPerMm };
  return best;
}

/** A vertical mm ruler on the right edge; absent without spacing, labelled when the spacing is the detector's. */
export function ScaleBar({ cssPerMm, height, source }: { readonly cssPerMm: number; readonly height: number; readonly source: SpacingSource }) {
  if (source === 'none') return null;
  const bar = chooseScaleBar(cssPerMm, height * 0.3);
  if (bar === null) return null;
  const ticks = bar.mm <= 10 ? bar.mm : 10;
  return (
    <div className="vw-scale" data-testid="scale-bar" style={{ height: bar.css }}>
      <svg width="10" height={bar.css} aria-hidden="true">
        <line x1="9" y1="0" x2="9" y2={bar.css} />
        {Array.from({ length: ticks + 1 }, (_, i) => {
          const y = (bar.css * i) / ticks;
          return <line key={i} x1={i === 0 || i === ticks ? 0 : 4} y1={y} x2="9" y2={y} />;
        })}
      </svg>
      <span>
        {bar.mm} mm{source === 'ImagerPixelSpacing' ? '*' : ''}
      </span>
    </div>
  );
}
