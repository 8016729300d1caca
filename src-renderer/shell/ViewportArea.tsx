/** Centre: where src-renderer/viewer mounts its viewports. */
export function ViewportArea() {
  return (
    <main className="viewport-area" aria-label="Image viewport">
      <p className="viewport-empty">No series loaded</p>
    </main>
  );
}
