import { mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../../src-main/ipc/dispatch';
import { createHandlers } from '../../../src-main/ipc/handlers';
import { lastStudyFile } from '../../../src-main/services/app-paths';
import { readPixels } from '../../../src-main/services/pixel-route';
import { createStudySessions, StudySessionGone, type StudySessions, type StudySessionsOptions } from '../../../src-main/services/study-session';
import { DICOM_DATA } from '../../support/shared-data';

// The session lifecycle in main: what a reloaded page, a stale session id and a restarted host get back.
const LUMBAR = join(DICOM_DATA, 'spine', 'lumbar-mr-axial-t2');
const CT_SAGITTAL = join(DICOM_DATA, 'spine', 'thoracolumbar-ct', 'sagittal');
const CT_AXIAL = join(DICOM_DATA, 'spine', 'thoracolumbar-ct', 'axial');

const open: StudySessions[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.closeAll();
});

function sessionsAt(dataDir: string, extra: Partial<StudySessionsOptions> = {}): StudySessions {
  const sessions = createStudySessions({ dataDir, lastStudyFile: lastStudyFile(dataDir), ...extra });
  open.push(sessions);
  return sessions;
}

const tempDir = (prefix: string): string => mkdtempSync(join(tmpdir(), prefix));

describe('study sessions: lifecycle', () => {
  it('a reloaded page gets the newest session back, after three studies opened one after another', async () => {
    const sessions = sessionsAt(tempDir('lifecycle-'), { initialPaths: [LUMBAR] });
    const first = await sessions.initial();
    expect(first).toMatchObject({ status: 'open', opened: 'paths', source: { kind: 'paths', paths: [LUMBAR] } });
    const b = sessions.open([CT_SAGITTAL]);
    const c = sessions.open([CT_AXIAL]);
    expect(new Set([first.status === 'open' ? first.sessionId : '', b, c]).size).toBe(3);
    const reloaded = await sessions.initial();
    expect(reloaded).toEqual({ status: 'open', sessionId: c, opened: 'current', source: { kind: 'paths', paths: [CT_AXIAL] } });
    const index = await sessions.getIndex(c);
    expect(index.sources).toEqual([CT_AXIAL]);
    expect(index.files.length).toBe(112);
  });

  it('a stale session id gets a typed "session-gone" answer, not a handler failure', async () => {
    const sessions = sessionsAt(tempDir('lifecycle-'), { maxSessions: 1 });
    const a = sessions.open([LUMBAR]);
    const b = sessions.open([CT_SAGITTAL]);
    // Beyond maxSessions the oldest is closed, never the current one.
    await expect(sessions.getIndex(a)).rejects.toBeInstanceOf(StudySessionGone);
    expect(() => sessions.getPartialIndex(a)).toThrow(StudySessionGone);
    await expect(sessions.getIndex(b)).resolves.toMatchObject({ sources: [CT_SAGITTAL] });

    const handlers = createHandlers({ mode: 'browser', identity: { version: '1.0.0' }, studies: sessions, logLine: () => undefined });
    const onFailure = vi.fn();
    for (const channel of ['study:get-index', 'study:get-partial-index', 'study:cancel'] as const) {
      const result = await dispatch(channel, { sessionId: a }, handlers, onFailure);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.refusal.code).toBe('session-gone');
    }
    // An expected answer: nothing is reported as a failure (no stack in the host log).
    expect(onFailure).not.toHaveBeenCalled();
    // A session id from before a restart: the same answer.
    const unknown = await dispatch('study:get-index', { sessionId: 'FromAnEarlierRun' }, handlers, onFailure);
    expect(unknown.ok ? null : unknown.refusal.code).toBe('session-gone');
    expect((await readPixels(sessions, `/pixels/${a}/0123abcd`)).status).toBe(404);
  });

  it('an unexpected handler failure is logged as one plain line', async () => {
    const sessions = sessionsAt(tempDir('lifecycle-'));
    const handlers = createHandlers({ mode: 'browser', identity: { version: '1.0.0' }, studies: sessions, logLine: () => undefined });
    const failing = { ...handlers, 'study:recent': () => Promise.reject(new Error('disk\ngone')) };
    const lines: unknown[][] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void lines.push(args));
    try {
      const result = await dispatch('study:recent', {}, failing);
      expect(result.ok ? null : result.refusal.code).toBe('handler-failed');
    } finally {
      spy.mockRestore();
    }
    expect(lines).toEqual([['[ipc] handler for study:recent failed: Error: disk gone']]);
  });

  it('a restarted host reopens the last study shown from its recorded paths', async () => {
    const dataDir = tempDir('lifecycle-');
    const before = sessionsAt(dataDir);
    before.open([LUMBAR]);
    const last = before.open([CT_SAGITTAL]);
    await before.getIndex(last);
    before.closeAll();
    expect(JSON.parse(readFileSync(lastStudyFile(dataDir), 'utf8'))).toMatchObject({ version: 1, source: { kind: 'paths', paths: [CT_SAGITTAL] } });
    // It names a patient: private like the recent list.
    expect(statSync(lastStudyFile(dataDir)).mode & 0o777).toBe(0o600);

    const after = sessionsAt(dataDir);
    // The page still holds the old id: gone, typed.
    await expect(after.getIndex(last)).rejects.toBeInstanceOf(StudySessionGone);
    const initial = await after.initial();
    expect(initial).toMatchObject({ status: 'open', opened: 'last', source: { kind: 'paths', paths: [CT_SAGITTAL] } });
    if (initial.status !== 'open') return;
    expect((await after.getIndex(initial.sessionId)).files.length).toBe(40);
    // A reload of that page then gets the same session.
    expect(await after.initial()).toMatchObject({ sessionId: initial.sessionId, opened: 'current' });
  });

  it('a superseded open is not recorded as the last study', async () => {
    const dataDir = tempDir('lifecycle-');
    const sessions = sessionsAt(dataDir);
    const a = sessions.open([CT_AXIAL]);
    const b = sessions.open([LUMBAR]);
    await Promise.all([sessions.getIndex(a), sessions.getIndex(b)]);
    expect(JSON.parse(readFileSync(lastStudyFile(dataDir), 'utf8'))).toMatchObject({ source: { kind: 'paths', paths: [LUMBAR] } });
  });

  it('a prior (role "prior") is a session of its own: never the current one, not the last study, not recent, kept open', async () => {
    const dataDir = tempDir('lifecycle-');
    const sessions = sessionsAt(dataDir, { maxSessions: 2 });
    const current = sessions.open([CT_AXIAL]);
    const prior = sessions.open([LUMBAR], 'prior');
    await Promise.all([sessions.getIndex(current), sessions.getIndex(prior)]);
    expect(await sessions.initial()).toMatchObject({ status: 'open', sessionId: current, opened: 'current' });
    expect(JSON.parse(readFileSync(lastStudyFile(dataDir), 'utf8'))).toMatchObject({ source: { kind: 'paths', paths: [CT_AXIAL] } });
    expect((await sessions.recent()).map((r) => r.paths)).not.toContainEqual([LUMBAR]);
    // Another study opened as the current one: the older current session may go, the prior hung beside it stays.
    const next = sessions.open([CT_SAGITTAL]);
    await sessions.getIndex(next);
    await expect(sessions.getIndex(current)).rejects.toBeInstanceOf(StudySessionGone);
    expect((await sessions.getIndex(prior)).sources).toEqual([LUMBAR]);
  });

  it('a restarted host whose last study moved answers with the start page and what is missing', async () => {
    const dataDir = tempDir('lifecycle-');
    const moved = join(tempDir('lifecycle-study-'), 'study');
    // A link to the real folder, then removed: the study "moved" without copying any file.
    symlinkSync(LUMBAR, moved);
    const before = sessionsAt(dataDir);
    await before.getIndex(before.open([moved]));
    before.closeAll();
    rmSync(moved);

    const after = sessionsAt(dataDir);
    const initial = await after.initial();
    expect(initial).toMatchObject({ status: 'start', unavailable: { missingPath: moved } });
    if (initial.status !== 'start') return;
    expect(initial.unavailable?.patientName).not.toBe('');
    // Nothing was opened for it, and the answer stays the same on a reload.
    expect(await after.initial()).toEqual(initial);
    // Once the reader opens a study, a reload gets that one.
    const opened = after.open([LUMBAR]);
    expect(await after.initial()).toMatchObject({ status: 'open', sessionId: opened, opened: 'current' });
  });
});
