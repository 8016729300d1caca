/**
 * Stable opaque ids: the same file (and frame) gets the same id every time it is indexed, so a renderer can keep
 * asking for pixels across re-indexing. 64-bit FNV-1a: collisions are negligible at study sizes, and the indexer
 * still checks for them.
 */
export function fileObjectId(fileKey: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x050c5d1f;
  for (let i = 0; i < fileKey.length; i++) {
    const c = fileKey.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x01000193) ^ (h1 >>> 15);
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

/** Id of one frame of a multi-frame object. */
export const frameId = (objectId: string, frame: number): string => `${objectId}.${frame}`;

/** Splits an instance id back into the object id and the frame (undefined for a single-frame instance). */
export function parseInstanceId(id: string): { objectId: string; frame: number | undefined } {
  const dot = id.indexOf('.');
  if (dot < 0) return { objectId: id, frame: undefined };
  const frame = Number(id.slice(dot + 1));
  return { objectId: id.slice(0, dot), frame: Number.isInteger(frame) ? frame : undefined };
}
