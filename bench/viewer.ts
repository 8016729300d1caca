// Viewer part (scrolling fps, time to first image, image-cache memory): placeholder until the viewer is wired.
export function viewerBench(): Promise<string[]> {
  return Promise.resolve(['viewer part not measured yet (see docs/benchmarks.md)']);
}
