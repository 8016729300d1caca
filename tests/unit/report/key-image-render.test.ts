// Key images rendered by the host on the real 3 mm thoracolumbar CT: each lesion's images carry its own mark only,
// the marks and texts are sized for the printed figure (not for the CT's 3 mm pixels) and never overlap, the image
// is interpolated (bilinear, as the viewer's canvas), and the same draft renders the same pictures after a reload.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocument, defaultLesion } from '@shared/annotation/defaults';
import type { AnnotationDocument, LpsPoint } from '@shared/annotation/schema';
import { glyphBoxes, overlappingPairs } from '@shared/overlay/index';
import { chooseKeyImages, keyImageFrame, nearestInstance } from '@shared/report/key-images';
import { findInstance } from '@shared/report/study-info';
import { RULES_VERSION } from '@shared/scoring/index';
import { renderKeyImagePictures } from '../../../src-main/services/report/produce';
import { keyImageGlyphs } from '../../../src-main/services/report/render-key-images';
import { openReportStudy } from '../../../src-main/services/report/study-source';
import type { ReportStudySource } from '../../../src-main/services/report/study-source';
import { DICOM_DATA } from '../../support/shared-data';

const CT = join(DICOM_DATA, 'spine', 'thoracolumbar-ct');
const OUT = resolve(import.meta.dirname, '../../output/key-images');
const truth = JSON.parse(readFileSync(join(CT, 'vertebrae.json'), 'utf8')) as { frameOfReferenceUID: string; vertebrae: Record<string, { lps_mm: LpsPoint }> };

let source: ReportStudySource;
let doc: AnnotationDocument;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  source = await openReportStudy([CT], null, []);
  const sagittal = source.info.series.find((s) => s.orientation === 'sagittal');
  if (sagittal === undefined) throw new Error('no sagittal series');
  doc = createDocument({ studyInstanceUID: source.info.studyInstanceUID, readerName: 'Dr Test Reader', now: '2026-12-01T10:00:00.000Z', appVersion: '0.1.0', rulesVersion: RULES_VERSION });
  doc.labels = Object.entries(truth.vertebrae).map(([name, v]) => {
    const label = name === 'sacrum' ? 'S1' : name;
    const at = nearestInstance(sagittal, v.lps_mm);
    return { id: `lbl-${label}`, label, point: v.lps_mm, frameOfReferenceUID: truth.frameOfReferenceUID, sourceInstance: { sopInstanceUID: at?.sopInstanceUID ?? '', frame: 0 }, proposed: false };
  });
  doc.lesions = [defaultLesion('les-1', ['L1']), defaultLesion('les-2', ['L4'])];
  writeFileSync(join(OUT, 'document.json'), JSON.stringify(doc, null, 1));
}, 120_000);

afterAll(() => source?.close());

const svgOf = (url: string): string => Buffer.from(url.slice(url.indexOf(',') + 1), 'base64').toString('utf8');

/** The RGBA rows of the (unfiltered) PNG our encoder writes. */
function pngRows(png: Buffer): { width: number; height: number; row: (y: number) => Uint8Array } {
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    if (png.toString('ascii', at + 4, at + 8) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  return { width, height, row: (y) => raw.subarray(y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1)) };
}

describe('key images of the real 3 mm CT', () => {
  it('one sagittal and one axial per lesion, each with its own lesion mark only, small print-sized glyphs that never overlap', async () => {
    const choices = chooseKeyImages(doc, source.info);
    expect(choices.map((c) => c.id)).toEqual(['auto-les-1-sagittal', 'auto-les-1-axial', 'auto-les-2-sagittal', 'auto-les-2-axial']);
    const pictures = await renderKeyImagePictures(choices, doc, source);
    for (const choice of choices) {
      const url = pictures[choice.id] ?? '';
      expect(url.startsWith('data:image/svg+xml;base64,'), choice.id).toBe(true);
      const svg = svgOf(url);
      writeFileSync(join(OUT, `${choice.id}.svg`), svg);
      const own = choice.lesionId === 'les-1' ? 'Lesion 1' : 'Lesion 2';
      const other = choice.lesionId === 'les-1' ? 'Lesion 2' : 'Lesion 1';
      expect(svg, choice.id).toContain(`>${own}</text>`);
      expect(svg, choice.id).not.toContain(`>${other}<`);
      // Text is 12 units in a 400-unit-wide figure (82 mm printed: about 7 pt), whatever the CT's pixel size.
      expect([...svg.matchAll(/font-size="([\d.]+)"/g)].map((m) => m[1]).every((v) => v === '12'), choice.id).toBe(true);
      const found = findInstance(source.info, choice.sopInstanceUID, choice.frame);
      if (found === null) throw new Error('instance not found');
      const frame = keyImageFrame(choice, found.series, found.series.rows ?? 0, found.series.columns ?? 0);
      const { glyphs } = keyImageGlyphs(choice, doc, found.series, found.instance, frame);
      expect(overlappingPairs(glyphBoxes(glyphs).map((b) => b.box)), choice.id).toEqual([]);
      // The arrowhead stops short of the lesion's level point: the lesion stays visible.
      const arrow = glyphs.find((g) => g.kind === 'arrow');
      const dot = glyphs.find((g) => g.kind === 'dot' && g.label === (choice.lesionId === 'les-1' ? 'L1' : 'L4'));
      expect(arrow !== undefined && dot !== undefined && dot.kind === 'dot' && (arrow.box.x0 >= dot.x + 4 || arrow.box.x1 <= dot.x - 4), choice.id).toBe(true);
      // The axial shows its level on the image.
      if (choice.id.endsWith('axial')) expect(glyphs.filter((g) => g.kind === 'dot').map((g) => (g.kind === 'dot' ? g.label : '')), choice.id).toEqual([choice.lesionId === 'les-1' ? 'L1' : 'L4']);
    }
  }, 120_000);

  it('the image is interpolated (bilinear), not blown-up pixels, at twice the figure size', async () => {
    const [choice] = chooseKeyImages(doc, source.info);
    if (choice === undefined) throw new Error('no key image');
    const svg = svgOf((await renderKeyImagePictures([choice], doc, source))[choice.id] ?? '');
    const href = /href="data:image\/png;base64,([^"]+)"/.exec(svg)?.[1] ?? '';
    const png = pngRows(Buffer.from(href, 'base64'));
    expect(png.width).toBe(2 * Number(/width="(\d+)"/.exec(svg)?.[1]));
    // 101 CT columns spread over 800 pixels: nearest-neighbour would repeat each value about 8 times along a row.
    const row = png.row(Math.floor(png.height / 2));
    let same = 0;
    let counted = 0;
    for (let x = 1; x < png.width; x++) {
      const a = row[x * 4] ?? 0;
      const b = row[(x - 1) * 4] ?? 0;
      // Tissue only: air and bone clipped by the window are flat either way.
      if (Math.min(a, b) < 10 || Math.max(a, b) > 245) continue;
      counted++;
      if (a === b) same++;
    }
    expect(counted).toBeGreaterThan(100);
    expect(same / counted).toBeLessThan(0.5);
  }, 60_000);

  it('a reloaded draft renders the same pictures (the key image record is the picture)', async () => {
    const reloaded = JSON.parse(JSON.stringify(doc)) as AnnotationDocument;
    const a = await renderKeyImagePictures(chooseKeyImages(doc, source.info), doc, source);
    const b = await renderKeyImagePictures(chooseKeyImages(reloaded, source.info), reloaded, source);
    expect(b).toEqual(a);
  }, 120_000);
});
