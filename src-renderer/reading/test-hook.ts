import type { AnnotationDocument } from '@shared/annotation';
import type { ReadingServices } from './context';
import { overlayRegistry } from './overlay-registry';
import type { OverlayFacts } from './overlay-registry';
import { deriveReading, unscoredLesions } from '@shared/reading/derive';
import type { ScoringOutput } from '@shared/scoring';

/** The derived reading as the CLI prints it: the contract output of the scored lesions, and the lesions not scored. */
export interface ScoresView {
  readonly ok: true;
  readonly output: ScoringOutput;
  readonly notScored: ReadonlyArray<{ readonly id: string; readonly message: string }>;
}

/** What Playwright reads and drives: plain JSON about the reading model (never React internals). */
export interface ReadingModelHook {
  document(): AnnotationDocument | null;
  scores(): ScoresView | null;
  saveState(): string;
  /** Committed document changes since the session opened (typing in a field commits none until it is left). */
  commits(): number;
  mode(): string;
  /** Per viewport: the level readout, why labels are hidden, which markers are drawn. */
  viewports(): { viewport: number; seriesKey: string; orientation: string; readout: string | null; hiddenReason: string | null; markers: readonly string[]; boxes: OverlayFacts['boxes'] }[];
  /** Client (CSS) position of a patient point on a viewport's displayed image, to click it for real. */
  patientToClient(viewport: number, point: [number, number, number]): { x: number; y: number } | null;
  flush(): Promise<void>;
}

declare global {
  interface Window {
    __readingModel?: ReadingModelHook;
    /** The reading of the prior study hung beside the open one (follow-up comparison). */
    __priorReadingModel?: ReadingModelHook;
  }
}

export function installReadingHook(services: ReadingServices, role?: 'prior'): () => void {
  const name = role === 'prior' ? '__priorReadingModel' : '__readingModel';
  const hook: ReadingModelHook = {
    document: () => services.store.committed(),
    scores: () => {
      const doc = services.store.committed();
      if (doc === null) return null;
      const reading = deriveReading(doc);
      return { ok: true, output: reading.output, notScored: unscoredLesions(reading).map((l) => ({ id: l.id, message: l.message })) };
    },
    saveState: () => services.saver.getState().kind,
    commits: () => services.store.commitCount,
    mode: () => services.clicks.get().kind,
    viewports: () =>
      overlayRegistry.all().map(([viewport, f]) => ({ viewport, seriesKey: f.seriesKey, orientation: f.orientation, readout: f.readout, hiddenReason: f.hiddenReason, markers: f.markers, boxes: f.boxes })),
    patientToClient: (viewport, point) => overlayRegistry.get(viewport)?.patientToClient(point) ?? null,
    flush: () => services.saver.flush(),
  };
  window[name] = hook;
  return () => {
    if (window[name] === hook) delete window[name];
  };
}
