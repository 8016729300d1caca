// Self time per function in a V8 CPU profile (.cpuprofile JSON, from node --cpu-prof or CDP Profiler.stop).
export interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}
export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas?: readonly number[];
}

/** The `count` functions with the most self time: [share of samples, "name  file:line"]. */
export function topSelfTime(profile: CpuProfile, count = 25): [number, string][] {
  const byKey = new Map<string, number>();
  const total = profile.samples.length;
  const counts = new Map<number, number>();
  for (const id of profile.samples) counts.set(id, (counts.get(id) ?? 0) + 1);
  for (const node of profile.nodes) {
    const f = node.callFrame;
    const file = f.url.replace(/^.*\/(node_modules\/|main\/|assets\/)/u, '');
    const key = `${f.functionName || '(anonymous)'}  ${file}:${f.lineNumber + 1}`;
    byKey.set(key, (byKey.get(key) ?? 0) + (counts.get(node.id) ?? 0));
  }
  return [...byKey].sort((a, b) => b[1] - a[1]).slice(0, count).map(([key, n]) => [n / Math.max(1, total), key]);
}
