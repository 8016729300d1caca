// Live report preview for the reading screen: the same HTML as the PDF, in a sandboxed iframe (no scripts), with
// editable impression and free text (kept in the document by the caller's commands) and "copy report as text".
// Styled by report.css (the CSP allows no inline style attributes).
import { useEffect, useMemo, useState } from 'react';
import type { ReactElement } from 'react';
import type { AnnotationDocument } from '@shared/annotation/schema';
import type { DerivedReading } from '@shared/reading/derive';
import { buildReport, chooseKeyImages, renderReportHtml, renderReportText } from '@shared/report/index';
import type { PageSize, StudyInfo } from '@shared/report/index';

export interface ReportPreviewProps {
  readonly document: AnnotationDocument;
  /** deriveReading(document): the one derivation the panel, exports and CLI use too. */
  readonly reading: DerivedReading;
  readonly study: StudyInfo;
  /** Key image id → PNG data URL (rendered by the viewer with overlays); missing ones show as captions only. */
  readonly images?: Readonly<Record<string, string>>;
  readonly page?: PageSize;
  /** Called when a field is left with new text; the caller applies setReportText (one undo step per edit). */
  readonly onReportText: (field: 'impression' | 'freeText', text: string) => void;
  /** Clipboard access comes from the host (navigator.clipboard in the browser, Electron clipboard otherwise). */
  readonly copyText: (text: string) => Promise<void>;
}

export function ReportPreview(props: ReportPreviewProps): ReactElement {
  const { document: saved, reading, study } = props;
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  // The text being typed shows in the preview at once; it enters the document (and undo history) when the field is left.
  const [impression, setImpression] = useState(saved.report.impression);
  const [freeText, setFreeText] = useState(saved.report.freeText);
  useEffect(() => setImpression(saved.report.impression), [saved.report.impression]);
  useEffect(() => setFreeText(saved.report.freeText), [saved.report.freeText]);
  const doc = useMemo(
    () => (impression === saved.report.impression && freeText === saved.report.freeText ? saved : { ...saved, report: { ...saved.report, impression, freeText } }),
    [saved, impression, freeText],
  );
  const commit = (field: 'impression' | 'freeText', text: string): void => {
    if (text !== saved.report[field]) props.onReportText(field, text);
  };
  const model = useMemo(() => buildReport({ document: doc, study, reading, keyImages: chooseKeyImages(doc, study) }), [doc, study, reading]);
  const html = useMemo(() => renderReportHtml(model, { page: props.page ?? 'A4', images: props.images ?? {} }), [model, props.page, props.images]);
  const copy = (): void => {
    props.copyText(renderReportText(model)).then(
      () => setCopied('copied'),
      () => setCopied('failed'),
    );
  };
  return (
    <section className="report-preview" aria-label="Report preview">
      <div className="report-preview-tools">
        <button type="button" onClick={copy}>Copy report as text</button>
        <span role="status">{copied === 'copied' ? 'Copied' : copied === 'failed' ? 'Copy failed' : ''}</span>
      </div>
      {/* No scripts, opaque origin: the report HTML is data. Its one <style> is allowed by hash (src-main/window/csp.ts). */}
      <iframe className="report-frame" title="Report preview" sandbox="" srcDoc={html} data-testid="report-frame" />
      <label className="report-field">
        Impression
        <textarea aria-label="Impression" value={impression} onChange={(e) => setImpression(e.target.value)} onBlur={() => commit('impression', impression)} rows={4} />
      </label>
      <label className="report-field">
        Comments
        <textarea aria-label="Comments" value={freeText} onChange={(e) => setFreeText(e.target.value)} onBlur={() => commit('freeText', freeText)} rows={3} />
      </label>
    </section>
  );
}
