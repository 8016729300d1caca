// The Electron PDF path's settings (Electron's binary is not available here, so the window itself cannot run):
// no script, sandboxed, the report's margins in inches, header and footer as in the headless-Chromium path.
import { describe, expect, it } from 'vitest';
import { isPrintRequestAllowed, printToPdfOptions, printWindowPreferences } from '../../../src-main/window/print-options';
import { PDF_MARGINS, pdfFooterTemplate, pdfHeaderTemplate } from '@shared/report/html';
import { buildReport } from '@shared/report/model';
import { deriveReading } from '@shared/reading/derive';
import { sampleDocument, sampleStudyInfo } from '../../support/sample-document';

const model = (() => {
  const document = sampleDocument();
  return buildReport({ document, study: sampleStudyInfo(), reading: deriveReading(document) });
})();

describe('Electron report printing', () => {
  it('prints in a window that runs no script, sandboxed, without Node', () => {
    expect(printWindowPreferences()).toMatchObject({ javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true });
  });

  it('uses the report page size, margins (mm → inches) and the identification header / page-number footer', () => {
    const options = printToPdfOptions(model, 'Letter');
    expect(options.pageSize).toBe('Letter');
    expect(options.margins?.top).toBeCloseTo(Number.parseFloat(PDF_MARGINS.top) / 25.4, 6);
    expect(options.margins?.left).toBeCloseTo(15 / 25.4, 6);
    expect(options).toMatchObject({ displayHeaderFooter: true, printBackground: true, headerTemplate: pdfHeaderTemplate(model), footerTemplate: pdfFooterTemplate(model) });
    expect(options.headerTemplate).toContain('SYNTHETIC-0001');
  });

  it('lets the print window load only the report file and embedded PNGs', () => {
    const file = 'file:///tmp/spine-report-x/report.html';
    expect(isPrintRequestAllowed(file, file)).toBe(true);
    expect(isPrintRequestAllowed('data:image/png;base64,iVBOR', file)).toBe(true);
    expect(isPrintRequestAllowed('https://example.org/x.png', file)).toBe(false);
    expect(isPrintRequestAllowed('file:///etc/passwd', file)).toBe(false);
    expect(isPrintRequestAllowed('data:text/html,<b>x</b>', file)).toBe(false);
  });
});
