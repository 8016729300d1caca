// Minimal RGBA drawing for key-image overlays: lines, circles, crosses and a 5×7 bitmap font (level labels,
// digits, a few symbols). No canvas in the CLI, so this is all it takes to burn overlays into a PNG.

export interface Raster {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8Array;
}

export type Rgb = readonly [number, number, number];

export function createRaster(width: number, height: number): Raster {
  return { width, height, rgba: new Uint8Array(width * height * 4) };
}

export function setPixel(r: Raster, x: number, y: number, c: Rgb): void {
  const xi = Math.round(x);
  const yi = Math.round(y);
  if (xi < 0 || yi < 0 || xi >= r.width || yi >= r.height) return;
  const at = (yi * r.width + xi) * 4;
  r.rgba[at] = c[0];
  r.rgba[at + 1] = c[1];
  r.rgba[at + 2] = c[2];
  r.rgba[at + 3] = 255;
}

function dot(r: Raster, x: number, y: number, c: Rgb, thickness: number): void {
  const h = Math.floor(thickness / 2);
  for (let dy = -h; dy < thickness - h; dy++) for (let dx = -h; dx < thickness - h; dx++) setPixel(r, x + dx, y + dy, c);
}

export function drawLine(r: Raster, x0: number, y0: number, x1: number, y1: number, c: Rgb, thickness = 2): void {
  const steps = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0)));
  for (let i = 0; i <= steps; i++) dot(r, x0 + ((x1 - x0) * i) / steps, y0 + ((y1 - y0) * i) / steps, c, thickness);
}

export function drawCircle(r: Raster, cx: number, cy: number, radius: number, c: Rgb, thickness = 2): void {
  const steps = Math.max(16, Math.ceil(2 * Math.PI * radius));
  for (let i = 0; i < steps; i++) {
    const a = (2 * Math.PI * i) / steps;
    dot(r, cx + radius * Math.cos(a), cy + radius * Math.sin(a), c, thickness);
  }
}

export function drawCross(r: Raster, cx: number, cy: number, size: number, c: Rgb, thickness = 2): void {
  drawLine(r, cx - size, cy, cx + size, cy, c, thickness);
  drawLine(r, cx, cy - size, cx, cy + size, c, thickness);
}

/** 5×7 glyphs: 7 rows of 5 columns ('#' = ink). Unknown characters draw as a box. */
const GLYPHS: Record<string, readonly string[]> = {
  '0': ['.###.', '#...#', '#..##', '#.#.#', '##..#', '#...#', '.###.'],
  '1': ['..#..', '.##..', '..#..', '..#..', '..#..', '..#..', '.###.'],
  '2': ['.###.', '#...#', '....#', '...#.', '..#..', '.#...', '#####'],
  '3': ['####.', '....#', '....#', '.###.', '....#', '....#', '####.'],
  '4': ['...#.', '..##.', '.#.#.', '#..#.', '#####', '...#.', '...#.'],
  '5': ['#####', '#....', '####.', '....#', '....#', '#...#', '.###.'],
  '6': ['.###.', '#....', '#....', '####.', '#...#', '#...#', '.###.'],
  '7': ['#####', '....#', '...#.', '..#..', '.#...', '.#...', '.#...'],
  '8': ['.###.', '#...#', '#...#', '.###.', '#...#', '#...#', '.###.'],
  '9': ['.###.', '#...#', '#...#', '.####', '....#', '....#', '.###.'],
  C: ['.###.', '#...#', '#....', '#....', '#....', '#...#', '.###.'],
  T: ['#####', '..#..', '..#..', '..#..', '..#..', '..#..', '..#..'],
  L: ['#....', '#....', '#....', '#....', '#....', '#....', '#####'],
  S: ['.####', '#....', '#....', '.###.', '....#', '....#', '####.'],
  O: ['.###.', '#...#', '#...#', '#...#', '#...#', '#...#', '.###.'],
  A: ['.###.', '#...#', '#...#', '#####', '#...#', '#...#', '#...#'],
  R: ['####.', '#...#', '#...#', '####.', '#.#..', '#..#.', '#...#'],
  X: ['#...#', '#...#', '.#.#.', '..#..', '.#.#.', '#...#', '#...#'],
  '%': ['##...', '##..#', '...#.', '..#..', '.#...', '#..##', '...##'],
  '.': ['.....', '.....', '.....', '.....', '.....', '.##..', '.##..'],
  '-': ['.....', '.....', '.....', '.###.', '.....', '.....', '.....'],
  ' ': ['.....', '.....', '.....', '.....', '.....', '.....', '.....'],
};

export function drawText(r: Raster, x: number, y: number, text: string, c: Rgb, scale = 2): void {
  let cursor = x;
  for (const ch of text.toUpperCase()) {
    const glyph = GLYPHS[ch] ?? ['#####', '#...#', '#...#', '#...#', '#...#', '#...#', '#####'];
    for (let row = 0; row < 7; row++) {
      for (let col = 0; col < 5; col++) {
        if (glyph[row]?.[col] !== '#') continue;
        for (let sy = 0; sy < scale; sy++) for (let sx = 0; sx < scale; sx++) setPixel(r, cursor + col * scale + sx, y + row * scale + sy, c);
      }
    }
    cursor += 6 * scale;
  }
}

/** Text with a dark outline, readable on any grey level. */
export function drawLabel(r: Raster, x: number, y: number, text: string, c: Rgb, scale = 2): void {
  for (const [dx, dy] of [[-1, 0], [1, 0], [0, -1], [0, 1]] as const) drawText(r, x + dx, y + dy, text, [0, 0, 0], scale);
  drawText(r, x, y, text, c, scale);
}
