import { imageToPatient, imagePoint, planeFromDicom, vec3 } from '@shared/geometry';
import type { ImagePlane } from '@shared/geometry';
import type { ViewerInstance, ViewerSeries, ViewerStudy } from '../types';
import type { ViewerFrame } from './types';

/**
 * Deterministic test images from the imageId alone (`synthetic:<rows>x<columns>:<index>:<photometric>`), so
 * rendering can be exercised without files: a body-like ellipse, a bright "vertebra" whose size depends on the
 * slice index, and a corner marker (top-left) that shows orientation and MONOCHROME1 inversion.
 */
export function syntheticFrame(imageId: string): ViewerFrame {
  const [, size = '64x64', indexText = '0', photometric = 'MONOCHROME2'] = imageId.split(':');
  const [rowsText = '64', columnsText = '64'] = size.split('x');
  const rows = Number(rowsText);
  const columns = Number(columnsText);
  const index = Number(indexText);
  if (!(rows > 0 && columns > 0 && Number.isFinite(index))) throw new Error(`bad synthetic imageId ${imageId}`);
  if (photometric === 'RGB') {
    const rgb = new Uint8Array(rows * columns * 3);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < columns; c++) {
        const o = (r * columns + c) * 3;
        rgb[o] = Math.round((255 * c) / columns);
        rgb[o + 1] = Math.round((255 * r) / rows);
        rgb[o + 2] = (index * 40) % 256;
      }
    }
    return { rows, columns, samplesPerPixel: 3, photometricInterpretation: 'RGB', pixels: rgb, rescaleSlope: 1, rescaleIntercept: 0, windowCenter: null, windowWidth: null };
  }
  const pixels = new Uint16Array(rows * columns);
  const radius = Math.min(rows, columns) * (0.12 + 0.04 * Math.sin(index / 3));
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const x = (c - columns / 2) / (columns * 0.42);
      const y = (r - rows / 2) / (rows * 0.4);
      let v = x * x + y * y <= 1 ? 1064 : 24; // soft tissue ~40 HU inside the body, air outside (intercept -1024)
      if (Math.hypot(c - columns / 2, r - rows * 0.6) <= radius) v = 1024 + 700; // bone
      if (r < rows / 8 && c < columns / 8) v = 1024 + 1500; // orientation marker, top left
      pixels[r * columns + c] = v;
    }
  }
  return {
    rows,
    columns,
    samplesPerPixel: 1,
    photometricInterpretation: photometric,
    pixels,
    rescaleSlope: 1,
    rescaleIntercept: -1024,
    windowCenter: 40,
    windowWidth: 400,
  };
}

const plane = (ipp: readonly number[], iop: readonly number[], spacing: number, rows: number, columns: number): ImagePlane => {
  const result = planeFromDicom({ imagePositionPatient: ipp, imageOrientationPatient: iop, pixelSpacing: [spacing, spacing], rows, columns });
  if (!result.ok) throw new Error(result.reason);
  return result.value;
};

/**
 * A synthetic CT study with patient geometry: an axial stack (`axialCount` slices, 1 mm apart) and a sagittal
 * stack through the same volume, sharing a frame of reference. For developing and testing the viewer without files.
 */
export function syntheticStudy(axialCount = 60, size = 128): ViewerStudy {
  const spacing = 1;
  const frameOfReferenceUID = 'synthetic.for.1';
  const axialInstances: ViewerInstance[] = Array.from({ length: axialCount }, (_, i) => ({
    imageId: `synthetic:${size}x${size}:${i}:MONOCHROME2`,
    instanceNumber: i + 1,
    plane: plane([-size / 2, -size / 2, -i * spacing], [1, 0, 0, 0, 1, 0], spacing, size, size),
    geometry: 'patient',
    spacingSource: 'PixelSpacing',
    sliceThickness: spacing,
  }));
  // Sagittal: rows run head to feet over the axial extent, columns anterior to posterior.
  const first = axialInstances[0]?.plane;
  const top = first ? imageToPatient(first, imagePoint(0, 0)) : vec3(0, 0, 0);
  const sagittalInstances: ViewerInstance[] = Array.from({ length: 24 }, (_, i) => ({
    imageId: `synthetic:${axialCount}x${size}:${i}:MONOCHROME2`,
    instanceNumber: i + 1,
    plane: plane([-12 + i, top[1], top[2]], [0, 1, 0, 0, 0, -1], spacing, axialCount, size),
    geometry: 'patient',
    spacingSource: 'PixelSpacing',
    sliceThickness: spacing,
  }));
  const series = (key: string, description: string, orientation: ViewerSeries['orientation'], instances: ViewerInstance[], seriesNumber: number): ViewerSeries => ({
    key,
    studyKey: 'synthetic-study',
    description,
    modality: 'CT',
    seriesNumber,
    frameOfReferenceUID,
    orientation,
    instances,
  });
  return {
    key: 'synthetic-study',
    patientName: 'SYNTHETIC^PHANTOM',
    patientId: 'SYN-0001',
    studyDate: '20240101',
    description: 'Synthetic phantom (no files)',
    modalities: ['CT'],
    series: [series('syn-ax', 'AX synthetic', 'axial', axialInstances, 2), series('syn-sag', 'SAG synthetic', 'sagittal', sagittalInstances, 3)],
  };
}

