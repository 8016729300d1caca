import { describe, expect, it } from 'vitest';
import { createRefusalLog } from '../../../src-main/ipc/refusal-log';
import { APP_PAGE_URL, checkSender } from '../../../src-main/ipc/sender-check';

const main = (frameUrl: string | undefined) => ({ frameUrl, isMainFrame: true });

describe('checkSender', () => {
  it('accepts the app page in the main frame', () => {
    expect(checkSender(main(APP_PAGE_URL))).toEqual({ ok: true });
    expect(checkSender(main('app://renderer/'))).toEqual({ ok: true });
    expect(checkSender(main('app://renderer/index.html#/study/1'))).toEqual({ ok: true });
  });

  it('refuses the app page in a subframe', () => {
    expect(checkSender({ frameUrl: APP_PAGE_URL, isMainFrame: false })).toEqual({
      ok: false,
      reason: 'sender is a subframe, not the main frame',
    });
  });

  it('refuses foreign pages', () => {
    for (const url of ['https://evil.example/', 'http://127.0.0.1:8080/index.html', 'app://other/index.html', 'app://renderer/assets/x.html']) {
      const verdict = checkSender(main(url));
      expect(verdict.ok, url).toBe(false);
    }
  });

  it('refuses file:// pages, even the built renderer (the app page is served over app://)', () => {
    expect(checkSender(main('file:///etc/passwd')).ok).toBe(false);
    expect(checkSender(main('file:///home/u/app/out/renderer/index.html')).ok).toBe(false);
  });

  it('refuses a gone frame and an unparsable URL', () => {
    expect(checkSender(main(undefined))).toEqual({ ok: false, reason: 'sender frame is gone' });
    expect(checkSender(main('not a url'))).toEqual({ ok: false, reason: 'sender URL does not parse' });
  });

  it('accepts the dev server page only when a dev server is configured', () => {
    const dev = 'http://localhost:5173/';
    expect(checkSender(main(dev)).ok).toBe(false);
    expect(checkSender(main(dev), { devServerUrl: 'http://localhost:5173' })).toEqual({ ok: true });
    expect(checkSender(main('http://localhost:5174/'), { devServerUrl: 'http://localhost:5173' }).ok).toBe(false);
  });

  it('explains each refusal in the log', () => {
    const lines: string[] = [];
    const log = createRefusalLog((line) => lines.push(line));
    const verdict = checkSender(main('https://evil.example/x'));
    if (!verdict.ok) log({ channel: 'app:info', url: 'https://evil.example/x', reason: verdict.reason });
    expect(lines).toEqual(['[ipc] refused app:info from https://evil.example/x: sender URL is not the app page (https://evil.example/x)']);
  });
});
