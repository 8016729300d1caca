// The Electron app's PDF: the preview's HTML printed by printToPDF in a hidden window that runs no script, lives
// in its own in-memory session and may load nothing but the one temporary HTML file (key images are data URLs).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, session } from 'electron';
import type { PageSize } from '@shared/report/html';
import { PDF_MARGINS, pdfFooterTemplate, pdfHeaderTemplate } from '@shared/report/html';
import type { ReportModel } from '@shared/report/model';

const inches = (mm: string): number => Number.parseFloat(mm) / 25.4;

export async function printReportPdf(html: string, model: ReportModel, page: PageSize): Promise<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), 'spine-report-'));
  const file = join(dir, 'report.html');
  await writeFile(file, html, 'utf8');
  const fileUrl = pathToFileURL(file).href;
  // Not persisted ("persist:" absent): nothing of the report stays in a cache after the window closes.
  const printSession = session.fromPartition('report-print');
  printSession.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !(details.url === fileUrl || details.url.startsWith('data:image/png;base64,')) }));
  printSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  const window = new BrowserWindow({
    show: false,
    webPreferences: { session: printSession, sandbox: true, javascript: false, contextIsolation: true, nodeIntegration: false, webSecurity: true, spellcheck: false, webviewTag: false },
  });
  try {
    await window.loadURL(fileUrl);
    const pdf = await window.webContents.printToPDF({
      pageSize: page,
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: pdfHeaderTemplate(model),
      footerTemplate: pdfFooterTemplate(model),
      margins: { top: inches(PDF_MARGINS.top), bottom: inches(PDF_MARGINS.bottom), left: inches(PDF_MARGINS.left), right: inches(PDF_MARGINS.right) },
      preferCSSPageSize: false,
    });
    return new Uint8Array(pdf);
  } finally {
    window.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}
