import { describe, expect, it } from 'vitest';
import { addPoint, capturedBodies, currentStep, isComplete, skipBody, startCapture, STEPS, undoPoint } from '../../../src-renderer/reading/measure/height-capture';
import type { HeightCapture } from '../../../src-renderer/reading/measure/height-capture';

const SRC = { sopInstanceUID: '1.2', frame: 0 };
const add = (c: HeightCapture, z: number, frame = 'F'): HeightCapture => {
  const next = addPoint(c, [0, 0, z], frame, SRC);
  if ('error' in next) throw new Error(next.error);
  return next;
};

describe('guided height capture', () => {
  it('asks for 18 points: index, above, below; superior then inferior endplate at anterior, middle, posterior', () => {
    expect(STEPS).toHaveLength(18);
    expect(STEPS[0]).toEqual({ body: 'index', height: 'anterior', end: 'superior' });
    expect(STEPS[17]).toEqual({ body: 'below', height: 'posterior', end: 'inferior' });
    let c = startCapture({ index: 'L1', above: 'T12', below: 'L2' });
    for (let i = 0; i < 18; i += 1) c = add(c, i);
    expect(isComplete(c)).toBe(true);
    const bodies = capturedBodies(c);
    expect(bodies?.index).toEqual({ level: 'L1', anterior: [[0, 0, 0], [0, 0, 1]], middle: [[0, 0, 2], [0, 0, 3]], posterior: [[0, 0, 4], [0, 0, 5]] });
    expect(bodies?.above?.level).toBe('T12');
    expect(bodies?.below?.posterior).toEqual([[0, 0, 16], [0, 0, 17]]);
  });

  it('a reference body can be skipped (its points so far are dropped); the index body cannot', () => {
    let c = startCapture({ index: 'L1', above: 'T12', below: 'L2' });
    expect(skipBody(c)).toBe(c);
    for (let i = 0; i < 8; i += 1) c = add(c, i);
    expect(currentStep(c)?.body).toBe('above');
    c = skipBody(c);
    expect(c.points).toHaveLength(6);
    expect(currentStep(c)?.body).toBe('below');
    for (let i = 0; i < 6; i += 1) c = add(c, 100 + i);
    const bodies = capturedBodies(c);
    expect(bodies?.above).toBeNull();
    expect(bodies?.below?.anterior).toEqual([[0, 0, 100], [0, 0, 101]]);
  });

  it('a body with no neighbour in the sequence is not asked for; undo drops the last point; frames must match', () => {
    let c = startCapture({ index: 'C1', above: null, below: 'C2' });
    expect(currentStep(c)?.body).toBe('index');
    for (let i = 0; i < 6; i += 1) c = add(c, i);
    expect(currentStep(c)?.body).toBe('below');
    expect(undoPoint(c).points).toHaveLength(5);
    expect(addPoint(c, [0, 0, 0], 'OTHER', SRC)).toEqual({ error: expect.stringMatching(/same frame of reference/) });
    expect(capturedBodies(c)).toBeNull();
  });
});
