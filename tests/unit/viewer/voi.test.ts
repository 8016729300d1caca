import { describe, expect, it } from 'vitest';
import { clampVoi, formatVoi, histogramVoi, initialVoi, presetById, VOI_PRESETS } from '../../../src-renderer/viewer/voi';

describe('W/L presets', () => {
  it('has the standard CT windows', () => {
    expect(presetById('bone').voi).toEqual({ windowWidth: 1800, windowCenter: 400 });
    expect(presetById('soft-tissue').voi).toEqual({ windowWidth: 400, windowCenter: 40 });
    expect(presetById('lung').voi).toEqual({ windowWidth: 1500, windowCenter: -600 });
    expect(presetById('brain').voi).toEqual({ windowWidth: 80, windowCenter: 40 });
    expect(new Set(VOI_PRESETS.map((p) => p.id)).size).toBe(VOI_PRESETS.length);
  });

  it('clamps the width to at least 1 and formats rounded values', () => {
    expect(clampVoi({ windowWidth: -5, windowCenter: 10 })).toEqual({ windowWidth: 1, windowCenter: 10 });
    expect(formatVoi({ windowWidth: 399.6, windowCenter: -600.2 })).toBe('W 400 L -600');
  });
});

describe('auto window', () => {
  it('uses the 1st-99th percentile of modality values (slope/intercept applied)', () => {
    const pixels = new Uint16Array(1000);
    for (let i = 0; i < pixels.length; i++) pixels[i] = i;
    const voi = histogramVoi(pixels, 1, -1024);
    expect(voi).not.toBeNull();
    expect(voi?.windowWidth).toBe(979);
    expect(voi?.windowCenter).toBe(-1024 + 10 + 979 / 2);
  });

  it('ignores a few hot pixels', () => {
    const pixels = new Int16Array(10000).fill(100);
    for (let i = 0; i < 5000; i++) pixels[i] = 200;
    pixels[0] = 32000;
    const voi = histogramVoi(pixels);
    expect(voi?.windowWidth).toBe(100);
    expect(voi?.windowCenter).toBe(150);
  });

  it('a flat image still gives a positive width; empty gives null', () => {
    expect(histogramVoi(new Uint8Array(16).fill(7))).toEqual({ windowWidth: 1, windowCenter: 7.5 });
    expect(histogramVoi(new Uint8Array(0))).toBeNull();
  });

  it('prefers valid file values, else falls back to the histogram', () => {
    const px = new Uint8Array([0, 255]);
    expect(initialVoi({ windowCenter: 40, windowWidth: 400 }, px, 1, 0)).toEqual({ windowWidth: 400, windowCenter: 40 });
    expect(initialVoi({ windowCenter: 40, windowWidth: 0 }, px, 1, 0).windowWidth).toBe(255);
    expect(initialVoi({ windowCenter: null, windowWidth: null }, px, 1, 0).windowCenter).toBe(127.5);
  });
});
