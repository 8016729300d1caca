// The one overlay geometry (shared/overlay): label placement beside the spine, lesion marks that do not cover the
// lesion, and sizes set by the output, not by the image's pixels. Tables of cases; the real CT's vertebra centroids.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LpsPoint, Measurement } from '../../../shared/annotation/schema';
import { glyphBoxes, overlayGlyphs, overlappingPairs, placeCallouts, textWidth } from '../../../shared/overlay';
import type { Callout, Glyph, OverlayInput, OverlayLabel, Project } from '../../../shared/overlay';
import { DICOM_DATA } from '../../support/shared-data';

const CENTROIDS = JSON.parse(readFileSync(join(DICOM_DATA, 'spine', 'thoracolumbar-ct', 'vertebrae.json'), 'utf8')) as { vertebrae: Record<string, { lps_mm: [number, number, number] }> };
const REAL: OverlayLabel[] = Object.entries(CENTROIDS.vertebrae).map(([name, v]) => {
  const label = name === 'sacrum' ? 'S1' : name;
  return { id: `lab-${label}`, label, point: v.lps_mm };
});

/**
 * A sagittal view of the real CT's field (303 mm anterior-posterior, 336 mm head-foot, from y = -250, z = 450) at
 * `pixelMm` image pixels, fitted into an output `size` px wide, as the viewer and the key images both do.
 */
function sagittal(size: number, pixelMm: number, sliceX = 4): { project: Project; width: number; height: number } {
  const columns = Math.round(303 / pixelMm);
  const rows = Math.round(336 / pixelMm);
  const scale = Math.min(size / columns, size / rows);
  const width = Math.round(columns * scale);
  const height = Math.round(rows * scale);
  return {
    width,
    height,
    // image pixel -> output pixel is the only place the image's pixel size enters.
    project: (p) => ({ x: ((p[1] + 250) / pixelMm) * scale, y: ((450 - p[2]) / pixelMm) * scale, distanceMm: p[0] - sliceX }),
  };
}

const base = (over: Partial<OverlayInput> & Pick<OverlayInput, 'project' | 'width' | 'height'>): OverlayInput => ({
  unit: 1,
  display: 'markers',
  labels: REAL,
  lesions: [],
  measurements: [],
  nearMm: 15,
  farLabels: 'faint',
  measurementLines: true,
  measurementText: true,
  ...over,
});

const texts = (g: readonly Glyph[]) => g.filter((x): x is Extract<Glyph, { kind: 'text' }> => x.kind === 'text');
const length = (id: string, a: LpsPoint, b: LpsPoint): Measurement => ({ id, kind: 'length', points: [a, b], calibration: 'PixelSpacing', frameOfReferenceUID: 'f', sourceInstance: { sopInstanceUID: '1.2', frame: 0 } }) as unknown as Measurement;

describe('overlay geometry on the real thoracolumbar CT', () => {
  const cases = [
    { name: '3 mm CT, 400 px viewport', size: 400, pixelMm: 3 },
    { name: '3 mm CT, 480 px key image', size: 480, pixelMm: 3 },
    { name: '0.5 mm CT, 400 px viewport', size: 400, pixelMm: 0.5 },
    { name: '0.5 mm CT, 480 px key image', size: 480, pixelMm: 0.5 },
    { name: '3 mm CT, 250 px (smaller than any viewport)', size: 250, pixelMm: 3 },
  ];
  it.each(cases)('$name: no overlaps, labels beside the spine, the lesion not covered', ({ size, pixelMm }) => {
    const view = sagittal(size, pixelMm);
    const lesionPoint = REAL.find((l) => l.label === 'L1')?.point as LpsPoint;
    const measured = length('m1', [5, -120, 370], [5, -90, 370]);
    const { glyphs } = overlayGlyphs(base({ ...view, lesions: [{ id: 'les-1', number: 1, levels: ['L1'] }], measurements: [measured] }));
    const boxes = glyphBoxes(glyphs);
    expect(overlappingPairs(boxes.map((b) => b.box))).toEqual([]);
    // Every level is marked; every level's text stands outside the span of the spine's marks, on a leader.
    const dots = glyphs.filter((g) => g.kind === 'dot');
    expect(dots.map((d) => (d.kind === 'dot' ? d.label : '')).sort()).toEqual(REAL.map((l) => l.label).sort());
    const spine = { x0: Math.min(...dots.map((d) => d.box.x0)), x1: Math.max(...dots.map((d) => d.box.x1)) };
    for (const t of texts(glyphs).filter((g) => g.role === 'level')) expect(t.box.x1 <= spine.x0 || t.box.x0 >= spine.x1, t.text).toBe(true);
    expect(glyphs.filter((g) => g.kind === 'line' && g.leader && g.role === 'level').length).toBe(texts(glyphs).filter((g) => g.role === 'level').length);
    // The lesion: one arrowhead, beside its point (never on it), and its name.
    const anchor = view.project(lesionPoint);
    const arrows = glyphs.filter((g) => g.kind === 'arrow');
    expect(arrows).toHaveLength(1);
    const arrow = arrows[0] as Extract<Glyph, { kind: 'arrow' }>;
    expect(anchor !== null && (arrow.box.x0 > anchor.x + 3 || arrow.box.x1 < anchor.x - 3)).toBe(true);
    expect(texts(glyphs).map((t) => t.text)).toContain('Lesion 1');
    expect(texts(glyphs).map((t) => t.text)).toContain('30.0 mm');
    // Sized for the output: 12 px text and 3 px dots whatever the CT's pixel size.
    expect(new Set(texts(glyphs).map((t) => t.fontSize))).toEqual(new Set([12]));
    expect(dots.every((d) => d.kind === 'dot' && d.r === 3)).toBe(true);
  });

  it('the same anatomy on a 3 mm and a 0.5 mm CT gives the same glyphs in the same output', () => {
    const a = overlayGlyphs(base({ ...sagittal(480, 3) }));
    const b = overlayGlyphs(base({ ...sagittal(480, 0.5) }));
    const round = (g: readonly Glyph[]) => texts(g).map((t) => [t.text, Math.round(t.box.y0), t.fontSize]);
    expect(round(b.glyphs)).toEqual(round(a.glyphs));
  });

  it('sizes scale with the output unit (device pixels), not with the image', () => {
    const view = sagittal(800, 3);
    const { glyphs } = overlayGlyphs(base({ ...view, unit: 2 }));
    expect(new Set(texts(glyphs).map((t) => t.fontSize))).toEqual(new Set([24]));
    expect(overlappingPairs(glyphBoxes(glyphs).map((b) => b.box))).toEqual([]);
  });
});

describe('what an image shows', () => {
  const view = sagittal(480, 3);
  const cases: Array<{ name: string; input: Partial<OverlayInput>; levels: string[]; lesions: string[] }> = [
    { name: 'a key image shows only its own lesion', input: { lesions: [{ id: 'les-2', number: 2, levels: ['L4'] }] }, levels: REAL.map((l) => l.label), lesions: ['Lesion 2'] },
    { name: 'far labels are left out of a key image', input: { project: sagittal(480, 3, 40).project, farLabels: 'hidden' }, levels: [], lesions: [] },
    { name: 'far labels are faint in the viewer, and carry no lesion', input: { project: sagittal(480, 3, 40).project, lesions: [{ id: 'les-1', number: 1, levels: ['L1'] }] }, levels: REAL.map((l) => l.label), lesions: [] },
    { name: 'an axial image shows its own level only', input: { display: 'level-readout', sliceLevel: 'L3', lesions: [{ id: 'les-1', number: 1, levels: ['L3'] }] }, levels: ['L3'], lesions: ['Lesion 1'] },
    { name: 'an axial image of another level shows no lesion', input: { display: 'level-readout', sliceLevel: 'L2', lesions: [{ id: 'les-1', number: 1, levels: ['L3'] }] }, levels: ['L2'], lesions: [] },
  ];
  it.each(cases)('$name', ({ input, levels, lesions }) => {
    const { glyphs } = overlayGlyphs(base({ ...view, ...input }));
    expect(glyphs.flatMap((g) => (g.kind === 'dot' ? [g.label] : [])).sort()).toEqual([...levels].sort());
    expect(texts(glyphs).filter((t) => t.role === 'lesion').map((t) => t.text)).toEqual(lesions);
    expect(glyphs.filter((g) => g.kind === 'arrow')).toHaveLength(lesions.length);
    expect(overlappingPairs(glyphBoxes(glyphs).map((b) => b.box))).toEqual([]);
  });
});

describe('placeCallouts', () => {
  const style = { fontSize: 12, gap: 12, margin: 4 };
  const spine = (n: number, x: number, top: number, step: number): Callout[] =>
    Array.from({ length: n }, (_, i) => ({ id: `v${i}`, text: i < 12 ? `T${i + 1}` : `L${i - 11}`, anchor: { x, y: top + i * step }, group: 'levels' as const, priority: 2 }));
  const cases = [
    { name: 'well spaced levels all fit', callouts: spine(6, 250, 60, 50), width: 400, height: 400, placed: 6 },
    { name: '17 levels in 400 px: all fit, stacked', callouts: spine(17, 250, 20, 22), width: 400, height: 400, placed: 17 },
    { name: '24 levels crammed into 200 px: what fits, without overlap', callouts: spine(24, 250, 10, 8), width: 400, height: 200, placed: 10 },
    { name: 'spine near the left edge: labels go to the right', callouts: spine(5, 20, 60, 40), width: 400, height: 400, placed: 5 },
    {
      name: 'a lesion and a measurement beside the levels: the other column',
      callouts: [...spine(5, 200, 80, 30), { id: 'les', text: 'Lesion 1', anchor: { x: 210, y: 140 }, group: 'findings' as const, priority: 4 }, { id: 'm', text: '23.4 mm', anchor: { x: 230, y: 145 }, group: 'findings' as const, priority: 1 }],
      width: 400,
      height: 400,
      placed: 7,
    },
    { name: 'no room either side: texts dropped, never overlapping', callouts: spine(3, 30, 100, 40), width: 60, height: 400, placed: 0 },
  ];
  it.each(cases)('$name', ({ callouts, width, height, placed }) => {
    const dots = callouts.filter((c) => c.group === 'levels').map((c) => ({ x0: c.anchor.x - 3, y0: c.anchor.y - 3, x1: c.anchor.x + 3, y1: c.anchor.y + 3 }));
    const r = placeCallouts(callouts, width, height, style, dots);
    expect(r.placed.length).toBe(placed);
    expect(r.placed.length + r.dropped.length).toBe(callouts.length);
    expect(overlappingPairs([...r.placed.map((p) => p.box), ...dots])).toEqual([]);
    for (const p of r.placed) {
      expect(p.box.x0).toBeGreaterThanOrEqual(style.margin - 0.001);
      expect(p.box.x1).toBeLessThanOrEqual(width - style.margin + 0.001);
      expect(p.box.y0).toBeGreaterThanOrEqual(style.margin - 0.001);
      expect(p.box.y1).toBeLessThanOrEqual(height - style.margin + 0.001);
      expect(p.box.x1 - p.box.x0).toBe(textWidth(p.text, style.fontSize));
    }
  });
});

describe('the lesion mark follows the room', () => {
  // The spine near the output's right edge (a view panned right): no room right of it for "Lesion 1".
  const view = sagittal(480, 3);
  const shifted: Project = (p) => {
    const q = view.project(p);
    return q === null ? null : { ...q, x: q.x + 150 };
  };
  const cases = [
    { name: 'room on the far side: the lesion opposite the levels', project: view.project, sameSide: false },
    { name: 'no room on the far side: the lesion joins the levels, its arrowhead from that side', project: shifted, sameSide: true },
  ];
  it.each(cases)('$name', ({ project, sameSide }) => {
    const { glyphs } = overlayGlyphs(base({ width: view.width, height: view.height, project, lesions: [{ id: 'les-1', number: 1, levels: ['L1'] }] }));
    const lesion = texts(glyphs).find((t) => t.text === 'Lesion 1');
    const level = texts(glyphs).find((t) => t.text === 'L1');
    const arrow = glyphs.find((g) => g.kind === 'arrow');
    const dot = glyphs.find((g) => g.kind === 'dot' && g.label === 'L1');
    if (lesion === undefined || level === undefined || arrow === undefined || dot === undefined || dot.kind !== 'dot') throw new Error('missing glyphs');
    expect(lesion.align === level.align).toBe(sameSide);
    // The arrowhead is on the side of its name.
    expect(arrow.box.x0 > dot.x).toBe(lesion.box.x0 > dot.x);
    expect(overlappingPairs(glyphBoxes(glyphs).map((b) => b.box))).toEqual([]);
  });
});
