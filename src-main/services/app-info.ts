import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RequestOf, ResponseOf } from '@shared/ipc/contract';

/** The name users see (window title, top bar); package.json's `name` is the npm identifier. */
export const APP_DISPLAY_NAME = 'Spine Met Annotator';

export type HostMode = ResponseOf<'app:info'>['mode'];

export interface AppIdentity {
  readonly version: string;
  /** Version of the scoring rule tables; undefined until the scoring core exports one. */
  readonly rulesVersion?: string | undefined;
}

/** Reads the version from the project's package.json (the web host runs from source, without Electron's app). */
export function readPackageVersion(projectDir: string): string {
  const parsed: unknown = JSON.parse(readFileSync(join(projectDir, 'package.json'), 'utf8'));
  if (typeof parsed === 'object' && parsed !== null && 'version' in parsed && typeof parsed.version === 'string') {
    return parsed.version;
  }
  throw new Error(`no version in ${join(projectDir, 'package.json')}`);
}

export function appInfoHandler(
  mode: HostMode,
  identity: AppIdentity,
): (request: RequestOf<'app:info'>) => Promise<ResponseOf<'app:info'>> {
  const info: ResponseOf<'app:info'> = {
    name: APP_DISPLAY_NAME,
    version: identity.version,
    mode,
    ...(identity.rulesVersion === undefined ? {} : { rulesVersion: identity.rulesVersion }),
  };
  return async () => info;
}
