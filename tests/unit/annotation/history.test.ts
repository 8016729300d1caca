import { describe, expect, it } from 'vitest';
import { applyCommand } from '@shared/annotation/commands';
import { canRedo, canUndo, cancelDrag, committedDocument, createHistory, dispatch, redo, release, undo } from '@shared/annotation/history';
import type { History } from '@shared/annotation/history';
import { emptyDoc, FOR, p, SOURCE } from './fixtures';

function withLabel(): History {
  const doc = applyCommand(emptyDoc(), { type: 'addLabel', args: { label: 'L1', point: p(0, 0, 0), frameOfReferenceUID: FOR, sourceInstance: SOURCE } });
  return createHistory(doc);
}
const drag = (h: History, z: number) => dispatch(h, { type: 'moveLabel', args: { id: 'lbl-1', point: p(0, 0, z) } });
const pointOf = (h: History) => h.present.labels[0]?.point;

describe('drags collapse into one undo step on release', () => {
  it('many moves, one step; undo returns to before the drag, redo to its end', () => {
    let h = withLabel();
    for (let z = 1; z <= 20; z += 1) h = drag(h, z);
    expect(h.past).toHaveLength(0);
    expect(h.present.revision).toBe(0); // transient: not committed, not stamped
    expect(committedDocument(h).labels[0]?.point).toEqual([0, 0, 0]); // autosave never writes a half-finished drag
    h = release(h, { now: '2025-03-01T12:00:00.000Z' });
    expect(h.past).toHaveLength(1);
    expect(h.present.revision).toBe(1);
    expect(committedDocument(h)).toBe(h.present);
    h = undo(h);
    expect(pointOf(h)).toEqual([0, 0, 0]);
    h = redo(h);
    expect(pointOf(h)).toEqual([0, 0, 20]);
  });

  it('cancelDrag (Escape) restores the document before the drag, with no step', () => {
    let h = drag(drag(withLabel(), 3), 4);
    h = cancelDrag(h);
    expect(pointOf(h)).toEqual([0, 0, 0]);
    expect([h.past.length, h.dragBase]).toEqual([0, null]);
  });

  it('an immediate command during a drag first commits the drag as its own step', () => {
    let h = drag(withLabel(), 7);
    h = dispatch(h, { type: 'setReportText', args: { field: 'impression', text: 'x' } });
    expect(h.past).toHaveLength(2);
    h = undo(h);
    expect([h.present.report.impression, pointOf(h)]).toEqual(['', [0, 0, 7]]);
    h = undo(h);
    expect(pointOf(h)).toEqual([0, 0, 0]);
  });

  it('undo during a drag commits it, then undoes it; a drag that ends where it began is no step', () => {
    let h = undo(drag(withLabel(), 9));
    expect(pointOf(h)).toEqual([0, 0, 0]);
    expect(canRedo(h)).toBe(true);
    h = release(dispatch(h, { type: 'moveLabel', args: { id: 'lbl-1', point: p(0, 0, 0) } }));
    expect(h.past).toHaveLength(0); // a click on a handle (drag back to the start) is not an undo step
    expect(canRedo(h)).toBe(true);
  });
});

describe('history bookkeeping', () => {
  it('revision strictly increases across edits, undo and redo', () => {
    let h = withLabel();
    const revisions: number[] = [];
    for (const step of [
      (x: History) => dispatch(x, { type: 'setReportText', args: { field: 'freeText', text: 'a' } }),
      (x: History) => dispatch(x, { type: 'setReportText', args: { field: 'freeText', text: 'b' } }),
      (x: History) => undo(x),
      (x: History) => undo(x),
      (x: History) => redo(x),
    ]) {
      h = step(h);
      revisions.push(h.present.revision);
    }
    expect(revisions).toEqual([1, 2, 3, 4, 5]);
  });

  it('a new edit clears redo; undo/redo at the ends change nothing; the limit bounds memory', () => {
    let h = createHistory(emptyDoc(), 3);
    expect(undo(h)).toEqual(h);
    for (const text of ['a', 'b', 'c', 'd', 'e']) h = dispatch(h, { type: 'setReportText', args: { field: 'freeText', text } });
    expect(h.past).toHaveLength(3);
    h = undo(h);
    expect(canRedo(h)).toBe(true);
    h = dispatch(h, { type: 'setReportText', args: { field: 'freeText', text: 'z' } });
    expect(canRedo(h)).toBe(false);
    expect(redo(h)).toEqual(h);
    expect(canUndo(createHistory(emptyDoc()))).toBe(false);
  });
});
