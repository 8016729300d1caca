import { describe, expect, it } from 'vitest';
import { contract, events } from '@shared/ipc/contract';
import { MAX_OPEN_PATHS } from '@shared/ipc/study-schemas';
import { dispatch } from '../../../src-main/ipc/dispatch';
import { createHandlers } from '../../../src-main/ipc/handlers';
import type { StudySessions } from '../../../src-main/services/study-session';

const ok = (schema: { safeParse(v: unknown): { success: boolean } }, value: unknown): boolean => schema.safeParse(value).success;

describe('study channel schemas', () => {
  it('study:open takes 1..MAX non-empty path strings and nothing else', () => {
    const req = contract['study:open'].request;
    expect(ok(req, { paths: ['/data/study'] })).toBe(true);
    expect(ok(req, { paths: [] })).toBe(false);
    expect(ok(req, { paths: [''] })).toBe(false);
    expect(ok(req, { paths: [42] })).toBe(false);
    expect(ok(req, { paths: '/data/study' })).toBe(false);
    expect(ok(req, { paths: ['/a'], extra: true })).toBe(false);
    expect(ok(req, { paths: Array.from({ length: MAX_OPEN_PATHS + 1 }, (_, i) => `/p${i}`) })).toBe(false);
    expect(ok(req, { paths: ['x'.repeat(5000)] })).toBe(false);
  });

  it('session ids are short url-safe tokens: no slashes, dots or empties', () => {
    const req = contract['study:get-index'].request;
    expect(ok(req, { sessionId: 'AbCdEf_123-xyz' })).toBe(true);
    for (const bad of ['', 'short', '../../etc/passwd', 'a/b/c/d/e/f', 'x'.repeat(65), 7]) expect(ok(req, { sessionId: bad })).toBe(false);
    expect(ok(contract['study:cancel'].request, {})).toBe(false);
  });

  it('study:pick takes a kind; its answer is picked/cancelled/unavailable', () => {
    expect(ok(contract['study:pick'].request, { kind: 'folder' })).toBe(true);
    expect(ok(contract['study:pick'].request, { kind: 'anything' })).toBe(false);
    expect(ok(contract['study:pick'].response, { status: 'picked', paths: [] })).toBe(false);
    expect(ok(contract['study:pick'].response, { status: 'unavailable', reason: 'no dialog' })).toBe(true);
  });

  it('study:open-sample names one of the built-in samples, or none (the baseline); a source remembers which', () => {
    const req = contract['study:open-sample'].request;
    const cases: [unknown, boolean][] = [
      [{}, true],
      [{ sample: 'sample' }, true],
      [{ sample: 'sample-follow-up' }, true],
      [{ sample: 'other' }, false],
      [{ sample: '/etc' }, false],
      [{ paths: ['/a'] }, false],
    ];
    for (const [value, accepted] of cases) expect([value, ok(req, value)]).toEqual([value, accepted]);
    const initial = contract['study:initial'].response;
    const open = { status: 'open', sessionId: 'AbCdEf_123', opened: 'current' };
    expect(ok(initial, { ...open, source: { kind: 'sample', sample: 'sample-follow-up' } })).toBe(true);
    expect(ok(initial, { ...open, source: { kind: 'sample', sample: 'elsewhere' } })).toBe(false);
  });

  it('progress events refuse negative counts and unknown fields', () => {
    const base = { sessionId: 'AbCdEf_123', scanned: 1, found: 1, failed: 0, done: false, cancelled: false };
    expect(ok(events['study:progress'], base)).toBe(true);
    expect(ok(events['study:progress'], { ...base, scanned: -1 })).toBe(false);
    expect(ok(events['study:progress'], { ...base, path: '/x' })).toBe(false);
  });

  it('dispatch refuses bad payloads before any service runs', async () => {
    const calls: string[] = [];
    const studies: StudySessions = {
      open: (paths) => {
        calls.push(`open ${paths.join()}`);
        return 'AbCdEf_123';
      },
      openSample: async (which) => {
        calls.push(`sample ${which ?? 'default'}`);
        return 'AbCdEf_123';
      },
      initial: async () => ({ status: 'open', sessionId: 'AbCdEf_123', opened: 'sample', source: { kind: 'sample' } }),
      cancel: () => calls.push('cancel'),
      getIndex: () => Promise.reject(new Error('unused')),
      getPartialIndex: () => {
        throw new Error('unused');
      },
      readInstance: () => Promise.reject(new Error('unused')),
      recent: async () => [],
      closeAll: () => undefined,
    };
    const handlers = createHandlers({ mode: 'browser', identity: { version: '1.0.0' }, studies, logLine: () => undefined });
    const quiet = (): void => undefined;
    const refused = await dispatch('study:open', { paths: [''] }, handlers, quiet);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.refusal.code).toBe('invalid-request');
    expect((await dispatch('study:cancel', { sessionId: '../x' }, handlers, quiet)).ok).toBe(false);
    expect(calls).toEqual([]);
    expect(await dispatch('study:open', { paths: ['/a'] }, handlers, quiet)).toEqual({ ok: true, value: { sessionId: 'AbCdEf_123' } });
    expect((await dispatch('study:open-sample', { sample: 'nope' }, handlers, quiet)).ok).toBe(false);
    expect((await dispatch('study:open-sample', { sample: 'sample-follow-up' }, handlers, quiet)).ok).toBe(true);
    expect((await dispatch('study:open-sample', {}, handlers, quiet)).ok).toBe(true);
    expect(calls.slice(-2)).toEqual(['sample sample-follow-up', 'sample default']);
    // Browser mode has no dialog: a clear answer, not an error.
    const pick = await dispatch('study:pick', { kind: 'folder' }, handlers, quiet);
    expect(pick.ok && pick.value).toMatchObject({ status: 'unavailable' });
  });
});
