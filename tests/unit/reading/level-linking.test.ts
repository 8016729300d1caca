import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LevelLabelRecord } from '@shared/annotation/schema';
import { distance, vec3, type ImagePlane, type Vec3 } from '@shared/geometry';
import {
  anchorsOn,
  levelPoint,
  linkNote,
  linkToStack,
  NO_LABELS_SOURCE,
  NO_LABELS_TARGET,
  NO_SHARED_LEVEL,
  sharedLevels,
  spinePointOnPlane,
} from '@shared/reading/level-linking';
import { FOLLOW_UP_GEOMETRY, FOLLOW_UP_SCAN, FOLLOW_UP_TRANSFORM, PHANTOM_GEOMETRY, applyTransform } from '@shared/sample';
import { THORACOLUMBAR_CT } from '../dicom-index/data';

const FRAME = '1.2.3';
const OTHER = '9.8.7';

const label = (level: string, point: readonly number[], frame = FRAME, proposed = false): LevelLabelRecord => ({
  id: `lbl-${level}-${frame}`,
  label: level,
  point: [point[0] ?? 0, point[1] ?? 0, point[2] ?? 0],
  frameOfReferenceUID: frame,
  sourceInstance: { sopInstanceUID: '1.2.3.4', frame: 0 },
  proposed,
});

const baseline = (names: readonly string[]): LevelLabelRecord[] => PHANTOM_GEOMETRY.levels.filter((l) => names.includes(l.name)).map((l) => label(l.name, l.centre));
const followUp = (names: readonly string[]): LevelLabelRecord[] => FOLLOW_UP_GEOMETRY.levels.filter((l) => names.includes(l.name)).map((l) => label(l.name, l.centre, OTHER));
const centre = (levels: typeof PHANTOM_GEOMETRY.levels, name: string): Vec3 => vec3(...(levels.find((l) => l.name === name)?.centre ?? [NaN, NaN, NaN]));

/** Axial planes z = const (rows along +y, columns along +x: LPS), as a CT stack on its own grid. */
const axialStack = (zs: readonly number[]): ImagePlane[] =>
  zs.map((z) => ({ imagePositionPatient: vec3(-100, -100, z), rowCosine: vec3(1, 0, 0), columnCosine: vec3(0, 1, 0), rowSpacing: 1 as never, columnSpacing: 1 as never, rows: 200, columns: 200 }));
/** Sagittal planes x = const. */
const sagittalStack = (xs: readonly number[]): ImagePlane[] =>
  xs.map((x) => ({ imagePositionPatient: vec3(x, -100, 200), rowCosine: vec3(0, 1, 0), columnCosine: vec3(0, 0, -1), rowSpacing: 1 as never, columnSpacing: 1 as never, rows: 400, columns: 200 }));

describe('anchors from a reading', () => {
  it('keeps the confirmed labels of one frame, cranial to caudal', () => {
    const labels = [label('L2', [0, 0, -30]), label('T12', [0, 0, 30]), label('L1', [0, 0, 0], FRAME, true), label('T11', [0, 0, 60], OTHER)];
    expect(anchorsOn(labels, FRAME).map((a) => a.level)).toEqual(['T12', 'L2']);
    expect(anchorsOn(labels, null)).toEqual([]);
    expect(sharedLevels(labels, [label('L2', [0, 0, 0]), label('T11', [0, 0, 0])])).toEqual(['T11', 'L2']);
    expect(levelPoint(labels, 'L1')).toBeNull();
    expect(levelPoint(labels, 'T12')?.point).toEqual(vec3(0, 0, 30));
  });
});

describe('the point of the spine a slice shows', () => {
  const anchors = anchorsOn(baseline(['T11', 'T12', 'L1', 'L2', 'L3']), FRAME);
  it.each([
    ['at a label', centre(PHANTOM_GEOMETRY.levels, 'L1')[2]],
    ['between two labels', (centre(PHANTOM_GEOMETRY.levels, 'L1')[2] + centre(PHANTOM_GEOMETRY.levels, 'L2')[2]) / 2],
    ['beyond the last label (continued straight)', centre(PHANTOM_GEOMETRY.levels, 'L3')[2] - 40],
  ])('an axial slice %s: on the slice', (_, z) => {
    const plane = axialStack([z])[0] as ImagePlane;
    const p = spinePointOnPlane(anchors, plane, null);
    expect(p?.[2]).toBeCloseTo(z, 6);
  });
  it('a sagittal slice keeps the previous position along the spine, moved onto the slice', () => {
    const l1 = centre(PHANTOM_GEOMETRY.levels, 'L1');
    const p = spinePointOnPlane(anchors, sagittalStack([7])[0] as ImagePlane, l1);
    expect(p).toEqual(vec3(7, l1[1], l1[2]));
  });
  it('no label: nothing to link from', () => {
    expect(spinePointOnPlane([], axialStack([0])[0] as ImagePlane, null)).toBeNull();
  });
});

describe('linking the sample to its follow-up (another frame: shifted and turned) through the labels', () => {
  const names = ['T11', 'T12', 'L1', 'L2', 'L3'];
  const from = anchorsOn(baseline(names), FRAME);
  const to = anchorsOn(followUp(names), OTHER);
  const ctStack = axialStack(FOLLOW_UP_SCAN.ct.z);
  it.each(names)('%s in the sample is %s in the follow-up (exact at the label), on the follow-up CT slice through it', (name) => {
    const link = linkToStack(from, centre(PHANTOM_GEOMETRY.levels, name), to, ctStack);
    expect(link.kind).toBe('linked');
    if (link.kind !== 'linked') return;
    expect(distance(link.point, centre(FOLLOW_UP_GEOMETRY.levels, name))).toBeLessThan(1e-6);
    expect(link.note).toBe(`Linked at ${name}`);
    expect(link.sliceDistance).toBeLessThanOrEqual(1 + 1e-9); // 2 mm slices
    expect(Math.abs((FOLLOW_UP_SCAN.ct.z[link.sliceIndex] ?? NaN) - centre(FOLLOW_UP_GEOMETRY.levels, name)[2])).toBe(link.sliceDistance);
  });
  it('between two labels the position is interpolated, and the note says between which', () => {
    const mid = vec3(...[0, 1, 2].map((i) => (centre(PHANTOM_GEOMETRY.levels, 'L1')[i]! + centre(PHANTOM_GEOMETRY.levels, 'L2')[i]!) / 2) as [number, number, number]);
    const link = linkToStack(from, mid, to, ctStack);
    expect(link.kind === 'linked' && link.note).toBe('Linked between L1 and L2');
    // The follow-up is the same spine moved rigidly (and L1 a little lower): the midpoint lands within 2 mm of the moved one.
    if (link.kind === 'linked') expect(distance(link.point, vec3(...applyTransform(FOLLOW_UP_TRANSFORM, mid)))).toBeLessThan(2);
  });
  it.each([
    ['caudal', centre(PHANTOM_GEOMETRY.levels, 'L3')[2] - 40, 'Extrapolated below L3, the lowest level labelled in both'],
    ['cranial', centre(PHANTOM_GEOMETRY.levels, 'T11')[2] + 40, 'Extrapolated above T11, the highest level labelled in both'],
  ] as const)('beyond the labelled range (%s) it extrapolates and says so', (side, z, note) => {
    const point = spinePointOnPlane(from, axialStack([z])[0] as ImagePlane, null) as Vec3;
    const link = linkToStack(from, point, to, ctStack);
    expect(link.kind === 'linked' && [link.extrapolated, link.note]).toEqual([side, note]);
  });
  it.each([
    ['no shared level', anchorsOn(baseline(['T11', 'T12']), FRAME), anchorsOn(followUp(['L2', 'L3']), OTHER), NO_SHARED_LEVEL],
    ['no label where the reader moves', [], to, NO_LABELS_SOURCE],
    ['no label on the other images', from, [], NO_LABELS_TARGET],
  ])('refused: %s', (_, a, b, note) => {
    expect(linkToStack(a, vec3(0, 0, 0), b, ctStack)).toEqual({ kind: 'not-linked', note });
  });
});

describe('a real CT linked to itself, shifted and turned (its own segmentation centroids as labels)', () => {
  const json = JSON.parse(readFileSync(join(THORACOLUMBAR_CT, 'vertebrae.json'), 'utf8')) as { vertebrae: Record<string, { lps_mm: [number, number, number] }> };
  const real = Object.entries(json.vertebrae).filter(([level]) => /^(T\d+|L\d)$/.test(level)).map(([level, v]) => label(level, v.lps_mm));
  const moved = real.map((l) => label(l.label, applyTransform(FOLLOW_UP_TRANSFORM, vec3(...l.point)), OTHER));
  it.each(real.map((l) => l.label))('%s maps onto its moved self within 1 mm', (name) => {
    const source = real.find((l) => l.label === name) as LevelLabelRecord;
    const target = vec3(...applyTransform(FOLLOW_UP_TRANSFORM, vec3(...source.point)));
    const link = linkToStack(anchorsOn(real, FRAME), vec3(...source.point), anchorsOn(moved, OTHER), axialStack([target[2]]));
    expect(link.kind === 'linked' && distance(link.point, target)).toBeLessThan(1);
  });
});

describe('link notes', () => {
  it.each([
    [['L1', 'L2'], 0, null, 'Linked at L1'],
    [['L1', 'L2'], 0.99, null, 'Linked at L2'],
    [['L1', 'L2'], 0.5, null, 'Linked between L1 and L2'],
    [['L1', 'L1'], 0, null, 'Linked at L1'],
  ] as const)('%j t=%d', (between, t, extrapolated, note) => {
    expect(linkNote(between, t, extrapolated)).toBe(note);
  });
});
