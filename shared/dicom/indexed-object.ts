import type { InstanceHeader } from './header';

/** One DICOM object found by the indexer: its header and where it came from. */
export interface IndexedObject {
  /** Stable object id (see instance-id.ts); frames append `.n`. */
  readonly id: string;
  /** Index into the index's file table. */
  readonly file: number;
  /** Display path, for problems and as the last tie-breaker in ordering. */
  readonly label: string;
  readonly header: InstanceHeader;
}
