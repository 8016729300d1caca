/**
 * The reading layer's click tool (viewer extension point): turns the patient-space point of a click into a
 * document command according to the current mode (label, lesion, height point).
 */
import type { InstanceRef } from '@shared/annotation';
import { distance, vec3 } from '@shared/geometry';
import { levelsProblem, sortLevels } from '@shared/spine';
import type { ClickTool, ViewportClick } from '../viewer/extension';
import type { ViewerInstance } from '../viewer/types';
import type { ReadingServices } from './context';
import { firstFreeLabel, nextLabel } from './labels/sequence';
import { addPoint, capturedBodies, heightCommands, isComplete, stepPrompt } from './measure/height-capture';
import { aidCommands, aidMeasurement, aidPrompt } from './measure/alignment-capture';

/** Which image a point was placed on: its SOPInstanceUID (or the viewer's image id when the file has none). */
export function sourceInstanceOf(instance: ViewerInstance): InstanceRef {
  return { sopInstanceUID: (instance.sopInstanceUID ?? instance.imageId).slice(0, 64), frame: instance.source?.frame ?? 0 };
}

const lps = (click: ViewportClick): [number, number, number] => [click.point[0], click.point[1], click.point[2]];

/** The labelled level nearest (in 3D) to a point of the same frame, or null. */
export function nearestLevel(services: ReadingServices, frame: string, point: readonly [number, number, number]): string | null {
  const doc = services.store.document();
  let best: { label: string; d: number } | null = null;
  for (const l of doc?.labels ?? []) {
    if (l.frameOfReferenceUID !== frame) continue;
    const d = distance(vec3(...l.point), vec3(...point));
    if (best === null || d < best.d) best = { label: l.label, d };
  }
  return best?.label ?? null;
}

export function createClickTool(services: ReadingServices): ClickTool {
  const { store, clicks } = services;
  return {
    onClick(click) {
      const mode = clicks.get();
      const doc = store.document();
      const frame = click.series.frameOfReferenceUID;
      if (doc === null) return;
      if (frame === null || click.instance.geometry !== 'patient') {
        clicks.say('This image has no patient geometry (FrameOfReferenceUID/position): points cannot be placed on it.');
        return;
      }
      if (mode.kind === 'label') {
        const taken = new Set(doc.labels.map((l) => l.label));
        const label = firstFreeLabel(mode.start, mode.direction, doc.spine.variants, taken);
        if (label === null) return clicks.set({ kind: 'none' }, `No free level from ${mode.start} ${mode.direction}.`);
        const result = store.dispatch({ type: 'addLabel', args: { label, point: lps(click), frameOfReferenceUID: frame, sourceInstance: sourceInstanceOf(click.instance) } });
        if (!result.ok) return clicks.say(result.message);
        const next = nextLabel(label, mode.direction, doc.spine.variants, new Set([...taken, label]));
        // The mode follows the sequence, so the next click places the next level.
        if (next === null) clicks.set({ kind: 'none' }, `Placed ${label}: end of the sequence.`);
        else clicks.set({ ...mode, start: next }, `Placed ${label}. Next: ${next}.`);
        return;
      }
      if (mode.kind === 'lesion') {
        const level = nearestLevel(services, frame, lps(click));
        if (level === null) return clicks.say('Label the vertebral levels on this frame of reference first: a lesion is recorded by level.');
        const selected = doc.lesions.find((l) => l.id === clicks.getSnapshot().selectedLesionId);
        // Shift+click extends the selected lesion to a contiguous level (one record for a multi-level lesion).
        if (click.shiftKey && selected) {
          if (selected.levels.includes(level)) return clicks.say(`${level} is already part of this lesion.`);
          const levels = sortLevels([...selected.levels, level], doc.spine.variants);
          const problem = levelsProblem(levels, doc.spine.variants);
          if (problem !== null) return clicks.say(problem);
          const result = store.dispatch({ type: 'updateLesion', args: { id: selected.id, field: 'levels', value: levels } });
          return clicks.say(result.ok ? `Lesion now ${levels.join('–')}.` : result.message);
        }
        const id = store.newId('lesion');
        const result = store.dispatch({ type: 'addLesion', args: { id, levels: [level] } });
        if (!result.ok) return clicks.say(result.message);
        clicks.selectLesion(id);
        clicks.say(`Lesion at ${level} created. Shift+click adjacent bodies to add levels; Esc to finish.`);
        return;
      }
      if (mode.kind === 'alignment') {
        const capture = { ...mode.capture, points: [...mode.capture.points, lps(click)] };
        const measurement = aidMeasurement(capture, { frameOfReferenceUID: frame, sourceInstance: sourceInstanceOf(click.instance) });
        if (measurement === null) return clicks.set({ ...mode, capture }, aidPrompt(capture));
        const lesion = doc.lesions.find((l) => l.id === mode.lesionId);
        if (lesion === undefined) return clicks.set({ kind: 'none' }, 'The lesion of this aid is gone (undone or deleted).');
        // One click, one undo step: the measurement and its link to the lesion's alignment record together.
        const added = store.dispatchBatch(aidCommands(store.newId('measurement'), measurement, lesion));
        clicks.set({ kind: 'none' }, added.ok ? 'Alignment aid measured: choose the alignment below.' : added.message);
        return;
      }
      if (mode.kind === 'heights') {
        const next = addPoint(mode.capture, lps(click), frame, sourceInstanceOf(click.instance));
        if ('error' in next) return clicks.say(next.error);
        if (!isComplete(next)) return clicks.set({ ...mode, capture: next }, stepPrompt(next));
        const bodies = capturedBodies(next);
        if (bodies === null || next.sourceInstance === null) return clicks.set({ kind: 'none' }, 'Height capture incomplete.');
        const measurement = { kind: 'vertebral-heights' as const, frameOfReferenceUID: frame, sourceInstance: next.sourceInstance, note: '', ...bodies };
        const lesion = doc.lesions.find((l) => l.id === mode.lesionId);
        const result = store.dispatchBatch(heightCommands(store.newId('measurement'), measurement, lesion));
        clicks.set({ kind: 'none' }, result.ok ? 'Heights measured: review the suggestion below.' : result.message);
      }
    },
  };
}
