// Messages between decode-pool.ts (page) and decode-worker.ts (module worker).

import type { DecodedFrame } from '@shared/dicom/decode/decode-frame';
import type { DicomLoadErrorCode } from '@shared/dicom/decode/errors';

/** Where the file comes from: its bytes (transferred, so the sender loses them) or a URL the worker fetches. */
export type DecodeSource = { readonly bytes: ArrayBuffer; readonly key?: string } | { readonly url: string };

export interface DecodeRequestMessage {
  readonly id: number;
  readonly source: DecodeSource;
  /** 0-based. */
  readonly frame: number;
}

export type DecodeResponseMessage =
  | { readonly id: number; readonly ok: true; readonly frame: DecodedFrame }
  | { readonly id: number; readonly ok: false; readonly code: DicomLoadErrorCode | 'internal'; readonly message: string };
