import type { Hanging } from '../hanging';
import type { LayoutId, ToolId } from '../shortcuts';
import type { PresetId, Voi } from '../voi';
import { clampVoi } from '../voi';
import { clampScale } from '../tools/drag';
import type { Translation } from '../tools/drag';

/**
 * The viewer's state as plain data. Cornerstone's viewport is a view of this: components push it into
 * cornerstone, never the other way round (so tests can assert on the model, and a re-mount restores the view).
 */
export interface ViewportState {
  readonly seriesKey: string | null;
  readonly sliceIndex: number;
  /**
   * true while the slice is the one the viewer chose (the middle of the stack) and the reader has not moved it: a
   * stack that grows while its study indexes keeps such a viewport at its new middle, not the partial stack's.
   */
  readonly centred: boolean;
  /** null = each image's own window (file values, else histogram). */
  readonly voi: Voi | null;
  readonly preset: PresetId | 'custom';
  readonly invert: boolean;
  /** Display scale (screen pixels per image pixel); null = fit to the viewport. */
  readonly scale: number | null;
  /** Pan, in image pixels (cornerstone's convention). */
  readonly translation: Translation;
  readonly cine: boolean;
  /** A message shown over the viewport (e.g. why a reformat was refused). */
  readonly notice: string | null;
}

export const LAYOUT_SIZE: Readonly<Record<LayoutId, number>> = { '1x1': 1, '1x2': 2, '2x2': 4 };
export const MAX_VIEWPORTS = 4;

export interface ViewerState {
  readonly layout: LayoutId;
  readonly viewports: readonly ViewportState[];
  readonly active: number;
  readonly tool: ToolId;
  readonly selectedMeasurementId: string | null;
  readonly referenceLines: boolean;
  readonly overlayText: boolean;
  readonly help: boolean;
}

export const emptyViewport = (seriesKey: string | null = null): ViewportState => ({
  seriesKey,
  sliceIndex: 0,
  centred: false,
  voi: null,
  preset: 'default',
  invert: false,
  scale: null,
  translation: { x: 0, y: 0 },
  cine: false,
  notice: null,
});

export const initialViewerState = (): ViewerState => ({
  layout: '1x1',
  viewports: Array.from({ length: MAX_VIEWPORTS }, () => emptyViewport()),
  active: 0,
  tool: 'wl',
  selectedMeasurementId: null,
  referenceLines: true,
  overlayText: true,
  help: false,
});

export type ViewerAction =
  /** keepSameSeries: a viewport that keeps its series keeps its view (slice, window, zoom, pan); used on re-hang. */
  | { readonly type: 'hang'; readonly hanging: Hanging; readonly initialSlice: (seriesKey: string) => number; readonly keepSameSeries?: boolean }
  /** centred: the slice is the stack's middle, chosen by the viewer (see ViewportState.centred). */
  | { readonly type: 'assign'; readonly viewport: number; readonly seriesKey: string; readonly sliceIndex: number; readonly centred?: boolean }
  | { readonly type: 'slice'; readonly viewport: number; readonly index: number; readonly count: number }
  /** The image on screen moved within the catalogue (a series grew while indexing): same view, new place. */
  | { readonly type: 'follow'; readonly viewport: number; readonly seriesKey: string; readonly sliceIndex: number }
  | { readonly type: 'voi'; readonly viewport: number; readonly voi: Voi | null; readonly preset: PresetId | 'custom' }
  | { readonly type: 'invert'; readonly viewport: number }
  | { readonly type: 'scale'; readonly viewport: number; readonly scale: number | null }
  | { readonly type: 'translate'; readonly viewport: number; readonly translation: Translation }
  | { readonly type: 'fit'; readonly viewport: number }
  | { readonly type: 'reset'; readonly viewport: number }
  | { readonly type: 'cine'; readonly viewport: number; readonly on: boolean }
  | { readonly type: 'notice'; readonly viewport: number; readonly notice: string | null }
  | { readonly type: 'layout'; readonly layout: LayoutId }
  | { readonly type: 'activate'; readonly viewport: number }
  | { readonly type: 'tool'; readonly tool: ToolId }
  | { readonly type: 'select'; readonly id: string | null }
  | { readonly type: 'toggle'; readonly what: 'referenceLines' | 'overlayText' | 'help' }
  | { readonly type: 'close-help' };

const clampIndex = (index: number, count: number): number => (count <= 0 ? 0 : Math.min(count - 1, Math.max(0, Math.round(index))));

function updateViewport(state: ViewerState, index: number, change: (v: ViewportState) => ViewportState): ViewerState {
  const current = state.viewports[index];
  if (current === undefined) return state;
  const next = change(current);
  if (next === current) return state;
  return { ...state, viewports: state.viewports.map((v, i) => (i === index ? next : v)) };
}

/** Pure reducer: every viewer change goes through here (unit-tested, and the only writer of the state). */
export function viewerReducer(state: ViewerState, action: ViewerAction): ViewerState {
  switch (action.type) {
    case 'hang': {
      const viewports = Array.from({ length: MAX_VIEWPORTS }, (_, i) => {
        const key = action.hanging.viewports[i] ?? null;
        const before = state.viewports[i];
        if (action.keepSameSeries === true && key !== null && before?.seriesKey === key) return { ...before, cine: false, notice: null };
        return key === null ? emptyViewport() : { ...emptyViewport(key), sliceIndex: action.initialSlice(key), centred: true };
      });
      return { ...state, layout: action.hanging.layout, viewports, active: 0, selectedMeasurementId: null };
    }
    case 'assign':
      return updateViewport({ ...state, active: action.viewport }, action.viewport, () => ({ ...emptyViewport(action.seriesKey), sliceIndex: action.sliceIndex, centred: action.centred === true }));
    case 'follow':
      return updateViewport(state, action.viewport, (v) => ({ ...v, seriesKey: action.seriesKey, sliceIndex: Math.max(0, Math.round(action.sliceIndex)) }));
    case 'slice':
      return updateViewport(state, action.viewport, (v) => {
        const index = clampIndex(action.index, action.count);
        return index === v.sliceIndex ? v : { ...v, sliceIndex: index, centred: false };
      });
    case 'voi':
      return updateViewport(state, action.viewport, (v) => ({ ...v, voi: action.voi === null ? null : clampVoi(action.voi), preset: action.preset }));
    case 'invert':
      return updateViewport(state, action.viewport, (v) => ({ ...v, invert: !v.invert }));
    case 'scale':
      return updateViewport(state, action.viewport, (v) => ({ ...v, scale: action.scale === null ? null : clampScale(action.scale) }));
    case 'translate':
      return updateViewport(state, action.viewport, (v) => ({ ...v, translation: action.translation }));
    case 'fit':
      return updateViewport(state, action.viewport, (v) => ({ ...v, scale: null, translation: { x: 0, y: 0 } }));
    case 'reset':
      return updateViewport(state, action.viewport, (v) => ({ ...emptyViewport(v.seriesKey), sliceIndex: v.sliceIndex, centred: v.centred }));
    case 'cine':
      return updateViewport(state, action.viewport, (v) => (v.cine === action.on ? v : { ...v, cine: action.on }));
    case 'notice':
      return updateViewport(state, action.viewport, (v) => (v.notice === action.notice ? v : { ...v, notice: action.notice }));
    case 'layout': {
      const size = LAYOUT_SIZE[action.layout];
      return { ...state, layout: action.layout, active: Math.min(state.active, size - 1) };
    }
    case 'activate':
      return action.viewport === state.active || action.viewport < 0 || action.viewport >= LAYOUT_SIZE[state.layout] ? state : { ...state, active: action.viewport };
    case 'tool':
      return { ...state, tool: action.tool };
    case 'select':
      return { ...state, selectedMeasurementId: action.id };
    case 'toggle':
      return { ...state, [action.what]: !state[action.what] };
    case 'close-help':
      return state.help ? { ...state, help: false } : state;
  }
}
