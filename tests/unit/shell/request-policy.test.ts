import { describe, expect, it } from 'vitest';
import { isAllowedRequest } from '../../../src-main/window/request-policy';

describe('isAllowedRequest (no network by default)', () => {
  it('allows the app page and its in-page data', () => {
    expect(isAllowedRequest('app://renderer/assets/index.js')).toBe(true);
    expect(isAllowedRequest('data:image/png;base64,AAAA')).toBe(true);
    expect(isAllowedRequest('blob:app://renderer/1234')).toBe(true);
  });

  it('blocks the network, other files and other app hosts', () => {
    for (const url of ['https://example.com/', 'http://127.0.0.1:8080/', 'file:///etc/passwd', 'app://elsewhere/x', 'ws://example.com/', 'nonsense']) {
      expect(isAllowedRequest(url), url).toBe(false);
    }
  });

  it('allows the dev server and its hot-reload socket only in dev', () => {
    const policy = { devServerUrl: 'http://localhost:5173' };
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx')).toBe(false);
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', policy)).toBe(true);
    expect(isAllowedRequest('ws://localhost:5173/', policy)).toBe(true);
    expect(isAllowedRequest('http://localhost:5174/', policy)).toBe(false);
    expect(isAllowedRequest('https://example.com/', policy)).toBe(false);
  });
});
