import { chooseHanging, type Hanging } from '../viewer/hanging';
import type { ViewerSeries } from '../viewer/types';

/**
 * The hanging of a follow-up: the current study on the left, its prior on the right, each with the series the usual
 * spine hanging picks (sagittal above, axial below: 2x2), so a row compares like with like. When each study gives
 * only one series that is not axial, the two side by side (1x2). Empty places stay empty: a study without an axial
 * shows none, and one with only an axial shows it in the axial row.
 */
export function comparisonHanging(current: readonly ViewerSeries[], prior: readonly ViewerSeries[]): Hanging {
  const pick = (series: readonly ViewerSeries[]): { sagittalOrOnly: string | null; axial: string | null } => {
    const hanging = chooseHanging(series.map((s) => ({ ...s, imageCount: s.instances.length })));
    const [first = null, second = null] = hanging.viewports;
    // A study with only an axial stack hangs it in the axial row, beside the other study's axial.
    const onlyAxial = second === null && series.find((s) => s.key === first)?.orientation === 'axial';
    return onlyAxial ? { sagittalOrOnly: null, axial: first } : { sagittalOrOnly: first, axial: second };
  };
  const c = pick(current);
  const p = pick(prior);
  if (c.axial === null && p.axial === null) return { layout: '1x2', viewports: [c.sagittalOrOnly, p.sagittalOrOnly], reformatCandidate: null };
  return { layout: '2x2', viewports: [c.sagittalOrOnly, p.sagittalOrOnly, c.axial, p.axial], reformatCandidate: null };
}
