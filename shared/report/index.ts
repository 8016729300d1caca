// Public API of the report: model, renderers, key-image choice and de-identification (all pure).
export * from './study-info';
export * from './model';
export * from '../reading/wording';
export { renderReportText } from './text';
export { renderReportHtml, reportStyleSheet, PAGE_SIZES, pdfHeaderTemplate, pdfFooterTemplate, escapeHtml, PDF_MARGINS } from './html';
export type { HtmlOptions, PageSize } from './html';
export * from './key-images';
export * from './deidentify';
export * from './deidentify-image';
