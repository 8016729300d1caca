import { imagePoint } from '@shared/geometry';
import type { ImagePoint } from '@shared/geometry';
import { cornerstone } from '../cornerstone/bootstrap';
import type { Screen } from '../tools/draw';

/**
 * Coordinate spaces in a viewport, in one place:
 * - image point (geometry): DICOM convention, the CENTRE of the first pixel is (0, 0);
 * - cornerstone pixel: the top-left CORNER of the first pixel is (0, 0), so it is image point + 0.5;
 * - canvas (backing) pixels: cornerstone's canvas, sized CSS size x devicePixelRatio for sharp HiDPI output;
 * - CSS pixels: pointer events (offsetX/offsetY) and the HTML overlays.
 * The SVG overlay uses a viewBox in backing pixels, so canvas coordinates are drawn as they are.
 */
export function imageToCanvas(element: HTMLElement, p: ImagePoint): Screen {
  const c = cornerstone.pixelToCanvas(element, { x: p.column + 0.5, y: p.row + 0.5 } as cornerstone.PixelCoordinate);
  return { x: c.x, y: c.y };
}

export function canvasToImage(element: HTMLElement, p: Screen): ImagePoint {
  const q = cornerstone.canvasToPixel(element, { x: p.x, y: p.y } as cornerstone.CanvasCoordinate);
  return imagePoint(q.x - 0.5, q.y - 0.5);
}

export const cssToCanvas = (p: Screen, dpr: number): Screen => ({ x: p.x * dpr, y: p.y * dpr });
