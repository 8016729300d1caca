import type { ViewerInstance, ViewerSeries, ViewerStudy } from '../types';
import type { ViewerAction, ViewerState } from './viewer-state';
import { initialViewerState, viewerReducer } from './viewer-state';
import type { Voi } from '../voi';

/** What a mounted viewport reports back about what it actually shows (read by tools and the test hook). */
export interface ViewportRuntime {
  readonly imageId: string | null;
  /** The image's own window (what `voi: null` means right now). */
  readonly imageVoi: Voi | null;
  /** Scale that fits the image in the viewport now. */
  readonly fitScale: number;
  readonly loading: boolean;
  /** Why the image cannot be shown, in one plain sentence (shared/dicom/problem-messages.ts). */
  readonly error: string | null;
  /** The decoder's own text, shown on request beside the sentence. */
  readonly errorDetail: string | null;
}

const sameFact = (a: ViewportRuntime[keyof ViewportRuntime], b: ViewportRuntime[keyof ViewportRuntime]): boolean =>
  a === b || (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null && a.windowWidth === b.windowWidth && a.windowCenter === b.windowCenter);

const NO_RUNTIME: ViewportRuntime = { imageId: null, imageVoi: null, fitScale: 1, loading: false, error: null, errorDetail: null };

/**
 * One observable store for the viewer: state (reducer-driven), the series catalogue (studies + computed
 * reformats) and per-viewport runtime facts. React reads it through useSyncExternalStore.
 */
export class ViewerStore {
  private state: ViewerState = initialViewerState();
  private studies: readonly ViewerStudy[] = [];
  private extraSeries: readonly ViewerSeries[] = [];
  private seriesIndex = new Map<string, ViewerSeries>();
  private instanceIndex = new Map<string, ViewerInstance>();
  private readonly runtime = new Map<number, ViewportRuntime>();
  private readonly listeners = new Set<() => void>();
  private version = 0;

  getState = (): ViewerState => this.state;
  getVersion = (): number => this.version;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  dispatch = (action: ViewerAction): void => {
    const next = viewerReducer(this.state, action);
    if (next === this.state) return;
    this.state = next;
    this.emit();
  };

  setStudies(studies: readonly ViewerStudy[]): void {
    this.studies = studies;
    this.reindex();
  }

  /** Computed series (reformats) live beside the studies, keyed like any other series. */
  addSeries(series: ViewerSeries): void {
    this.extraSeries = [...this.extraSeries.filter((s) => s.key !== series.key), series];
    this.reindex();
  }

  getStudies = (): readonly ViewerStudy[] => this.studies;
  getExtraSeries = (): readonly ViewerSeries[] => this.extraSeries;
  series = (key: string | null): ViewerSeries | undefined => (key === null ? undefined : this.seriesIndex.get(key));
  allSeries = (): ViewerSeries[] => [...this.seriesIndex.values()];
  /** The catalogue entry of an imageId (the loader asks this for every image, so it is a map lookup). */
  instance = (imageId: string): ViewerInstance | undefined => this.instanceIndex.get(imageId);

  getRuntime = (viewport: number): ViewportRuntime => this.runtime.get(viewport) ?? NO_RUNTIME;

  /**
   * Runtime facts change with every image. Only `loading` and `error` are rendered (the viewport's status line), so
   * only they notify: imageId, imageVoi and fitScale are read when needed (commands, tools, the test hook), and
   * notifying for them re-rendered every subscriber once more per slice while scrolling.
   */
  setRuntime(viewport: number, patch: Partial<ViewportRuntime>): void {
    const current = this.getRuntime(viewport);
    const next = { ...current, ...patch };
    const changed = (Object.keys(patch) as (keyof ViewportRuntime)[]).filter((k) => !sameFact(current[k], next[k]));
    if (changed.length === 0) return;
    this.runtime.set(viewport, next);
    if (changed.includes('loading') || changed.includes('error')) this.emit();
  }

  private reindex(): void {
    this.seriesIndex = new Map();
    for (const study of this.studies) for (const s of study.series) this.seriesIndex.set(s.key, s);
    for (const s of this.extraSeries) this.seriesIndex.set(s.key, s);
    this.instanceIndex = new Map();
    for (const s of this.seriesIndex.values()) for (const i of s.instances) this.instanceIndex.set(i.imageId, i);
    this.emit();
  }

  private emit(): void {
    this.version++;
    for (const listener of [...this.listeners]) listener();
  }
}
