import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

const alias = { '@shared': resolve(__dirname, 'shared') };

/**
 * Rolldown's "plugins took significant time" notes appear whenever the machine is busy (a shared 2-core machine
 * often is); they say nothing about the app, so `npm start` does not show them.
 */
const checks = { bundlerTimings: false };

/**
 * `electron-vite dev` only: the CSP <meta> in index.html would block Vite's inline React-refresh preamble. In dev the
 * policy still arrives as a header (session guards add the dev-server allowance); builds keep the meta tag.
 */
function dropCspMetaInDev(): Plugin {
  return {
    name: 'drop-csp-meta-in-dev',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/i, ''),
  };
}

// Explicit entries for each process. The preload is emitted as CommonJS so that the
// window can stay sandboxed (a sandboxed preload cannot be an ES module).
export default defineConfig(({ command }) => ({
  main: {
    resolve: { alias },
    // The renderer URL override is compiled in only for the dev server (src-main/window/dev-server.ts).
    define: { __DEV_SERVER_BUILD__: JSON.stringify(command === 'serve') },
    build: {
      outDir: 'out/main',
      // playwright-core (a devDependency, so not externalized by default) prints PDFs for the browser-mode host and
      // the CLI; bundled it was a 6 MB chunk, 4 s of build time and two eval warnings. Loaded from node_modules.
      externalizeDeps: { include: ['playwright-core'] },
      // The indexer's worker thread is its own entry (out/main/index-worker.js; worker-indexer.ts finds it there).
      rollupOptions: {
        input: { main: resolve(__dirname, 'src-main/main.ts'), 'index-worker': resolve(__dirname, 'src-main/services/study-index/index-worker.ts') },
        checks,
      },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { preload: resolve(__dirname, 'src-main/preload.ts') },
        checks,
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    resolve: { alias },
    plugins: [react(), dropCspMetaInDev()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      minify: true,
      // One ~700 kB script (React, cornerstone, the viewer) read from the local disk, never over a network: splitting
      // it would add requests and gain nothing, so the 500 kB advice does not apply.
      chunkSizeWarningLimit: 1024,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-renderer/index.html') },
        checks,
        // The wasm codecs' emscripten glue requires fs and path only on its Node branch, never taken in the page;
        // Vite's "externalized for browser compatibility" note about them is expected, so it is not shown.
        onLog(level, log, handler) {
          if (log.message.includes('has been externalized for browser compatibility')) return;
          handler(level, log);
        },
      },
    },
    worker: { format: 'es', rollupOptions: { checks } },
  },
}));
