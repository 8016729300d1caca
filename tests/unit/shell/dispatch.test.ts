import { describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../../src-main/ipc/dispatch';
import { createHandlers, type Handlers } from '../../../src-main/ipc/handlers';

const quiet = (): void => undefined;
const handlers = createHandlers({ mode: 'browser', identity: { version: '1.2.3' }, logLine: quiet });

describe('dispatch', () => {
  it('answers a valid call', async () => {
    await expect(dispatch('app:info', {}, handlers)).resolves.toEqual({
      ok: true,
      value: { name: 'Spine Met Annotator', version: '1.2.3', mode: 'browser' },
    });
  });

  it('refuses an unknown channel', async () => {
    const result = await dispatch('app:shell-exec', {}, handlers, quiet);
    expect(result).toEqual({
      ok: false,
      refusal: { code: 'unknown-channel', channel: 'app:shell-exec', problems: ['(root): unknown channel "app:shell-exec"'] },
    });
  });

  it('refuses a channel that is not a string', async () => {
    const result = await dispatch({ toString: () => 'app:info' }, {}, handlers, quiet);
    expect(result.ok ? undefined : result.refusal.code).toBe('unknown-channel');
  });

  it('refuses a bad payload with path: message problems', async () => {
    const result = await dispatch('app:log-renderer-error', { message: 7, extra: true }, handlers, quiet);
    expect(result).toEqual({
      ok: false,
      refusal: {
        code: 'invalid-request',
        channel: 'app:log-renderer-error',
        problems: ['message: Invalid input: expected string, received number', '(root): Unrecognized key: "extra"'],
      },
    });
  });

  it('refuses an invalid response instead of passing it on', async () => {
    const broken: Handlers = { ...handlers, 'app:info': async () => ({ name: 'x', version: '1', mode: 'cloud' }) as never };
    const onFailure = vi.fn();
    const result = await dispatch('app:info', {}, broken, onFailure);
    expect(result).toEqual({
      ok: false,
      refusal: {
        code: 'invalid-response',
        channel: 'app:info',
        problems: ['mode: Invalid option: expected one of "electron"|"browser"'],
      },
    });
    expect(onFailure).toHaveBeenCalledOnce();
  });

  it('turns a throwing handler into a refusal and reports it', async () => {
    const failing: Handlers = { ...handlers, 'app:info': () => Promise.reject(new Error('disk gone')) };
    const onFailure = vi.fn();
    const result = await dispatch('app:info', {}, failing, onFailure);
    expect(result).toEqual({ ok: false, refusal: { code: 'handler-failed', channel: 'app:info', problems: ['(root): disk gone'] } });
    expect(onFailure).toHaveBeenCalledWith('app:info', expect.any(Error));
  });
});
