import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './tests/support/chromium';
import { HANG_GUARD_MS } from './tests/support/hang-guard';

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'tests/output/e2e-artifacts',
  // Assertions poll until the state appears; no step has a deadline a busy machine could miss.
  timeout: HANG_GUARD_MS,
  expect: { timeout: HANG_GUARD_MS },
  workers: 1,
  forbidOnly: true,
  reporter: [['list'], ['./tests/support/playwright-summary.ts']],
  use: {
    launchOptions: chromiumLaunchOptions(),
    viewport: { width: 1600, height: 1000 },
    deviceScaleFactor: 1,
    actionTimeout: 0,
    navigationTimeout: 0,
  },
});
