// The Electron app's PDF: the preview's HTML printed by printToPDF in a hidden window that runs no script, lives
// in its own in-memory session and may load nothing but the one temporary HTML file (key images are data URLs).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, session } from 'electron';
import type { PageSize } from '@shared/report/html';
import type { ReportModel } from '@shared/report/model';
import { isPrintRequestAllowed, printToPdfOptions, printWindowPreferences } from './print-options';
import { writePrivateFile } from '../services/private-files';

export async function printReportPdf(html: string, model: ReportModel, page: PageSize): Promise<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), 'spine-report-'));
  const file = join(dir, 'report.html');
  await writePrivateFile(file, html); // in a 0700 mkdtemp folder
  const fileUrl = pathToFileURL(file).href;
  // Not persisted ("persist:" absent): nothing of the report stays in a cache after the window closes.
  const printSession = session.fromPartition('report-print');
  printSession.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isPrintRequestAllowed(details.url, fileUrl) }));
  printSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  const window = new BrowserWindow({
    show: false,
    webPreferences: { ...printWindowPreferences(), session: printSession },
  });
  try {
    await window.loadURL(fileUrl);
    const pdf = await window.webContents.printToPDF(printToPdfOptions(model, page));
    return new Uint8Array(pdf);
  } finally {
    window.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}
