/**
 * The follow-up comparison over one viewer: which study each viewport shows (current or prior, with its date), the
 * comparison hanging when a prior arrives, and the link by vertebral level. It watches the viewer's store from
 * outside (attached through the viewer's extension point): when a viewport of one study moves to another slice (scroll,
 * a crosshair click, "go to level"), the other study's viewports go to the same anatomical position through the levels
 * both readings have labelled (shared/reading/level-linking.ts). No React here: the overlay and the panel read its
 * snapshot, the e2e test reads it through window.__comparisonModel.
 */
import type { LevelLabelRecord } from '@shared/annotation/schema';
import { nearestSliceIndex } from '@shared/geometry';
import type { Vec3 } from '@shared/geometry';
import { anchorsOn, levelPoint, linkToStack, sharedLevels, spinePointOnPlane, NO_LABELS_SOURCE, NO_SHARED_LEVEL } from '@shared/reading/level-linking';
import type { ViewerServices } from '../viewer/context';
import { LAYOUT_SIZE } from '../viewer/model/viewer-state';
import type { ViewerSeries } from '../viewer/types';
import { chooseHanging } from '../viewer/hanging';
import { comparisonHanging } from './comparison-hanging';

export type StudyRole = 'current' | 'prior';

export interface ComparisonSide {
  readonly studyKey: string;
  /** "2000-04-15": shown with the role on every viewport of the study. */
  readonly dateText: string;
  /** The study's reading's labels (its draft): the common coordinate. */
  readonly labels: readonly LevelLabelRecord[];
}

export interface ViewportFacts {
  readonly viewport: number;
  readonly role: StudyRole;
  /** "Prior 2000-04-15" */
  readonly badge: string;
  /** Why this viewport is (not) where the other study is, or null while it leads or nothing was linked yet. */
  readonly note: string | null;
  /** The linked anatomical position in this viewport's patient coordinates (LPS mm), when linked. */
  readonly point: readonly [number, number, number] | null;
  readonly sliceDistance: number | null;
  readonly extrapolated: 'cranial' | 'caudal' | null;
}

export interface ComparisonSnapshot {
  /** null: no prior is hung. */
  readonly active: boolean;
  readonly viewports: readonly ViewportFacts[];
  /** Levels both readings have labelled (what "go to level" offers), cranial to caudal. */
  readonly shared: readonly string[];
  /** One line about the link as a whole. */
  readonly status: string;
}

const EMPTY: ComparisonSnapshot = { active: false, viewports: [], shared: [], status: '' };

const ROLE_WORD: Record<StudyRole, string> = { current: 'Current', prior: 'Prior' };

interface Link {
  readonly note: string | null;
  readonly point: Vec3 | null;
  readonly sliceDistance: number | null;
  readonly extrapolated: 'cranial' | 'caudal' | null;
}

export class ComparisonController {
  private services: ViewerServices | null = null;
  private sides: { readonly current: ComparisonSide; readonly prior: ComparisonSide } | null = null;
  /** The prior whose comparison hanging is still to be made (once its series are in the viewer). */
  private hangFor: string | null = null;
  /** The current study to hang alone again once a closed prior's series have left the viewer. */
  private restoreFor: string | null = null;
  /** Per visible viewport, what it showed when last seen: a change not made here is the reader's move. */
  private seen = new Map<number, string>();
  /** Where each study is along its spine (its own coordinates): the point a plane along the spine keeps. */
  private focus = new Map<string, Vec3>();
  private links = new Map<number, Link>();
  private applying = false;
  private snapshot: ComparisonSnapshot = EMPTY;
  private readonly listeners = new Set<() => void>();

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ComparisonSnapshot => this.snapshot;

  /** Called by the viewer (extension point) with its services; returns the detach. */
  attach = (services: ViewerServices): (() => void) => {
    this.services = services;
    this.seen.clear();
    const off = services.store.subscribe(() => this.onStore());
    this.onStore();
    return () => {
      off();
      if (this.services === services) this.services = null;
    };
  };

  /** The studies compared and their labels (again whenever a reading's labels change); null: no prior. */
  setSides(sides: { readonly current: ComparisonSide; readonly prior: ComparisonSide } | null): void {
    const priorChanged = sides?.prior.studyKey !== this.sides?.prior.studyKey;
    if (sides === null && this.sides !== null) this.restoreFor = this.sides.current.studyKey;
    if (sides !== null) this.restoreFor = null;
    this.sides = sides;
    if (priorChanged) {
      this.hangFor = sides?.prior.studyKey ?? null;
      this.focus.clear();
      this.links.clear();
    }
    this.onStore();
    this.publish();
  }

  roleOf(studyKey: string): StudyRole | null {
    if (this.sides === null) return null;
    return studyKey === this.sides.prior.studyKey ? 'prior' : 'current';
  }

  /**
   * "Go to level": the study `role` (default: the active viewport's) moves its viewports to its label of `level`,
   * and the other study follows. Returns a sentence when it cannot.
   */
  goToLevel(level: string, role?: StudyRole): string | null {
    const services = this.services;
    const sides = this.sides;
    if (services === null || sides === null) return 'Open a prior study first.';
    const state = services.store.getState();
    const activeSeries = services.store.series(state.viewports[state.active]?.seriesKey ?? null);
    const leading = role ?? (activeSeries === undefined ? 'current' : (this.roleOf(activeSeries.studyKey) ?? 'current'));
    const side = sides[leading];
    const at = levelPoint(side.labels, level);
    if (at === null) return `${level} is not labelled on the ${leading} study.`;
    this.focus.set(side.studyKey, at.point);
    this.applying = true;
    let moved: number | null = null;
    try {
      this.visible().forEach(({ index, series }) => {
        if (series.studyKey !== side.studyKey || series.frameOfReferenceUID !== at.frameOfReferenceUID) return;
        const nearest = nearestSliceIndex(series.instances.map((i) => i.plane), at.point);
        if (nearest === null) return;
        services.store.dispatch({ type: 'slice', viewport: index, index: nearest.index, count: series.instances.length });
        moved ??= index;
      });
    } finally {
      this.applying = false;
    }
    this.linkFrom(side, at.frameOfReferenceUID, at.point);
    this.remember();
    this.publish();
    return moved === null ? `No viewport shows the ${leading} study's labelled images.` : null;
  }

  private visible(): { index: number; series: ViewerSeries; sliceIndex: number }[] {
    const services = this.services;
    if (services === null) return [];
    const state = services.store.getState();
    return state.viewports.slice(0, LAYOUT_SIZE[state.layout]).flatMap((vp, index) => {
      const series = services.store.series(vp.seriesKey);
      return series === undefined ? [] : [{ index, series, sliceIndex: vp.sliceIndex }];
    });
  }

  private remember(): void {
    this.seen = new Map(this.visible().map((v) => [v.index, `${v.series.key}#${v.sliceIndex}`]));
  }

  private onStore(): void {
    if (this.applying || this.services === null) return;
    const sides = this.sides;
    if (sides === null && this.restoreFor !== null && this.restore(this.restoreFor)) {
      this.restoreFor = null;
      this.remember();
      return;
    }
    if (sides !== null && this.hangFor === sides.prior.studyKey && this.hang(sides)) {
      this.hangFor = null;
      this.remember();
      this.publish();
      return;
    }
    const visible = this.visible();
    const moved = visible.filter((v) => {
      const before = this.seen.get(v.index);
      return before !== undefined && before.startsWith(`${v.series.key}#`) && before !== `${v.series.key}#${v.sliceIndex}`;
    });
    const layoutChanged = visible.some((v) => !(this.seen.get(v.index) ?? '').startsWith(`${v.series.key}#`));
    this.remember();
    if (sides === null) return;
    if (layoutChanged) {
      this.publish();
      return;
    }
    // The reader moved one study (one viewport, or several of the same study: a crosshair click): link from the first.
    const leader = moved[0];
    if (leader === undefined) return;
    const side = this.roleOf(leader.series.studyKey) === 'prior' ? sides.prior : sides.current;
    const plane = leader.series.instances[leader.sliceIndex]?.plane;
    const frame = leader.series.frameOfReferenceUID;
    if (plane === undefined || frame === null) return;
    const anchors = anchorsOn(side.labels, frame);
    const point = spinePointOnPlane(anchors, plane, this.focus.get(side.studyKey) ?? null);
    if (point === null) {
      this.linkFrom(side, frame, null);
    } else {
      this.focus.set(side.studyKey, point);
      this.linkFrom(side, frame, point);
    }
    this.remember();
    this.publish();
  }

  /** Hangs current left, prior right, once the prior's series are in the viewer. */
  private hang(sides: { readonly current: ComparisonSide; readonly prior: ComparisonSide }): boolean {
    const services = this.services;
    if (services === null) return false;
    const all = services.store.allSeries().filter((s) => s.derivedFrom === undefined);
    const prior = all.filter((s) => s.studyKey === sides.prior.studyKey);
    const current = all.filter((s) => s.studyKey === sides.current.studyKey);
    if (prior.length === 0 || current.length === 0) return false;
    const hanging = comparisonHanging(current, prior);
    this.applying = true;
    try {
      services.store.dispatch({ type: 'hang', hanging, initialSlice: (key) => Math.floor((services.store.series(key)?.instances.length ?? 1) / 2) });
    } finally {
      this.applying = false;
    }
    return true;
  }

  /** The prior closed: the current study's own hanging again, once the prior's series are gone from the viewer. */
  private restore(studyKey: string): boolean {
    const services = this.services;
    if (services === null) return false;
    const all = services.store.allSeries().filter((s) => s.derivedFrom === undefined);
    if (all.some((s) => s.studyKey !== studyKey)) return false;
    const own = all.filter((s) => s.studyKey === studyKey);
    if (own.length === 0) return false;
    const hanging = chooseHanging(own.map((s) => ({ ...s, imageCount: s.instances.length })));
    // Each series stays on the slice the reader was at (it may move to another viewport).
    const slices = new Map(services.store.getState().viewports.flatMap((v) => (v.seriesKey === null ? [] : [[v.seriesKey, v.sliceIndex] as const])));
    this.applying = true;
    try {
      services.store.dispatch({ type: 'hang', hanging, initialSlice: (key) => slices.get(key) ?? Math.floor((services.store.series(key)?.instances.length ?? 1) / 2) });
    } finally {
      this.applying = false;
    }
    return true;
  }

  /** Moves the other study's viewports to the anatomical position of `point` (in `side`'s frame `frame`). */
  private linkFrom(side: ComparisonSide, frame: string, point: Vec3 | null): void {
    const services = this.services;
    const sides = this.sides;
    if (services === null || sides === null) return;
    const other = side === sides.prior ? sides.current : sides.prior;
    const from = anchorsOn(side.labels, frame);
    this.applying = true;
    try {
      for (const v of this.visible()) {
        if (v.series.studyKey === side.studyKey) {
          this.links.delete(v.index);
          continue;
        }
        if (v.series.studyKey !== other.studyKey) continue;
        const to = anchorsOn(other.labels, v.series.frameOfReferenceUID);
        const link = point === null ? ({ kind: 'not-linked', note: NO_LABELS_SOURCE } as const) : linkToStack(from, point, to, v.series.instances.map((i) => i.plane));
        if (link.kind === 'not-linked') {
          this.links.set(v.index, { note: link.note, point: null, sliceDistance: null, extrapolated: null });
          continue;
        }
        services.store.dispatch({ type: 'slice', viewport: v.index, index: link.sliceIndex, count: v.series.instances.length });
        this.focus.set(other.studyKey, link.point);
        this.links.set(v.index, { note: link.note, point: link.point, sliceDistance: link.sliceDistance, extrapolated: link.extrapolated });
      }
    } finally {
      this.applying = false;
    }
  }

  private publish(): void {
    const sides = this.sides;
    if (sides === null || this.services === null) {
      if (this.snapshot !== EMPTY) {
        this.snapshot = EMPTY;
        this.listeners.forEach((l) => l());
      }
      return;
    }
    const shared = sharedLevels(sides.current.labels, sides.prior.labels);
    const viewports = this.visible().flatMap(({ index, series }): ViewportFacts[] => {
      const role = this.roleOf(series.studyKey);
      if (role === null) return [];
      const link = this.links.get(index);
      const p = link?.point ?? null;
      return [
        {
          viewport: index,
          role,
          badge: `${ROLE_WORD[role]} ${sides[role].dateText}`,
          note: link?.note ?? null,
          point: p === null ? null : [p[0], p[1], p[2]],
          sliceDistance: link?.sliceDistance ?? null,
          extrapolated: link?.extrapolated ?? null,
        },
      ];
    });
    const labelled = (s: ComparisonSide): boolean => s.labels.some((l) => !l.proposed);
    const status = !labelled(sides.current) || !labelled(sides.prior)
      ? 'Label the vertebral levels of both studies to link them by level.'
      : shared.length === 0
        ? `${NO_SHARED_LEVEL}.`
        : `Linked by level through ${shared.length === 1 ? shared[0] : `${shared[0]}–${shared[shared.length - 1]}`} (labelled in both studies).`;
    const next: ComparisonSnapshot = { active: true, viewports, shared, status };
    if (JSON.stringify(next) === JSON.stringify(this.snapshot)) return;
    this.snapshot = next;
    this.listeners.forEach((l) => l());
  }
}

export interface ComparisonTestHook {
  snapshot(): ComparisonSnapshot;
  goToLevel(level: string, role?: StudyRole): string | null;
}

declare global {
  interface Window {
    /** Test hook: which study each viewport shows, and where the level link put it (installed while a prior is hung). */
    __comparisonModel?: ComparisonTestHook;
  }
}

export function installComparisonHook(controller: ComparisonController): () => void {
  const hook: ComparisonTestHook = { snapshot: controller.getSnapshot, goToLevel: (level, role) => controller.goToLevel(level, role) };
  window.__comparisonModel = hook;
  return () => {
    if (window.__comparisonModel === hook) delete window.__comparisonModel;
  };
}
