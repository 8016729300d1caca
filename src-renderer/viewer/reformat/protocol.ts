import type { ReformatOrientation, VolumeGeometry } from '@shared/geometry';

/** Messages between the reformat client and its worker. The worker keeps whole volumes; slices are made on demand. */
export type VoxelType = 'int16' | 'uint16' | 'float32';

export type ReformatRequest =
  | { readonly type: 'init'; readonly volumeId: string; readonly geometry: VolumeGeometry; readonly voxelType: VoxelType }
  | { readonly type: 'slice-data'; readonly volumeId: string; readonly index: number; readonly pixels: ArrayBufferView }
  | { readonly type: 'reformat'; readonly requestId: number; readonly volumeId: string; readonly orientation: ReformatOrientation; readonly index: number }
  | { readonly type: 'drop'; readonly volumeId: string };

export type ReformatResponse =
  | { readonly type: 'slice'; readonly requestId: number; readonly rows: number; readonly columns: number; readonly pixels: Int16Array | Uint16Array | Float32Array }
  | { readonly type: 'error'; readonly requestId: number; readonly reason: string };
