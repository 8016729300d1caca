// Deterministic noise: a value per voxel index from an integer hash, independent of evaluation order.

/** 32-bit integer hash (a "lowbias32"-style mixer); stable across platforms. */
function mix(n: number): number {
  let x = n >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Uniform in (0, 1) from a seed and an index. */
export function uniform(seed: number, index: number): number {
  return (mix(mix(seed) ^ mix(index + 0x9e3779b9)) + 0.5) / 4294967296;
}

/** Standard normal from a seed and an index (Box–Muller on two hashed uniforms). */
export function gaussian(seed: number, index: number): number {
  const u1 = uniform(seed, index * 2);
  const u2 = uniform(seed ^ 0x5bd1e995, index * 2 + 1);
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}
