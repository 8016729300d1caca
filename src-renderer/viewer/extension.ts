/**
 * The viewer's extension point: how a layer above the viewer (the reading layer: labels, lesions, height tool)
 * draws on every viewport and receives clicks, without forking the viewer. The viewer stays the owner of pixels,
 * slices and tools; the extension owns its own record and draws from it.
 *
 * - `Overlay`: a component rendered inside each viewport above the viewer's SVG layer, given the displayed image's
 *   series, plane and coordinate mappings (patient LPS mm <-> canvas backing pixels). It may take pointer events on
 *   its own elements (e.g. dragging a marker): it should stop propagation so the viewer's tools do not see them.
 * - `clickTool`: while set, a left click on an image (pointer down + up without a drag) is handed over as a
 *   patient-space point instead of going to the active viewer tool. Right/middle buttons and the wheel keep their
 *   viewer meaning (zoom, pan, slices), so the reader can navigate while labelling.
 * - `attach`: the viewer's services, for a layer that steers the viewports (the follow-up comparison).
 * - `measurements`: the record the viewer's own measurement tools (length, angle, Cobb, arrow) write to. The reading
 *   layer passes its annotation document here, so those measurements are undoable, autosaved and restored.
 */
import { createContext, useContext } from 'react';
import type { ComponentType } from 'react';
import type { ImagePoint, Vec3 } from '@shared/geometry';
import type { ViewerServices } from './context';
import type { MeasurementStore } from './measurements/model';
import type { Screen } from './tools/draw';
import type { ViewerInstance, ViewerSeries } from './types';

export interface ViewportClick {
  readonly viewport: number;
  readonly series: ViewerSeries;
  readonly instance: ViewerInstance;
  /** Patient position of the click (LPS mm) on the displayed image. */
  readonly point: Vec3;
  readonly imagePoint: ImagePoint;
  readonly shiftKey: boolean;
}

export interface ViewportOverlayProps {
  readonly viewport: number;
  readonly series: ViewerSeries;
  readonly instance: ViewerInstance;
  /** Backing-canvas size (the SVG viewBox) and device pixel ratio. */
  readonly width: number;
  readonly height: number;
  readonly dpr: number;
  /** Image point -> canvas backing pixels (changes with zoom/pan: re-rendered on every view change). */
  readonly imageToCanvas: (p: ImagePoint) => Screen;
  /** Pointer client coordinates -> patient LPS mm on the displayed image, or null outside a ready image. */
  readonly clientToPatient: (clientX: number, clientY: number) => Vec3 | null;
  /** The window in use (the reader's, else the image's own): recorded with a key image of this view. */
  readonly voi?: { readonly windowWidth: number; readonly windowCenter: number } | null;
}

export interface ClickTool {
  onClick(click: ViewportClick): void;
}

export interface ViewerExtension {
  readonly Overlay?: ComponentType<ViewportOverlayProps>;
  /** null or absent: clicks go to the viewer's own tools. */
  readonly clickTool?: ClickTool | null;
  /** Absent: the Viewer's `measurements` prop, else an in-memory store. */
  readonly measurements?: MeasurementStore;
  /**
   * Given the viewer's services once mounted (and again if they change); returns the detach. A layer that steers
   * viewports from outside (the follow-up comparison's hanging and level link) watches and dispatches to the store.
   */
  readonly attach?: (services: ViewerServices) => () => void;
  /** The Overlay draws the measurements' values itself (placed with its own labels); the viewer draws the shapes only. */
  readonly drawsMeasurementValues?: boolean;
}

export const ViewerExtensionContext = createContext<ViewerExtension>({});

export function useViewerExtension(): ViewerExtension {
  return useContext(ViewerExtensionContext);
}
