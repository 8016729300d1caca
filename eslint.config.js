// Lint is where the architecture is enforced (docs: shared/ is pure; main and renderer never import each other).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url', 'zlib', 'stream', 'worker_threads', 'util', 'events', 'buffer'];

const restrict = (groups, message) => groups.map((group) => ({ group: [group], message }));

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'tests/output/**', 'test-results/**', 'bench/.work/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Hooks called in order and effects that name what they read (issue 16): the classic two rules, as errors.
    files: ['src-renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    plugins: { 'import-x': importX },
    languageOptions: { parserOptions: { ecmaVersion: 2023, sourceType: 'module' } },
    settings: {
      // Node resolution (relative imports, where cycles live); the npm resolver for TS paths could not be locked for npm ci.
      'import-x/resolver-next': [importX.createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs'] })],
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-throw-literal': 'error',
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'no-console': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...restrict(nodeBuiltins, 'shared/ is the pure core: no Node imports.'),
            ...restrict(['electron', 'electron/*'], 'shared/ is the pure core: no Electron.'),
            ...restrict(['react', 'react-dom', 'react/*', 'react-dom/*'], 'shared/ is the pure core: no React.'),
            ...restrict(['cornerstone-core', '@cornerstonejs/*'], 'shared/ is the pure core: cornerstone and the wasm codecs live in src-main or src-renderer/viewer (codecs are injected).'),
            ...restrict(['**/src-main/**', '**/src-renderer/**', '../src-main/*', '../src-renderer/*'], 'shared/ imports nothing of ours outside shared/.'),
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'process', 'require', 'Buffer', 'localStorage', 'fetch', 'setTimeout', 'setInterval'],
    },
  },
  {
    // Pure JS parsers/decoders (no I/O, no DOM) are allowed only in shared/dicom, the one place that parses DICOM.
    files: ['shared/**/*.ts'],
    ignores: ['shared/dicom/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "ImportDeclaration[source.value=/^(dicom-parser|jpeg-lossless-decoder-js)$/]", message: 'Only shared/dicom parses DICOM.' },
      ],
    },
  },
  {
    files: ['src-main/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: restrict(['**/src-renderer/**', '../src-renderer/*', '../../src-renderer/*'], 'main never imports the renderer: share through shared/.') },
      ],
    },
  },
  {
    // Serving the page (scheme, CSP, static files, app://) is src-main/serving's; the window and the web host use it
    // and never each other.
    files: ['src-main/window/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...restrict(['**/src-renderer/**', '../src-renderer/*', '../../src-renderer/*'], 'main never imports the renderer: share through shared/.'), ...restrict(['../web-host/*', '**/web-host/**'], 'window/ and web-host/ share through serving/, never each other.')] },
      ],
    },
  },
  {
    files: ['src-main/web-host/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...restrict(['**/src-renderer/**', '../src-renderer/*', '../../src-renderer/*'], 'main never imports the renderer: share through shared/.'), ...restrict(['../window/*', '**/window/**'], 'window/ and web-host/ share through serving/, never each other.')] },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...restrict(['**/src-main/**', '../src-main/*', '../../src-main/*'], 'the renderer never imports main: talk through the host API.'),
            ...restrict(nodeBuiltins, 'the renderer is sandboxed: no Node imports.'),
            ...restrict(['electron', 'electron/*'], 'the renderer is sandboxed: use the host API, never electron.'),
          ],
        },
      ],
    },
  },
  {
    files: ['tests/**/*.ts', 'tests/**/*.tsx', 'scripts/**/*.{ts,mjs,js}', 'bench/**/*.ts', '*.config.{ts,js}'],
    languageOptions: { globals: { ...globals.node } },
  },
);
