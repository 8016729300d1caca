import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

/**
 * Where the app keeps its own files (the generated sample study, the recent-studies list). Electron passes
 * app.getPath('userData'); browser mode has no Electron app, so it uses a per-user cache folder:
 * $XDG_CACHE_HOME/spine-met-annotator, else ~/.cache/spine-met-annotator. Nothing here ever leaves the machine.
 */
export const APP_DIR_NAME = 'spine-met-annotator';

export function browserDataDir(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  const xdg = env.XDG_CACHE_HOME;
  // The XDG spec says relative values are invalid and must be ignored.
  const base = xdg !== undefined && xdg !== '' && isAbsolute(xdg) ? xdg : join(home, '.cache');
  return join(base, APP_DIR_NAME);
}

export const sampleStudyDir = (dataDir: string): string => join(dataDir, 'sample-study');
export const sampleFollowUpDir = (dataDir: string): string => join(dataDir, 'sample-follow-up');
export const recentStudiesFile = (dataDir: string): string => join(dataDir, 'recent-studies.json');
/** The last study shown, reopened by a restarted host (last-study.ts). */
export const lastStudyFile = (dataDir: string): string => join(dataDir, 'last-study.json');
