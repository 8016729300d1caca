// Points on the sample study's phantom from its known geometry, as a reader would click them in the e2e specs.
import { PHANTOM_GEOMETRY } from '@shared/sample';
import type { LevelGeometry } from '@shared/sample';

export type P = [number, number, number];

export const phantomLevel = (name: string): LevelGeometry => {
  const found = PHANTOM_GEOMETRY.levels.find((l) => l.name === name);
  if (!found) throw new Error(`no ${name} in the phantom`);
  return found;
};

export const along = (p: readonly number[], d: readonly number[], k: number): P => [p[0]! + d[0]! * k, p[1]! + d[1]! * k, p[2]! + d[2]! * k];

/** Endplate points of one body's anterior, middle and posterior heights (superior first), from the known geometry. */
export function heightPoints(name: string): P[] {
  const g = phantomLevel(name);
  const mid = (g.anteriorWallA + g.posteriorWallA) / 2;
  const at = (a: number, h: number): P[] => {
    const inferior = along(g.inferiorEndplateCentre, g.posteriorDirection, a - mid);
    return [along(inferior, g.axis, h), inferior];
  };
  // Points a little inside the walls, as a reader would click them.
  return [...at(g.anteriorWallA + 1.5, g.heightsMm.anterior), ...at(mid, g.heightsMm.middle), ...at(g.posteriorWallA - 1.5, g.heightsMm.posterior)];
}
