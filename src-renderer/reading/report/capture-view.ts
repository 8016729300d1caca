/**
 * A viewport's current view as a PNG data URL: the displayed image (the cornerstone canvas, window/level applied)
 * with the vector overlays drawn over it at the canvas's backing resolution: measurements, level labels, lesion
 * badges, height lines, and the axial level readout. Left out on purpose: reference lines of other viewports, the
 * shape being drawn, and the text overlay (patient name, IDs), so a capture carries no identifier burned into it.
 *
 * SVG overlays are styled by the app's stylesheets, which an SVG drawn as an image does not see: each element's
 * computed style is copied onto a clone as SVG presentation attributes (not style attributes, which the CSP forbids).
 */

import type { ImageRect } from './view-probe';

const PRESENTATION = [
  'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'stroke-linecap', 'stroke-linejoin',
  'opacity', 'font-family', 'font-size', 'font-weight', 'text-anchor', 'dominant-baseline', 'paint-order', 'vector-effect', 'visibility',
] as const;

/** Overlay parts that are not the reader's annotations of this image. */
const LEFT_OUT = '.vw-refline, [data-testid="reference-line"], .vw-preview';

function inlinedSvg(svg: SVGSVGElement, width: number, height: number): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...svg.querySelectorAll('*')];
  const copies = [clone, ...clone.querySelectorAll('*')];
  originals.forEach((original, i) => {
    const copy = copies[i];
    if (copy === undefined) return;
    const computed = getComputedStyle(original);
    if (computed.display === 'none') {
      copy.setAttribute('display', 'none');
      return;
    }
    for (const name of PRESENTATION) {
      const value = computed.getPropertyValue(name);
      if (value !== '') copy.setAttribute(name, value);
    }
  });
  clone.querySelectorAll(LEFT_OUT).forEach((el) => el.remove());
  clone.removeAttribute('class');
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  return new XMLSerializer().serializeToString(clone);
}

async function svgImage(markup: string): Promise<HTMLImageElement> {
  // A blob: URL (allowed by img-src), revoked once decoded.
  const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    return image;
  } finally {
    URL.revokeObjectURL(url);
  }
}

export class CaptureError extends Error {
  override name = 'CaptureError';
}

/** `crop`: where the image lies on the canvas (view-probe), so the capture leaves out the black letterbox. */
export async function captureViewport(viewport: number, crop?: ImageRect): Promise<string> {
  const host = document.querySelector<HTMLElement>(`[data-testid="viewport-${viewport}"] .vw-host`);
  const source = host?.querySelector<HTMLCanvasElement>('.vw-cs canvas');
  if (host == null || source == null || source.width === 0) throw new CaptureError(`viewport ${viewport + 1} shows no image`);
  const full = document.createElement('canvas');
  full.width = source.width;
  full.height = source.height;
  const context = full.getContext('2d');
  if (context === null) throw new CaptureError('no 2D canvas');
  context.drawImage(source, 0, 0);
  for (const svg of host.querySelectorAll<SVGSVGElement>(':scope > svg')) {
    context.drawImage(await svgImage(inlinedSvg(svg, full.width, full.height)), 0, 0, full.width, full.height);
  }
  // The axial level readout ("L1 (+2.3 mm)") is HTML above the image: drawn as text where it stands.
  const readout = host.querySelector<HTMLElement>('.rd-readout:not(.rd-hidden)');
  if (readout !== null && readout.textContent) {
    const ratio = full.width / host.clientWidth;
    const box = readout.getBoundingClientRect();
    const origin = host.getBoundingClientRect();
    context.font = `600 ${Math.round(14 * ratio)}px "DejaVu Sans", sans-serif`;
    context.textAlign = 'center';
    context.textBaseline = 'middle';
    context.fillStyle = '#f2c14e';
    context.fillText(readout.textContent, (box.left - origin.left + box.width / 2) * ratio, (box.top - origin.top + box.height / 2) * ratio);
  }
  return cropped(full, crop).toDataURL('image/png');
}

/** The part of the canvas the image covers (no letterbox), or the whole canvas when the image fills it (zoomed in). */
function cropped(full: HTMLCanvasElement, rect: ImageRect | undefined): HTMLCanvasElement {
  if (rect === undefined) return full;
  const x0 = Math.max(0, Math.floor(rect.x0));
  const y0 = Math.max(0, Math.floor(rect.y0));
  const x1 = Math.min(full.width, Math.ceil(rect.x1));
  const y1 = Math.min(full.height, Math.ceil(rect.y1));
  if (x1 - x0 < 16 || y1 - y0 < 16) return full;
  const out = document.createElement('canvas');
  out.width = x1 - x0;
  out.height = y1 - y0;
  out.getContext('2d')?.drawImage(full, x0, y0, out.width, out.height, 0, 0, out.width, out.height);
  return out;
}
