// What the report says about its sign-off and its impression, in the model, the text and the HTML alike.
import { describe, expect, it } from 'vitest';
import { applyCommand } from '@shared/annotation/commands';
import type { Command } from '@shared/annotation/commands';
import type { AnnotationDocument } from '@shared/annotation/schema';
import { deriveReading } from '@shared/reading/derive';
import { proposeImpression } from '@shared/reading/impression';
import { buildReport } from '@shared/report/model';
import { renderReportHtml } from '@shared/report/html';
import { renderReportText } from '@shared/report/text';
import { sampleDocument, sampleStudyInfo } from '../../support/sample-document';

const T1 = '2025-06-01T09:15:00.000Z';
const T2 = '2025-06-02T10:00:00.000Z';
const sign = (signer: string, organization: string, now: string): Command => ({ type: 'signReport', args: { signer, organization, now } });
const amend: Command = { type: 'beginAmendment', args: { reason: 'Prior MRI reviewed', now: T2 } };
const run = (...commands: Command[]): AnnotationDocument => commands.reduce(applyCommand, sampleDocument());

describe('the report says draft, final or amended', () => {
  it.each([
    { name: 'draft', doc: run(), state: 'draft', lines: ['Draft: not signed by the reader.'] },
    { name: 'final', doc: run(sign('Dr Ann Smith', 'St Example', T1)), state: 'final', lines: ['Final: signed by Dr Ann Smith (St Example), 2025-06-01 09:15 UTC.'] },
    {
      name: 'an addendum in progress is a draft',
      doc: run(sign('Dr Ann Smith', '', T1), amend),
      state: 'draft',
      lines: ['Draft addendum, not signed. Reason: Prior MRI reviewed.', 'The version signed by Dr Ann Smith, 2025-06-01 09:15 UTC stands until the addendum is signed.'],
    },
    {
      name: 'amended',
      doc: run(sign('Dr Ann Smith', '', T1), amend, sign('Dr Bo Jones', 'St Example', T2)),
      state: 'amended',
      lines: ['Amended: addendum signed by Dr Bo Jones (St Example), 2025-06-02 10:00 UTC. Reason: Prior MRI reviewed.', 'Originally signed by Dr Ann Smith, 2025-06-01 09:15 UTC.'],
    },
  ])('$name', ({ doc, state, lines }) => {
    const model = buildReport({ document: doc, study: sampleStudyInfo(), reading: deriveReading(doc) });
    expect([model.signoff.state, model.signoff.lines, model.title]).toEqual([state, lines, `Spinal metastases: structured imaging report (${state})`]);
    const text = renderReportText(model);
    expect(text).toContain(`STATUS: ${state.toUpperCase()}.\n${lines.join('\n')}`);
    const html = renderReportHtml(model, { page: 'A4', images: {} });
    expect(html).toContain(`<section id="status" class="status status-${state}" data-state="${state}"><p><b>${state.toUpperCase()}</b></p>`);
  });
});

describe('the report says where its impression came from', () => {
  const proposed = (() => {
    const d = sampleDocument();
    return { ...d, report: { ...d.report, impression: '', impressionSource: 'proposed' as const } };
  })();
  it.each([
    { name: 'proposed: the proposal, labelled', doc: proposed, text: proposeImpression(deriveReading(proposed)), note: 'proposed from the findings, not yet accepted by the reader' },
    { name: 'accepted', doc: applyCommand(proposed, { type: 'acceptImpression', args: { text: 'Taken as proposed.' } }), text: 'Taken as proposed.', note: 'proposed from the findings, accepted by the reader' },
    { name: 'edited', doc: sampleDocument(), text: sampleDocument().report.impression, note: 'edited by the reader' },
    { name: 'edited to nothing', doc: applyCommand(sampleDocument(), { type: 'setReportText', args: { field: 'impression', text: '' } }), text: 'No impression entered.', note: 'edited by the reader' },
  ])('$name', ({ doc, text, note }) => {
    const model = buildReport({ document: doc, study: sampleStudyInfo(), reading: deriveReading(doc) });
    expect([model.impression, model.impressionNote]).toEqual([text, note]);
    expect(renderReportText(model)).toContain(`IMPRESSION\n(Impression ${note}.)\n${text}`);
  });
});
