import { describe, expect, it } from 'vitest';
import type { LevelLabelRecord } from '@shared/annotation/schema';
import { distance, vec3, type ImagePlane } from '@shared/geometry';
import { FOLLOW_UP_GEOMETRY, FOLLOW_UP_SCAN, PHANTOM_GEOMETRY } from '@shared/sample';
import { ComparisonController } from '../../../src-renderer/compare/comparison-controller';
import type { ViewerServices } from '../../../src-renderer/viewer/context';
import { ViewerStore } from '../../../src-renderer/viewer/model/viewer-store';
import type { ViewerSeries, ViewerStudy } from '../../../src-renderer/viewer/types';

// The controller over a real viewer store: the sample (current) and its follow-up (prior, another frame) with the
// generator's grids, labels at the generator's level centres; what the viewports do when one study moves.
const LEVELS = ['T11', 'T12', 'L1', 'L2', 'L3'];

const plane = (origin: readonly [number, number, number], row: readonly [number, number, number], column: readonly [number, number, number]): ImagePlane => ({
  imagePositionPatient: vec3(...origin),
  rowCosine: vec3(...row),
  columnCosine: vec3(...column),
  rowSpacing: 1 as never,
  columnSpacing: 1 as never,
  rows: 256,
  columns: 256,
});

function series(key: string, studyKey: string, frame: string, orientation: 'axial' | 'sagittal', planes: readonly ImagePlane[]): ViewerSeries {
  return {
    key,
    studyKey,
    description: orientation === 'axial' ? 'CT' : 'T2 SAG',
    modality: orientation === 'axial' ? 'CT' : 'MR',
    seriesNumber: null,
    frameOfReferenceUID: frame,
    orientation,
    instances: planes.map((p, i) => ({ imageId: `synthetic:${key}:${i}`, instanceNumber: i + 1, plane: p, geometry: 'patient', spacingSource: 'PixelSpacing', sliceThickness: 2 })),
  };
}

const ascending = (values: readonly number[]): number[] => [...values].sort((a, b) => a - b);
function study(key: string, frame: string, scan: typeof FOLLOW_UP_SCAN): ViewerStudy {
  const axial = ascending(scan.ct.z).map((z) => plane([-128, -128, z], [1, 0, 0], [0, 1, 0]));
  const sagittal = ascending(scan.mr.x).map((x) => plane([x, -128, 200], [0, 1, 0], [0, 0, -1]));
  return { key, patientName: 'PHANTOM^SPINE', patientId: 'P', studyDate: '', description: key, modalities: ['CT', 'MR'], series: [series(`${key}-sag`, key, frame, 'sagittal', sagittal), series(`${key}-ax`, key, frame, 'axial', axial)] };
}

const labels = (levels: typeof PHANTOM_GEOMETRY.levels, frame: string): LevelLabelRecord[] =>
  levels.filter((l) => LEVELS.includes(l.name)).map((l) => ({ id: `${frame}-${l.name}`, label: l.name, point: [...l.centre] as [number, number, number], frameOfReferenceUID: frame, sourceInstance: { sopInstanceUID: '1.2', frame: 0 }, proposed: false }));

const CURRENT_SCAN = { ...FOLLOW_UP_SCAN, ct: { ...FOLLOW_UP_SCAN.ct, z: FOLLOW_UP_SCAN.ct.z.map((z) => z - 23) }, mr: { ...FOLLOW_UP_SCAN.mr, x: FOLLOW_UP_SCAN.mr.x.map((x) => x - 6) } };

function setUp(priorLabels = labels(FOLLOW_UP_GEOMETRY.levels, 'F2')) {
  const store = new ViewerStore();
  const current = study('cur', 'F1', CURRENT_SCAN);
  const prior = study('pri', 'F2', FOLLOW_UP_SCAN);
  store.setStudies([current]);
  store.dispatch({ type: 'hang', hanging: { layout: '1x2', viewports: ['cur-sag', 'cur-ax'], reformatCandidate: null }, initialSlice: () => 10 });
  const controller = new ComparisonController();
  controller.attach({ store } as unknown as ViewerServices);
  controller.setSides({ current: { studyKey: 'cur', dateText: '2000-01-01', labels: labels(PHANTOM_GEOMETRY.levels, 'F1') }, prior: { studyKey: 'pri', dateText: '2000-04-15', labels: priorLabels } });
  // The prior's series arrive in the viewer: the comparison hanging.
  store.setStudies([current, prior]);
  return { store, controller };
}

const centreOf = (levels: typeof PHANTOM_GEOMETRY.levels, name: string) => vec3(...(levels.find((l) => l.name === name)?.centre ?? [NaN, NaN, NaN]));

describe('the comparison controller', () => {
  it('hangs current left and prior right, and badges every viewport with its study and date', () => {
    const { store, controller } = setUp();
    const state = store.getState();
    expect([state.layout, state.viewports.slice(0, 4).map((v) => v.seriesKey)]).toEqual(['2x2', ['cur-sag', 'pri-sag', 'cur-ax', 'pri-ax']]);
    expect(controller.getSnapshot().viewports.map((v) => v.badge)).toEqual(['Current 2000-01-01', 'Prior 2000-04-15', 'Current 2000-01-01', 'Prior 2000-04-15']);
    expect(controller.getSnapshot().status).toBe('Linked by level through T11–L3 (labelled in both studies).');
  });

  it.each(['T11', 'L1', 'L3'])('go to %s in the current study: the prior goes to its own %s', (level) => {
    const { store, controller } = setUp();
    expect(controller.goToLevel(level, 'current')).toBeNull();
    const truth = centreOf(FOLLOW_UP_GEOMETRY.levels, level);
    for (const viewport of [1, 3]) {
      const facts = controller.getSnapshot().viewports[viewport];
      expect(facts?.note).toBe(`Linked at ${level}`);
      expect(distance(vec3(...(facts?.point ?? [NaN, NaN, NaN])), truth)).toBeLessThan(1e-6);
    }
    const axial = store.series('pri-ax')?.instances[store.getState().viewports[3]?.sliceIndex ?? -1]?.plane.imagePositionPatient;
    expect(Math.abs((axial?.[2] ?? NaN) - truth[2])).toBeLessThanOrEqual(1);
  });

  it('scrolling the prior moves the current study (the other way), between two levels', () => {
    const { store, controller } = setUp();
    controller.goToLevel('L1', 'prior');
    const at = store.getState().viewports[3]?.sliceIndex ?? 0;
    store.dispatch({ type: 'slice', viewport: 3, index: at + 5, count: 139 });
    const facts = controller.getSnapshot().viewports[2];
    expect(facts?.note).toMatch(/^Linked between (T12 and L1|L1 and L2)$/);
    expect(controller.getSnapshot().viewports[3]?.note).toBeNull();
  });

  it('closing the prior hangs the current study alone again, keeping its view', () => {
    const { store, controller } = setUp();
    controller.goToLevel('L1', 'current');
    const slice = store.getState().viewports[2]?.sliceIndex;
    controller.setSides(null);
    store.setStudies([study('cur', 'F1', CURRENT_SCAN)]);
    const state = store.getState();
    expect([state.layout, state.viewports.slice(0, 2).map((v) => v.seriesKey)]).toEqual(['1x2', ['cur-sag', 'cur-ax']]);
    expect(controller.getSnapshot().active).toBe(false);
    expect(state.viewports[1]?.sliceIndex).toBe(slice);
  });

  it('no shared level: not linked, and every viewport of the other study says so', () => {
    const renamed = labels(FOLLOW_UP_GEOMETRY.levels, 'F2').map((l, i) => ({ ...l, label: `T${i + 1}` }));
    const { store, controller } = setUp(renamed);
    const before = store.getState().viewports[3]?.sliceIndex;
    store.dispatch({ type: 'slice', viewport: 2, index: 30, count: 139 });
    expect(controller.getSnapshot().status).toBe('Not linked: the two studies share no labelled level.');
    expect(controller.getSnapshot().viewports[3]?.note).toBe('Not linked: the two studies share no labelled level');
    expect(store.getState().viewports[3]?.sliceIndex).toBe(before);
    expect(controller.goToLevel('L1', 'prior')).toBe('L1 is not labelled on the prior study.');
  });
});
