import type { EnabledElement, Image } from 'cornerstone-core';
import * as cornerstone from 'cornerstone-core';
import { fillOpaqueGrey, opaqueGreyLut } from './opaque-grey';

/** Grey images get our renderer (ImageSource calls this for every image it builds). */
export function withOpaqueGreyRender(image: Image): void {
  if (!image.color) (image as Image & { render?: (enabled: EnabledElement, invalidated?: boolean) => void }).render = renderOpaqueGrey;
}

/**
 * cornerstone uses the canvas it finds in the element; creating it first with an opaque 2D context (alpha: false)
 * lets the compositor treat the image layer as opaque (no blending with the page beneath). Call before enable.
 */
export function prepareOpaqueCanvas(element: HTMLElement): void {
  if (element.querySelector('canvas.cornerstone-canvas') !== null) return;
  const canvas = document.createElement('canvas');
  canvas.style.display = 'block';
  canvas.classList.add('cornerstone-canvas');
  // desynchronized as cornerstone asks for it (the first getContext call fixes the attributes).
  canvas.getContext('2d', { alpha: false, desynchronized: true });
  element.appendChild(canvas);
}

/**
 * Our grey-image renderer for cornerstone (set as `image.render` on grey images; colour images keep cornerstone's).
 *
 * Why: cornerstone's own grey path writes the window/level result into the ALPHA channel of a white canvas and
 * draws that over a black fill, so every frame the visible canvas blends a translucent, scaled image. Where the
 * canvas is rasterised in software (Chromium without GPU, which is also how the benchmark runs) that scaled blend
 * was the largest single cost of a scrolling frame. Here the pixels are opaque grey (one table lookup and one
 * 32-bit store per pixel) on an opaque source canvas, so the draw is a plain scaled copy. Same LUT as cornerstone
 * (its generateLut: modality LUT, then VOI, then invert), same transform (setToPixelCoordinateSystem), same black
 * fill, same smoothing switch; cornerstone's IMAGE_RENDERED event still follows.
 */

interface GreyTarget {
  readonly canvas: HTMLCanvasElement;
  readonly context: CanvasRenderingContext2D;
  data: ImageData;
  /** The image and window (+ invert) the canvas holds now. */
  image: Image | null;
  key: string;
}

const targets = new WeakMap<HTMLElement, GreyTarget>();
/** Per image: the window it was made for and the 32-bit opaque grey LUT (indexed by stored value - offset). */
const luts = new WeakMap<Image, { key: string; lut32: Uint32Array }>();

function lutKey(viewport: cornerstone.Viewport): string {
  return `${viewport.voi?.windowWidth},${viewport.voi?.windowCenter},${viewport.invert === true}`;
}

function lutFor(image: Image, viewport: cornerstone.Viewport, invalidated: boolean): Uint32Array {
  const key = lutKey(viewport);
  const cached = luts.get(image);
  if (cached !== undefined && cached.key === key && !invalidated && viewport.modalityLUT === undefined && viewport.voiLUT === undefined) return cached.lut32;
  const lut = cornerstone.generateLut(
    image,
    viewport.voi?.windowWidth ?? image.windowWidth,
    viewport.voi?.windowCenter ?? image.windowCenter,
    viewport.invert === true,
    viewport.modalityLUT?.lut,
    viewport.voiLUT?.lut,
  );
  const lut32 = opaqueGreyLut(lut);
  luts.set(image, { key, lut32 });
  return lut32;
}

function targetFor(element: HTMLElement, image: Image): GreyTarget {
  let target = targets.get(element);
  if (target === undefined) {
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { alpha: false });
    if (context === null) throw new Error('no 2D canvas context');
    target = { canvas, context, data: context.createImageData(1, 1), image: null, key: '' };
    targets.set(element, target);
  }
  if (target.canvas.width !== image.width || target.canvas.height !== image.height) {
    target.canvas.width = image.width;
    target.canvas.height = image.height;
    target.data = target.context.createImageData(image.width, image.height);
    target.image = null;
  }
  return target;
}

export function renderOpaqueGrey(enabled: EnabledElement, invalidated?: boolean): void {
  const { image, viewport, canvas, element } = enabled;
  if (image === undefined || viewport === undefined || canvas === undefined) return;
  const context = canvas.getContext('2d');
  if (context === null) return;
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.fillStyle = 'black';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.imageSmoothingEnabled = viewport.pixelReplication !== true;
  cornerstone.setToPixelCoordinateSystem(enabled, context);

  const target = targetFor(element, image);
  const key = lutKey(viewport);
  // The image object, not its id: a recomputed reformat reuses ids with new pixels.
  if (target.image !== image || target.key !== key || invalidated === true) {
    const lut32 = lutFor(image, viewport, invalidated === true);
    fillOpaqueGrey(image.getPixelData() as ArrayLike<number>, lut32, Math.min(image.minPixelValue, 0), new Uint32Array(target.data.data.buffer));
    target.context.putImageData(target.data, 0, 0);
    target.image = image;
    target.key = key;
  }
  context.drawImage(target.canvas, 0, 0, image.width, image.height, 0, 0, image.width, image.height);
}
