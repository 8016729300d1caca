import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './tests/support/chromium';

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'tests/output/e2e-artifacts',
  timeout: 120_000,
  workers: 1,
  forbidOnly: true,
  reporter: [['list'], ['./tests/support/playwright-summary.ts']],
  use: { launchOptions: chromiumLaunchOptions(), viewport: { width: 1600, height: 1000 }, deviceScaleFactor: 1 },
});
