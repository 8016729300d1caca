// Live report preview for the reading screen: the same HTML as the PDF, in a sandboxed iframe (no scripts), with
// editable impression and free text (kept in the document by the caller's commands) and "copy report as text".
// Styled by report.css (the CSP allows no inline style attributes).
import { useMemo, useState } from 'react';
import type { ReactElement } from 'react';
import { MAX_TEXT } from '@shared/annotation/schema';
import type { AnnotationDocument } from '@shared/annotation/schema';
import type { DerivedReading } from '@shared/reading/derive';
import { proposeImpression } from '@shared/reading/impression';
import { IMPRESSION_SOURCE_WORDING } from '@shared/reading/wording';
import { buildReport, chooseKeyImages, renderReportHtml, renderReportText } from '@shared/report/index';
import type { PageSize, StudyInfo } from '@shared/report/index';
import { progressionOf } from '@shared/report/comparison-section';
import type { ComparisonInput } from '@shared/report/comparison-section';
import { LimitedText } from '../../text/LimitedText';
import { useSettled } from '../../text/use-settled';
import { useTextEdit } from '../../text/use-text-edit';

/** How long typing pauses before the preview shows the typed text. */
const PREVIEW_PAUSE_MS = 300;

export interface ReportPreviewProps {
  readonly document: AnnotationDocument;
  /** deriveReading(document): the one derivation the panel, exports and CLI use too. */
  readonly reading: DerivedReading;
  readonly study: StudyInfo;
  /** Key image id → PNG data URL (rendered by the viewer with overlays); missing ones show as captions only. */
  readonly images?: Readonly<Record<string, string>>;
  readonly page?: PageSize;
  /** Another reading compared with this one (the report's Second opinion or Comparison section). */
  readonly comparison?: ComparisonInput;
  /** Called when a field is left (or the page goes) with new text; the caller applies setReportText (one undo step per edit). */
  readonly onReportText: (field: 'impression' | 'freeText', text: string) => void;
  /** The reader takes the proposed impression as it stands. */
  readonly onAcceptImpression: (text: string) => void;
  /** Back to the proposal (drops the reader's impression text; undo brings it back). */
  readonly onUseProposal: () => void;
  /** Clipboard access comes from the host (navigator.clipboard in the browser, Electron clipboard otherwise). */
  readonly copyText: (text: string) => Promise<void>;
}

export function ReportPreview(props: ReportPreviewProps): ReactElement {
  const { document: saved, reading, study } = props;
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  // The text being typed enters the document (and undo history) once, when the field is left or the page goes. The
  // preview follows it once typing pauses: rebuilding and re-parsing the whole report on every keystroke is what
  // froze the field after a long paste.
  // Until the reader takes it up, the field holds the proposal: typing into it makes the reader's own (edited) text.
  const { comparison } = props;
  const proposal = useMemo(() => proposeImpression(reading, progressionOf(comparison)), [reading, comparison]);
  const source = saved.report.impressionSource;
  const committedImpression = source === 'proposed' ? proposal : saved.report.impression;
  const impression = useTextEdit(committedImpression, (text) => props.onReportText('impression', text));
  const freeText = useTextEdit(saved.report.freeText, (text) => props.onReportText('freeText', text));
  const settledImpression = useSettled(impression.value, PREVIEW_PAUSE_MS);
  const settledFreeText = useSettled(freeText.value, PREVIEW_PAUSE_MS);
  // Outside an edit the preview is the document itself (an undo or a commit shows at once).
  const shownImpression = impression.editing ? settledImpression : saved.report.impression;
  // Typing over the proposal shows in the preview as the reader's text.
  const previewSource = impression.editing && source === 'proposed' ? 'edited' : source;
  const shownFreeText = freeText.editing ? settledFreeText : saved.report.freeText;
  const doc = useMemo(
    () =>
      shownImpression === saved.report.impression && shownFreeText === saved.report.freeText && previewSource === source
        ? saved
        : { ...saved, report: { ...saved.report, impression: shownImpression, impressionSource: previewSource, freeText: shownFreeText } },
    [saved, shownImpression, shownFreeText, previewSource, source],
  );
  const model = useMemo(
    () => buildReport({ document: doc, study, reading, keyImages: chooseKeyImages(doc, study), ...(comparison !== undefined ? { comparison } : {}) }),
    [doc, study, reading, comparison],
  );
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
      {/* No scripts, opaque origin: the report HTML is data. Its one <style> is allowed by hash (src-main/serving/csp.ts). */}
      <iframe className="report-frame" title="Report preview" sandbox="" srcDoc={html} data-testid="report-frame" />
      <label className="report-field">
        Impression <span className="report-dim" data-testid="impression-source" data-source={source}>({IMPRESSION_SOURCE_WORDING[source]})</span>
        <LimitedText label="Impression" edit={impression} limit={MAX_TEXT} rows={6} />
      </label>
      <div className="report-row">
        {source === 'proposed' ? (
          <button type="button" onClick={() => props.onAcceptImpression(proposal)} data-testid="accept-impression">
            Accept proposed impression
          </button>
        ) : (
          <button type="button" onClick={props.onUseProposal} data-testid="use-proposal">
            Use the proposed impression instead
          </button>
        )}
        {source === 'accepted' && saved.report.impression !== proposal ? <span className="report-dim">The findings have changed since you accepted it: the proposal now differs.</span> : null}
      </div>
      <label className="report-field">
        Comments
        <LimitedText label="Comments" edit={freeText} limit={MAX_TEXT} rows={3} />
      </label>
    </section>
  );
}
