import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import { HANG_GUARD_MS } from './tests/support/hang-guard';

export default defineConfig({
  resolve: { alias: { '@shared': resolve(__dirname, 'shared') } },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
    environment: 'node',
    // Hooks too: a beforeAll that generates the sample study beside other busy test files once hit vitest's 10 s default.
    testTimeout: HANG_GUARD_MS,
    hookTimeout: HANG_GUARD_MS,
    teardownTimeout: HANG_GUARD_MS,
    reporters: ['default', './tests/support/summary-reporter.ts'],
  },
});
