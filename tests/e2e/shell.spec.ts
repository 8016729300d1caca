import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { createEventHub } from '../../src-main/ipc/events';
import { createHandlers } from '../../src-main/ipc/handlers';
import { createStudySessions } from '../../src-main/services/study-session';
import { startWebHost, type WebHost } from '../../src-main/web-host/server';

// Runs against the built renderer (`npm run test:e2e` builds first), served by the real web host in this process.
const projectDir = join(import.meta.dirname, '..', '..');
const screenshotDir = join(projectDir, 'tests', 'output', 'screenshots');

let host: WebHost;
const hub = createEventHub();
const hostLog: string[] = [];

test.beforeAll(async () => {
  // The page opens the sample study at start: handlers and the pixels route share one set of sessions.
  const studies = createStudySessions({ dataDir: join(projectDir, 'tests', 'output', 'e2e-app-data'), emit: (event, payload) => hub.emit(event, payload) });
  const handlers = createHandlers({ mode: 'browser', identity: { version: '0.0.0-e2e' }, studies, logLine: (line) => hostLog.push(line) });
  host = await startWebHost({ handlers, rendererDir: join(projectDir, 'out', 'renderer'), events: hub, studies, log: (line) => hostLog.push(line) });
});

test.afterAll(async () => {
  await host.close();
});

/** Every console error/warning and uncaught error of the page (CSP violations arrive as console errors). */
function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  return problems;
}

test('the shell renders in browser mode with no console errors or CSP violations', async ({ page }) => {
  const problems = collectProblems(page);
  await page.goto(host.url);

  await expect(page.getByRole('heading', { name: 'Spine Met Annotator' })).toBeVisible();
  await expect(page.getByTestId('host-mode')).toHaveText('browser');
  // Browser mode: a path field and Open… (no native dialog), and the sample study button.
  await expect(page.getByRole('textbox', { name: 'Study path', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Open sample study', exact: true })).toBeEnabled();
  await expect(page.getByRole('navigation', { name: 'Study and series browser' })).toBeVisible();
  await expect(page.getByRole('main', { name: 'Image viewport' })).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'Findings and scores' })).toBeVisible();
  await expect(page).toHaveTitle('Spine Met Annotator');
  // The token left the address bar for an HttpOnly cookie.
  expect(page.url()).toBe(`${host.origin}/`);
  expect(await page.evaluate(() => document.cookie)).toBe('');

  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, 'shell.png') });
  expect(problems).toEqual([]);
});

test('the CSP is enforced: inline script is blocked, CSSOM styles (React style prop) are allowed', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('host-mode')).toHaveText('browser');
  const outcome = await page.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (event) => violations.push(event.effectiveDirective));
    const script = document.createElement('script');
    script.textContent = 'window.inlineRan = true';
    document.body.append(script);
    const probe = document.createElement('div');
    document.body.append(probe);
    probe.style.setProperty('width', '123px');
    // Violation events are queued as tasks: wait for the first (the blocked script must raise one).
    while (violations.length === 0) await new Promise((r) => setTimeout(r, 50));
    return {
      inlineRan: 'inlineRan' in window,
      width: getComputedStyle(probe).width,
      violations,
    };
  });
  expect(outcome.inlineRan).toBe(false);
  expect(outcome.violations).toContain('script-src-elem');
  expect(outcome.width).toBe('123px');
  expect(outcome.violations).not.toContain('style-src-attr');
});

test('an uncaught renderer error is reported to the host log', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('host-mode')).toHaveText('browser');
  await page.evaluate(() => {
    setTimeout(() => {
      throw new Error('e2e renderer failure');
    }, 0);
  });
  await expect.poll(() => hostLog.some((line) => line.startsWith('[renderer] e2e renderer failure'))).toBe(true);
});

test('a push event from the host reaches the page over Server-Sent Events', async ({ page }) => {
  const problems = collectProblems(page);
  const streamOpened = page.waitForResponse((response) => response.url().endsWith('/api/events'));
  await page.goto(host.url);
  await expect(page.getByTestId('host-mode')).toHaveText('browser');
  await streamOpened;
  hub.emit('app:notice', { level: 'warning', message: 'Indexing paused: disk is full.' });
  await expect(page.getByRole('status')).toContainText('Indexing paused: disk is full.');
  await page.screenshot({ path: join(screenshotDir, 'shell-notice.png') });
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByRole('status')).toHaveCount(0);
  expect(problems).toEqual([]);
});
