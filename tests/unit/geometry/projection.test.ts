import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { distance, nearestLabelledVertebra, nearestSliceIndex, projectPoint, proposeLabelPositions, sortByPosition, vec3 } from '@shared/geometry';
import type { LabelSet, LabelledPoint } from '@shared/geometry';
import { readFolder, SPINE_DATA } from '../../support/dicom-headers';
import { expectVecClose, makePlane, ORIENTATIONS } from './fixtures';

interface VertebraeFile {
  readonly frameOfReferenceUID: string;
  readonly vertebrae: Record<string, { readonly lps_mm: readonly [number, number, number] }>;
}

const CT = `${SPINE_DATA}/thoracolumbar-ct`;
const file = JSON.parse(readFileSync(`${CT}/vertebrae.json`, 'utf8')) as VertebraeFile;
const ORDER = ['T12', 'L1', 'L2', 'L3', 'L4', 'L5', 'sacrum'];
const labels: LabelSet = {
  frameOfReferenceUID: file.frameOfReferenceUID,
  points: ORDER.map((label) => {
    const p = file.vertebrae[label]?.lps_mm;
    if (!p) throw new Error(`vertebrae.json lacks ${label}`);
    return { label, point: vec3(...p) };
  }),
};
const axial = sortByPosition(readFolder(`${CT}/axial`), (h) => h.plane);
const sagittal = readFolder(`${CT}/sagittal`);
const framed = (i: number) => {
  const h = axial[i];
  if (!h) throw new Error(`no axial slice ${i}`);
  return { frameOfReferenceUID: h.frameOfReferenceUID, plane: h.plane };
};

describe('real CT: vertebrae.json centroids on the axial stack', () => {
  it('all series share the vertebrae.json frame of reference', () => {
    for (const h of [...axial, ...sagittal]) expect(h.frameOfReferenceUID).toBe(file.frameOfReferenceUID);
  });

  it.each(labels.points.map((p) => ({ name: p.label, point: p.point })))('$name: nearestSliceIndex = slice with the closest z; projection lands on the image', ({ point }) => {
    const zs = axial.map((h) => h.plane.imagePositionPatient[2]);
    const closest = zs.reduce((best, z, i) => (Math.abs(z - point[2]) < Math.abs((zs[best] ?? 0) - point[2]) ? i : best), 0);
    const nearest = nearestSliceIndex(axial.map((h) => h.plane), point);
    expect(nearest?.index).toBe(closest);
    expect(Math.abs(nearest?.distance ?? 99)).toBeLessThanOrEqual(1.5);
    const projected = projectPoint(point, labels.frameOfReferenceUID, framed(closest));
    expect(projected.ok).toBe(true);
    if (!projected.ok) return;
    expect(projected.value.insideImage).toBe(true);
    // Axial: column = (x + 185.0437) / 3, row = (y + 311.319) / 3.
    expect(projected.value.imagePoint.column).toBeCloseTo((point[0] + 185.0437) / 3, 3);
    expect(projected.value.imagePoint.row).toBeCloseTo((point[1] + 311.319) / 3, 3);
    expect(projected.value.distance).toBeCloseTo(nearest?.distance ?? NaN, 9);
  });

  it.each(labels.points.map((p) => ({ name: p.label, point: p.point })))('axial slice through $name: nearest labelled vertebra is $name', ({ name, point }) => {
    const index = nearestSliceIndex(axial.map((h) => h.plane), point)?.index ?? -1;
    const nearest = nearestLabelledVertebra(labels, framed(index));
    expect(nearest.ok).toBe(true);
    if (nearest.ok) {
      expect(nearest.value.label).toBe(name);
      expect(Math.abs(nearest.value.distance)).toBeLessThanOrEqual(1.5);
    }
  });

  it('mid-way between L3 and L4 the nearer one wins, with a signed distance', () => {
    // L3 z = 314.32, L4 z = 278.35; slice at z = 301.3018 (index 69) is nearer L3 (13 mm above the slice).
    const r = nearestLabelledVertebra(labels, framed(69));
    expect(r).toEqual({ ok: true, value: { label: 'L3', distance: expect.closeTo(314.32 - 301.3018, 6) } });
  });

  it('projecting onto the sagittal image at x = -53 gives the off-plane distance (normal points to patient right)', () => {
    const target = sagittal.find((h) => h.instanceNumber === 45);
    if (!target) throw new Error('missing IM0045');
    const l3 = labels.points.find((p) => p.label === 'L3')?.point ?? vec3(0, 0, 0);
    const r = projectPoint(l3, labels.frameOfReferenceUID, { frameOfReferenceUID: target.frameOfReferenceUID, plane: target.plane });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.distance).toBeCloseTo(-(3.77 - -53.0437), 6);
    expect(r.value.imagePoint.column).toBeCloseTo((-131.11 - -311.319) / 3, 6);
    expect(r.value.imagePoint.row).toBeCloseTo((427.3018 - 314.32) / 3, 6);
  });
});

describe('frame of reference checks', () => {
  const target = { frameOfReferenceUID: '1.2.3', plane: makePlane(ORIENTATIONS.axial) };
  it.each([
    { name: 'different frames', frame: '1.2.4', reason: /different FrameOfReferenceUID/ },
    { name: 'missing point frame', frame: '', reason: /missing FrameOfReferenceUID/ },
    { name: 'blank point frame', frame: '  ', reason: /missing FrameOfReferenceUID/ },
  ])('$name -> reason', ({ frame, reason }) => {
    const projected = projectPoint(vec3(0, 0, 0), frame, target);
    expect(projected).toEqual({ ok: false, reason: expect.stringMatching(reason) });
    const nearest = nearestLabelledVertebra({ frameOfReferenceUID: frame, points: [{ label: 'L1', point: vec3(0, 0, 0) }] }, target);
    expect(nearest).toEqual({ ok: false, reason: expect.stringMatching(reason) });
  });

  it('missing target frame -> reason; no labels -> reason', () => {
    expect(projectPoint(vec3(0, 0, 0), '1.2.3', { ...target, frameOfReferenceUID: '' }).ok).toBe(false);
    expect(nearestLabelledVertebra({ frameOfReferenceUID: '1.2.3', points: [] }, target)).toEqual({ ok: false, reason: 'no labelled vertebrae' });
  });
});

describe('proposeLabelPositions: evenly spaced along the polyline of labelled points', () => {
  const set = (points: LabelledPoint[]): LabelSet => ({ frameOfReferenceUID: '9.9', points });
  const p = (label: string, x: number, y: number, z: number): LabelledPoint => ({ label, point: vec3(x, y, z) });

  it.each([
    {
      name: 'straight line C2 -> L5 with 22 bodies between',
      labels: set([p('C2', 0, 0, 690), p('L5', 0, 0, 0)]),
      from: 'C2',
      to: 'L5',
      between: Array.from({ length: 22 }, (_, i) => `V${i + 3}`),
      check: (points: readonly LabelledPoint[]) => points.forEach((q, i) => expectVecClose(q.point, [0, 0, 690 - 30 * (i + 1)])),
    },
    {
      name: 'right-angle polyline through an intermediate label',
      labels: set([p('A', 0, 0, 0), p('B', 0, 0, 10), p('C', 0, 10, 10)]),
      from: 'A',
      to: 'C',
      between: ['x', 'y', 'z'],
      check: (points: readonly LabelledPoint[]) => {
        expectVecClose(points[0]?.point ?? vec3(NaN, 0, 0), [0, 0, 5]);
        expectVecClose(points[1]?.point ?? vec3(NaN, 0, 0), [0, 0, 10]);
        expectVecClose(points[2]?.point ?? vec3(NaN, 0, 0), [0, 5, 10]);
      },
    },
    {
      name: 'reversed direction (to comes first in the set)',
      labels: set([p('L5', 0, 0, 0), p('L1', 0, 0, 120)]),
      from: 'L1',
      to: 'L5',
      between: ['L2', 'L3', 'L4'],
      check: (points: readonly LabelledPoint[]) => points.forEach((q, i) => expectVecClose(q.point, [0, 0, 120 - 30 * (i + 1)])),
    },
    {
      name: 'no bodies between -> empty',
      labels: set([p('L4', 0, 0, 0), p('L5', 0, 0, -30)]),
      from: 'L4',
      to: 'L5',
      between: [],
      check: (points: readonly LabelledPoint[]) => expect(points).toEqual([]),
    },
  ])('$name', ({ labels: input, from, to, between, check }) => {
    const r = proposeLabelPositions(input, from, to, between);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.frameOfReferenceUID).toBe('9.9');
    expect(r.value.points.map((q) => q.label)).toEqual(between);
    check(r.value.points);
  });

  it.each([
    { name: 'from not placed', from: 'T1', to: 'L5', reason: /T1 is not placed/ },
    { name: 'to not placed', from: 'C2', to: 'S1', reason: /S1 is not placed/ },
    { name: 'same label', from: 'C2', to: 'C2', reason: /same label/ },
  ])('$name -> reason', ({ from, to, reason }) => {
    const r = proposeLabelPositions(set([p('C2', 0, 0, 10), p('L5', 0, 0, 0)]), from, to, ['x']);
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(reason) });
  });

  it('coincident anchors -> reason', () => {
    expect(proposeLabelPositions(set([p('A', 1, 1, 1), p('B', 1, 1, 1)]), 'A', 'B', ['x']).ok).toBe(false);
  });

  it('real CT: L2-L4 proposed from L1 and L5 land within 15 mm of their centroids, each nearest its own', () => {
    const anchors: LabelSet = { ...labels, points: labels.points.filter((q) => ['T12', 'L1', 'L5', 'sacrum'].includes(q.label)) };
    const r = proposeLabelPositions(anchors, 'L1', 'L5', ['L2', 'L3', 'L4']);
    if (!r.ok) throw new Error(r.reason);
    const truth = labels.points.filter((q) => ['L2', 'L3', 'L4'].includes(q.label));
    for (const proposed of r.value.points) {
      const own = truth.find((q) => q.label === proposed.label);
      if (!own) throw new Error('missing truth');
      expect(distance(proposed.point, own.point)).toBeLessThan(15);
      const nearestTruth = [...truth].sort((a, b) => distance(proposed.point, a.point) - distance(proposed.point, b.point))[0];
      expect(nearestTruth?.label).toBe(proposed.label);
    }
  });
});
