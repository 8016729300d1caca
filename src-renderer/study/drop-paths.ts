/** What the Electron preload exposes as `window.droppedFiles` (its twin is in src-main/preload.ts). */
export interface DroppedFilesBridge {
  pathOf(file: File): string;
}

declare global {
  interface Window {
    /** Electron only: the filesystem path behind a dropped File. Absent in browser mode. */
    readonly droppedFiles?: DroppedFilesBridge;
  }
}

export type DropOutcome = { readonly kind: 'paths'; readonly paths: string[] } | { readonly kind: 'no-paths'; readonly message: string };

const BROWSER_DROP_MESSAGE =
  'A browser does not tell the app where dropped files live. Type the folder path in the field instead (or use the desktop app).';

/** Paths of dropped files: Electron knows them (webUtils via the preload); a browser never does. */
export function dropOutcome(files: readonly File[], bridge: DroppedFilesBridge | undefined): DropOutcome {
  if (bridge === undefined) return { kind: 'no-paths', message: BROWSER_DROP_MESSAGE };
  const paths = files.map((file) => bridge.pathOf(file)).filter((path) => path !== '');
  return paths.length > 0 ? { kind: 'paths', paths } : { kind: 'no-paths', message: 'The dropped items have no file paths.' };
}
