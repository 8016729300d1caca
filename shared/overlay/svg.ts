/**
 * Glyphs as SVG (pure string building): the report's key images are an SVG holding the interpolated image and
 * these glyphs, so the PDF prints the overlay as vector text and lines at the figure's size. The viewer draws the
 * same glyphs with the same colours and widths (src-renderer/reading/OverlayGlyphs.tsx).
 */
import type { Glyph, GlyphRole } from './glyphs';

export const GLYPH_COLOURS: Readonly<Record<GlyphRole, string>> = { level: '#f2c14e', lesion: '#ff5a4f', measurement: '#5ee07a' };
export const GLYPH_FONT = "'DejaVu Sans', Arial, Helvetica, sans-serif";
/** Line widths in CSS pixels (times the overlay's unit). */
export const GLYPH_STROKES = { leader: 1, measurement: 1.5, outline: 3 } as const;

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const n = (v: number): string => (Math.round(v * 100) / 100).toString();

/** SVG elements for the glyphs (no <svg> wrapper). */
export function glyphsToSvg(glyphs: readonly Glyph[], unit: number): string {
  const out: string[] = [];
  for (const g of glyphs) {
    const colour = GLYPH_COLOURS[g.role];
    switch (g.kind) {
      case 'line':
        out.push(`<line x1="${n(g.x1)}" y1="${n(g.y1)}" x2="${n(g.x2)}" y2="${n(g.y2)}" stroke="${colour}" stroke-width="${n((g.leader ? GLYPH_STROKES.leader : GLYPH_STROKES.measurement) * unit)}"${g.leader ? ' stroke-opacity="0.85"' : ''}/>`);
        break;
      case 'dot':
        out.push(`<circle cx="${n(g.x)}" cy="${n(g.y)}" r="${n(g.r)}" fill="${colour}" stroke="#000" stroke-width="${n(unit)}"${g.faint ? ' opacity="0.45"' : ''}/>`);
        break;
      case 'arrow':
        out.push(`<polygon points="${g.points.map((p) => `${n(p.x)},${n(p.y)}`).join(' ')}" fill="${colour}" stroke="#000" stroke-width="${n(unit * 0.75)}"/>`);
        break;
      case 'text':
        out.push(`<text x="${n(g.x)}" y="${n(g.y)}" font-size="${n(g.fontSize)}" font-family="${esc(GLYPH_FONT)}" font-weight="600" text-anchor="${g.align}" fill="${colour}" stroke="#000" stroke-width="${n(GLYPH_STROKES.outline * unit)}" paint-order="stroke" stroke-linejoin="round">${esc(g.text)}</text>`);
        break;
    }
  }
  return out.join('');
}

/** A key image: the image (a PNG data URL) at width×height with the glyphs over it. */
export function keyImageSvg(width: number, height: number, imageDataUrl: string, glyphs: readonly Glyph[], unit: number): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><rect width="${width}" height="${height}" fill="#000"/><image x="0" y="0" width="${width}" height="${height}" preserveAspectRatio="none" href="${imageDataUrl}" xlink:href="${imageDataUrl}"/>${glyphsToSvg(glyphs, unit)}</svg>`;
}
