import { reformatPlane, reformatSliceCount, volumeFromPlanes } from '@shared/geometry';
import type { GeometryResult, ReformatOrientation, VolumeGeometry } from '@shared/geometry';
import type { ImageSource } from '../loader/image-source';
import type { ViewerFrame } from '../loader/types';
import type { ViewerInstance, ViewerSeries } from '../types';
import type { ReformatRequest, ReformatResponse, VoxelType } from './protocol';

export interface ReformatService {
  /**
   * Builds a sagittal or coronal reformat of an axial series: checks it is a regular volume (refuses with the
   * reason otherwise), streams its decoded slices to the worker, and returns a series whose slices are cut on
   * demand. Repeated calls for the same series and orientation return the same result.
   */
  build(series: ViewerSeries, orientation: ReformatOrientation, onProgress?: (done: number, total: number) => void): Promise<GeometryResult<ViewerSeries>>;
  dispose(): void;
}

interface VolumeInfo {
  readonly geometry: VolumeGeometry;
  readonly slope: number;
  readonly intercept: number;
  readonly windowCenter: number;
  readonly windowWidth: number;
  readonly photometric: string;
}

const LOAD_CONCURRENCY = 4;

export const reformatImageId = (volumeId: string, orientation: ReformatOrientation, index: number): string =>
  `reformat:${encodeURIComponent(volumeId)}:${orientation}:${index}`;

function parseReformatId(imageId: string): { volumeId: string; orientation: ReformatOrientation; index: number } | null {
  const [scheme, volume, orientation, index] = imageId.split(':');
  if (scheme !== 'reformat' || volume === undefined || (orientation !== 'sagittal' && orientation !== 'coronal') || index === undefined) return null;
  return { volumeId: decodeURIComponent(volume), orientation, index: Number(index) };
}

function voxelTypeOf(pixels: unknown): VoxelType {
  return pixels instanceof Int16Array || pixels instanceof Int8Array || pixels instanceof Uint8Array ? 'int16' : pixels instanceof Uint16Array ? 'uint16' : 'float32';
}

/**
 * Creates the service and registers the `reformat:` frame provider on the image source. `createWorker` is
 * injectable so the service can be tested without a real worker.
 */
export function createReformatService(
  images: ImageSource,
  createWorker: () => Worker = () => new Worker(new URL('./reformat.worker.ts', import.meta.url), { type: 'module' }),
): ReformatService {
  let worker: Worker | null = null;
  let nextRequest = 1;
  const pending = new Map<number, { resolve: (r: ReformatResponse) => void }>();
  const volumes = new Map<string, VolumeInfo>();
  const building = new Map<string, Promise<GeometryResult<VolumeInfo>>>();

  const getWorker = (): Worker => {
    if (worker !== null) return worker;
    const created = createWorker();
    created.onmessage = (event: MessageEvent<ReformatResponse>) => {
      const waiter = pending.get(event.data.requestId);
      pending.delete(event.data.requestId);
      waiter?.resolve(event.data);
    };
    worker = created;
    return created;
  };
  const post = (message: ReformatRequest, transfer: Transferable[] = []): void => getWorker().postMessage(message, transfer);

  images.setProvider('reformat', async (imageId): Promise<ViewerFrame> => {
    const parsed = parseReformatId(imageId);
    const info = parsed === null ? undefined : volumes.get(parsed.volumeId);
    if (parsed === null || info === undefined) throw new Error(`unknown reformat image ${imageId}`);
    const requestId = nextRequest++;
    const response = await new Promise<ReformatResponse>((resolve) => {
      pending.set(requestId, { resolve });
      post({ type: 'reformat', requestId, volumeId: parsed.volumeId, orientation: parsed.orientation, index: parsed.index });
    });
    if (response.type === 'error') throw new Error(response.reason);
    return {
      rows: response.rows,
      columns: response.columns,
      samplesPerPixel: 1,
      photometricInterpretation: info.photometric,
      pixels: response.pixels,
      rescaleSlope: info.slope,
      rescaleIntercept: info.intercept,
      windowCenter: info.windowCenter,
      windowWidth: info.windowWidth,
    };
  });

  async function loadVolume(series: ViewerSeries, onProgress?: (done: number, total: number) => void): Promise<GeometryResult<VolumeInfo>> {
    if (series.instances.some((i) => i.geometry !== 'patient')) return { ok: false, reason: 'this series has no patient geometry (position/orientation/spacing)' };
    if (series.instances.some((i) => i.source === undefined)) return { ok: false, reason: 'only acquired series can be reformatted' };
    const volume = volumeFromPlanes(series.instances.map((i) => i.plane));
    if (!volume.ok) return { ok: false, reason: `not a regular volume: ${volume.reason}` };
    const first = series.instances[0];
    if (first === undefined) return { ok: false, reason: 'empty series' };
    const firstImage = await images.load(first.imageId);
    if (firstImage.color) return { ok: false, reason: 'colour images are not reformatted' };
    const voxelType = voxelTypeOf(firstImage.getPixelData());
    const volumeId = series.key;
    post({ type: 'init', volumeId, geometry: volume.value, voxelType });
    let done = 0;
    let failure: string | null = null;
    const queue = series.instances.map((instance, index) => ({ instance, index }));
    const worker = async (): Promise<void> => {
      for (let item = queue.shift(); item !== undefined && failure === null; item = queue.shift()) {
        const image = await images.load(item.instance.imageId);
        if (image.slope !== firstImage.slope || image.intercept !== firstImage.intercept) {
          failure = `slice ${item.index} has a different rescale slope/intercept`;
          return;
        }
        // Copied (not transferred): the decoded slice stays in the cache for the axial viewport.
        post({ type: 'slice-data', volumeId, index: item.index, pixels: image.getPixelData() as unknown as ArrayBufferView });
        onProgress?.(++done, series.instances.length);
      }
    };
    await Promise.all(Array.from({ length: LOAD_CONCURRENCY }, worker));
    if (failure !== null) {
      post({ type: 'drop', volumeId });
      return { ok: false, reason: failure };
    }
    const info: VolumeInfo = {
      geometry: volume.value,
      slope: firstImage.slope,
      intercept: firstImage.intercept,
      windowCenter: firstImage.windowCenter,
      windowWidth: firstImage.windowWidth,
      photometric: firstImage.invert ? 'MONOCHROME1' : 'MONOCHROME2',
    };
    volumes.set(volumeId, info);
    return { ok: true, value: info };
  }

  return {
    async build(series, orientation, onProgress) {
      let volume = building.get(series.key);
      if (volume === undefined) {
        volume = loadVolume(series, onProgress);
        building.set(series.key, volume);
      }
      const info = await volume;
      if (!info.ok) {
        building.delete(series.key);
        return info;
      }
      const count = reformatSliceCount(info.value.geometry, orientation);
      const instances: ViewerInstance[] = [];
      for (let index = 0; index < count; index++) {
        const spec = reformatPlane(info.value.geometry, orientation, index);
        if (!spec.ok) return spec;
        const source = series.instances[0];
        instances.push({
          imageId: reformatImageId(series.key, orientation, index),
          instanceNumber: index + 1,
          plane: spec.value.plane,
          geometry: 'patient',
          spacingSource: source?.spacingSource ?? 'PixelSpacing',
          // The reformat's "slice thickness" is the voxel size across it.
          sliceThickness: spec.value.fixedAxis === 'column' ? info.value.geometry.columnSpacing : info.value.geometry.rowSpacing,
        });
      }
      return {
        ok: true,
        value: {
          key: `${series.key}::${orientation}`,
          studyKey: series.studyKey,
          description: `${orientation === 'sagittal' ? 'SAG' : 'COR'} reformat of ${series.description}`,
          modality: series.modality,
          seriesNumber: series.seriesNumber,
          frameOfReferenceUID: series.frameOfReferenceUID,
          orientation,
          instances,
          derivedFrom: { seriesKey: series.key, kind: orientation },
        },
      };
    },
    dispose() {
      worker?.terminate();
      worker = null;
      for (const waiter of pending.values()) waiter.resolve({ type: 'error', requestId: -1, reason: 'reformat service closed' });
      pending.clear();
    },
  };
}
