import { thrownText } from '@shared/dicom/decode/errors';
import { PixelAccessError, StudySessionGone, type StudySessions } from './study-session';

/**
 * `pixels/<sessionId>/<instanceId>`: the one URL shape for DICOM bytes in both modes (web host GET, Electron's
 * app:// protocol), so the renderer's PixelSource is a single relative fetch. Ids are looked up, never used as paths.
 */
export const PIXELS_PREFIX = '/pixels/';

const SESSION_ID = /^[A-Za-z0-9_-]{8,64}$/;
const INSTANCE_ID = /^[A-Za-z0-9~._-]{1,128}$/;

export function parsePixelPath(pathname: string): { sessionId: string; instanceId: string } | null {
  if (!pathname.startsWith(PIXELS_PREFIX)) return null;
  const parts = pathname.slice(PIXELS_PREFIX.length).split('/');
  if (parts.length !== 2) return null;
  const [sessionId = '', instanceId = ''] = parts;
  return SESSION_ID.test(sessionId) && INSTANCE_ID.test(instanceId) ? { sessionId, instanceId } : null;
}

export type PixelResponse =
  | { readonly status: 200; readonly body: Uint8Array; readonly headers: Record<string, string> }
  | { readonly status: 400 | 404 | 500; readonly message: string };

/** Headers of a served DICOM file: never cached (patient data), never sniffed. */
export const PIXEL_HEADERS: Readonly<Record<string, string>> = { 'Content-Type': 'application/dicom', 'Cache-Control': 'no-store' };

export async function readPixels(sessions: StudySessions, pathname: string): Promise<PixelResponse> {
  const ids = parsePixelPath(pathname);
  if (ids === null) return { status: 400, message: 'expected pixels/<sessionId>/<instanceId>' };
  try {
    const body = await sessions.readInstance(ids.sessionId, ids.instanceId);
    return { status: 200, body, headers: { ...PIXEL_HEADERS } };
  } catch (error) {
    if (error instanceof StudySessionGone || (error instanceof PixelAccessError && error.code !== 'read-failed')) return { status: 404, message: error.message };
    return { status: 500, message: thrownText(error) };
  }
}
