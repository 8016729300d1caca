import { describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import { mimeTypeFor, resolveStaticPath } from '../../../src-main/serving/static-files';

const root = resolve('/srv/app/out/renderer');

describe('resolveStaticPath', () => {
  it('maps / to index.html and paths inside the root', () => {
    expect(resolveStaticPath(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveStaticPath(root, '/assets/index-abc.js')).toBe(join(root, 'assets', 'index-abc.js'));
  });

  it('refuses traversal, encoded or not', () => {
    for (const path of ['/../secret', '/assets/../../secret', '/%2e%2e/secret', '/%2E%2E%2Fsecret', '/..%5csecret', '/a%00.js', '/%E0%A4%A']) {
      expect(resolveStaticPath(root, path), path).toBeUndefined();
    }
  });
});

describe('mimeTypeFor', () => {
  it('serves wasm as application/wasm and scripts as JavaScript', () => {
    expect(mimeTypeFor('codec.wasm')).toBe('application/wasm');
    expect(mimeTypeFor('index.js')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeFor('index.html')).toBe('text/html; charset=utf-8');
    expect(mimeTypeFor('x.css')).toBe('text/css; charset=utf-8');
    expect(mimeTypeFor('unknown.bin')).toBe('application/octet-stream');
  });
});
