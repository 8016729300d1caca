import { parseInstanceId } from '@shared/dicom/instance-id';
import type { FileRef, StudyIndex } from '@shared/dicom/index-model';
import { fileRefLabel } from '@shared/dicom/index-model';
import { fileSource } from './byte-source';
import { openZip } from './zip';
import type { ZipArchive } from './zip';

/** Why bytes could not be served: callers (protocol handler, IPC) map the code to a status. */
export class FileBytesError extends Error {
  override readonly name = 'FileBytesError';
  constructor(
    readonly code: 'not-in-index' | 'read-failed',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Reads the bytes behind instance ids of one index, for decoding. */
export interface InstanceBytesReader {
  /** The whole file (or zip entry) of the instance; frames of one object share the file. */
  read(instanceId: string): Promise<Uint8Array>;
  /** Releases open zip archives. */
  close(): void;
}

/** Every object id of the index → its file: the allow-list. */
export function allowListOf(index: StudyIndex): Map<string, FileRef> {
  const out = new Map<string, FileRef>();
  const add = (id: string, file: number): void => {
    const ref = index.files[file];
    if (ref) out.set(parseInstanceId(id).objectId, ref);
  };
  for (const patient of index.patients) {
    for (const study of patient.studies) {
      for (const series of study.series) {
        for (const stack of series.stacks) for (const instance of stack.instances) add(instance.id, instance.file);
        for (const object of series.objects) add(object.id, object.file);
      }
    }
  }
  return out;
}

/**
 * Only files the index holds can be read: an id is looked up, never turned into a path, so a renderer cannot
 * ask for arbitrary files. Zip archives are opened once and kept until close().
 */
export function createInstanceBytesReader(index: StudyIndex): InstanceBytesReader {
  const allowed = allowListOf(index);
  return createLookupBytesReader((objectId) => allowed.get(objectId));
}

/**
 * The same over a lookup that may grow (study-session.ts: the running index's files, then the final allow-list),
 * so pixels of a series are served as soon as its files are indexed.
 */
export function createLookupBytesReader(fileOf: (objectId: string) => FileRef | undefined): InstanceBytesReader {
  const archives = new Map<string, Promise<ZipArchive>>();
  const archive = (path: string): Promise<ZipArchive> => {
    let open = archives.get(path);
    if (!open) {
      open = openZip(path);
      archives.set(path, open);
    }
    return open;
  };
  return {
    async read(instanceId) {
      const ref = fileOf(parseInstanceId(instanceId).objectId);
      if (!ref) throw new FileBytesError('not-in-index', `instance ${instanceId} is not in the index`);
      try {
        if ('path' in ref) return await fileSource(ref.path).readAll();
        return await (await archive(ref.zip)).readEntry(ref.entry, Number.POSITIVE_INFINITY);
      } catch (thrown) {
        const reason = thrown instanceof Error ? thrown.message : String(thrown);
        throw new FileBytesError('read-failed', `cannot read ${fileRefLabel(ref)}: ${reason}`, { cause: thrown });
      }
    },
    close() {
      for (const open of archives.values()) void open.then((a) => a.close(), () => undefined);
      archives.clear();
    },
  };
}
