// The Electron PDF window's settings as plain data (print-pdf.ts uses them; a unit test checks them without Electron).
import type { PrintToPDFOptions, WebPreferences } from 'electron';
import type { PageSize } from '@shared/report/html';
import { PDF_MARGINS, pdfFooterTemplate, pdfHeaderTemplate } from '@shared/report/html';
import type { ReportModel } from '@shared/report/model';

const inches = (mm: string): number => Number.parseFloat(mm) / 25.4;

/** No script at all, sandboxed, no Node: the report HTML is data, printed as it is. */
export function printWindowPreferences(): WebPreferences {
  return { sandbox: true, javascript: false, contextIsolation: true, nodeIntegration: false, nodeIntegrationInSubFrames: false, webSecurity: true, spellcheck: false, webviewTag: false, images: true };
}

/** The same page, margins, header (patient identification) and footer (page numbers) as the headless-Chromium path. */
export function printToPdfOptions(model: ReportModel, page: PageSize): PrintToPDFOptions {
  return {
    pageSize: page,
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: pdfHeaderTemplate(model),
    footerTemplate: pdfFooterTemplate(model),
    // printToPDF takes inches; the report's margins are in mm.
    margins: { top: inches(PDF_MARGINS.top), bottom: inches(PDF_MARGINS.bottom), left: inches(PDF_MARGINS.left), right: inches(PDF_MARGINS.right) },
    preferCSSPageSize: false,
  };
}

/** Only the report file itself and its embedded key images (PNG, or the host's SVG with a PNG inside) may load in the print window. */
export function isPrintRequestAllowed(url: string, fileUrl: string): boolean {
  return url === fileUrl || url.startsWith('data:image/png;base64,') || url.startsWith('data:image/svg+xml;base64,');
}
