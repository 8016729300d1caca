import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { buildCsp, reportStyleHashes, securityHeaders } from '../../../src-main/serving/csp';
import { renderReportHtml } from '@shared/report/html';
import { buildReport } from '@shared/report/model';
import { deriveReading } from '@shared/reading/derive';
import { sampleDocument, sampleStudyInfo } from '../../support/sample-document';

const REPORT_INPUT = (() => {
  const document = sampleDocument();
  return { document, study: sampleStudyInfo(), reading: deriveReading(document) };
})();

function directives(policy: string): Map<string, string> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values.join(' ')];
    }),
  );
}

describe('buildCsp', () => {
  const header = directives(buildCsp('header'));

  it('denies by default and never allows eval', () => {
    expect(header.get('default-src')).toBe("'none'");
    expect(buildCsp('header')).not.toContain("'unsafe-eval'");
    expect(buildCsp('header')).not.toContain("'unsafe-inline'");
  });

  it('allows WebAssembly compilation for the codecs', () => {
    expect(header.get('script-src')).toBe("'self' 'wasm-unsafe-eval'");
  });

  it('keeps every fetch on the page origin', () => {
    expect(header.get('connect-src')).toBe("'self'");
    expect(header.get('worker-src')).toBe("'self'");
    expect(header.get('style-src')).toBe(["'self'", ...reportStyleHashes()].join(' '));
    expect(header.get('img-src')).toBe("'self' blob: data:");
    expect(header.get('font-src')).toBe("'self'");
  });

  it('closes plugins, base, forms and framing', () => {
    expect(header.get('object-src')).toBe("'none'");
    expect(header.get('base-uri')).toBe("'none'");
    expect(header.get('form-action')).toBe("'none'");
    expect(header.get('frame-ancestors')).toBe("'none'");
  });

  it('leaves frame-ancestors out of the <meta> form (Chromium ignores it there, with a console error)', () => {
    const meta = directives(buildCsp('meta'));
    expect(meta.has('frame-ancestors')).toBe(false);
    expect(meta.get('default-src')).toBe("'none'");
  });

  it('matches the <meta> policy written in index.html', () => {
    const html = readFileSync(join(import.meta.dirname, '../../../src-renderer/index.html'), 'utf8');
    const match = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
    // If this fails after a change to the report CSS (shared/report/html.ts), paste buildCsp('meta') into index.html.
    expect(match?.[1]).toBe(buildCsp('meta'));
  });

  it("allows exactly the report's own <style> by hash (the preview iframe inherits this policy), never inline styles at large", () => {
    const hashes = reportStyleHashes();
    expect(hashes).toHaveLength(2);
    for (const h of hashes) expect(h).toMatch(/^'sha256-[A-Za-z0-9+/]{43}='$/);
    // The hash of the <style> element's text in a real rendered report is one of the allowed ones.
    const html = renderReportHtml(buildReport(REPORT_INPUT), { page: 'Letter' });
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    expect(hashes).toContain(`'sha256-${createHash('sha256').update(style, 'utf8').digest('base64')}'`);
    expect(html.match(/<style>/g)).toHaveLength(1);
    expect(html).not.toMatch(/\sstyle="/);
  });

  it('relaxes only for the dev server: inline refresh preamble and the hot-reload socket', () => {
    const dev = directives(buildCsp('header', { devServerUrl: 'http://localhost:5173' }));
    expect(dev.get('script-src')).toBe("'self' 'wasm-unsafe-eval' 'unsafe-inline'");
    expect(dev.get('connect-src')).toBe("'self' ws://localhost:5173");
    expect(buildCsp('header', { devServerUrl: 'http://localhost:5173' })).not.toContain("'unsafe-eval'");
  });

  it('is sent with nosniff', () => {
    expect(securityHeaders()).toMatchObject({
      'Content-Security-Policy': buildCsp('header'),
      'X-Content-Type-Options': 'nosniff',
    });
  });
});
