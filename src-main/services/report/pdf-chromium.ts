// HTML → PDF with headless Chromium (playwright-core drives Debian's /usr/bin/chromium; nothing is downloaded).
// Used by the CLI, the browser-mode host and the tests; the Electron app prints the same HTML with printToPDF.
import { existsSync } from 'node:fs';
import type { PageSize } from '@shared/report/html';
import { PDF_MARGINS } from '@shared/report/html';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export class ChromiumMissingError extends Error {
  override name = 'ChromiumMissingError';
}

export function chromiumLaunchOptions(): { executablePath: string; args: string[] } {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new ChromiumMissingError(`Chromium not found at ${CHROMIUM_PATH}: install it with "apt-get install chromium" (or set CHROMIUM_PATH) to produce PDFs.`);
  }
  return { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS };
}

export interface PdfOptions {
  readonly page: PageSize;
  readonly headerTemplate: string;
  readonly footerTemplate: string;
}

export async function htmlToPdf(html: string, options: PdfOptions): Promise<Uint8Array> {
  const launch = chromiumLaunchOptions();
  // Loaded here, not at the top: playwright-core takes most of a second to load, which every CLI command paid.
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch(launch);
  try {
    const context = await browser.newContext({ javaScriptEnabled: false });
    // The report is self-contained: refuse every network request so a stray URL cannot leak anything.
    await context.route('**/*', (route) => route.abort());
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    const pdf = await page.pdf({
      format: options.page,
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: options.headerTemplate,
      footerTemplate: options.footerTemplate,
      margin: PDF_MARGINS,
      preferCSSPageSize: false,
    });
    return new Uint8Array(pdf);
  } finally {
    await browser.close();
  }
}
