import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { createEventHub } from '../../src-main/ipc/events';
import { createHandlers } from '../../src-main/ipc/handlers';
import { createStudySessions } from '../../src-main/services/study-session';
import { createWorkerIndexer } from '../../src-main/services/study-index/worker-indexer';
import { startWebHost, type WebHost } from '../../src-main/web-host/server';
import { PROJECT_DIR, SCREENSHOT_DIR } from '../support/e2e-host';

// A first start with an empty app data folder and no build cache of the sample study: the host generates it, and
// the page says so with its progress (issue 14), never "Indexing Starting… 0 files"; then the study opens (158 images
// and the generator's stamp file).
const dataDir = join(PROJECT_DIR, 'tests', 'output', `first-start-data-${process.pid}`);
let host: WebHost;

test.beforeAll(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  const hub = createEventHub();
  const studies = createStudySessions({ dataDir, indexSources: createWorkerIndexer(), emit: (event, payload) => hub.emit(event, payload), sampleCache: join(dataDir, 'no-cache') });
  const handlers = createHandlers({ mode: 'browser', identity: { version: '0.0.0-e2e' }, studies });
  host = await startWebHost({ handlers, rendererDir: join(PROJECT_DIR, 'out', 'renderer'), events: hub, studies });
});

test.afterAll(async () => {
  await host.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('a first start says it is preparing the sample study, with progress, then opens it', async ({ page }) => {
  await page.goto(host.url);
  const progress = page.getByTestId('study-progress');
  await expect(progress).toContainText('Preparing the sample study…');
  await expect(progress).toContainText(/\d+ of 158 images written/);
  await expect(progress).not.toContainText('Indexing Starting');
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'first-start-preparing.png') });
  await expect(page.getByTestId('study-summary')).toContainText('158 DICOM of 159 files');
});
