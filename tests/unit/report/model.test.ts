// The report model and its renderers on the sample document (complete inputs) and on lesions with unknown inputs.
import { describe, expect, it } from 'vitest';
import { defaultLesion } from '@shared/annotation/defaults';
import type { AnnotationDocument } from '@shared/annotation/schema';
import { deriveReading } from '@shared/reading/derive';
import { buildReport, chooseKeyImages, renderReportHtml, renderReportText } from '@shared/report/index';
import type { ReportModel } from '@shared/report/index';
import { BONE_LESION_WORDING, COLLAPSE_WORDING, POSTEROLATERAL_WORDING, findingSentence, levelsText } from '@shared/reading/wording';
import { sampleDocument, sampleStudyInfo } from '../../support/sample-document';

function report(doc: AnnotationDocument): ReportModel {
  const study = sampleStudyInfo();
  return buildReport({ document: doc, study, reading: deriveReading(doc), keyImages: chooseKeyImages(doc, study) });
}

describe('report model: complete inputs (sample document)', () => {
  const model = report(sampleDocument());
  const lesion = model.lesions[0];

  it('has the standard finding sentence, a SINS total and band, ESCC and NOMS alternatives', () => {
    expect(lesion?.finding).toBe('L1: lytic lesion with <50% vertebral body collapse, unilateral posterolateral involvement; ESCC grade 1b (low grade)');
    expect(lesion?.sins.total).toBe(11);
    expect(lesion?.sins.totalText).toBe('11');
    expect(lesion?.sins.bandText).toMatch(/^Indeterminate/);
    expect(lesion?.escc.grade).toBe('1b');
    // SINS 7–12 without the reader's judgement: both mechanical answers are listed.
    expect(lesion?.noms.pathway).toBeNull();
    expect(lesion?.noms.alternatives).toEqual([
      'if mechanically stable: Stereotactic body radiotherapy',
      'if mechanically unstable: Stabilization first, then SBRT',
    ]);
  });

  it('tags every SINS row with its source: location from the region table, collapse measured, the rest reader', () => {
    expect(lesion?.sins.rows.map((r) => [r.component, r.points, r.source])).toEqual([
      ['Location', 3, 'table'],
      ['Pain', 3, 'reader'],
      ['Bone lesion', 2, 'reader'],
      ['Alignment', 0, 'reader'],
      ['Vertebral body collapse', 2, 'measured'],
      ['Posterolateral involvement', 1, 'reader'],
    ]);
    expect(lesion?.sins.rows[4]?.answer).toMatch(/measured 38\.0% height loss/);
  });

  it('carries header, counting, prognosis with inputs, measurements with method, proposed key images and the footer', () => {
    expect(model.header.patientName).toBe('PHANTOM, SPINE');
    expect(model.header.studyDate).toBe('2000-01-01');
    // The reader's save time in UTC, stated; the study time as recorded by the site.
    expect(model.header.readAt).toBe('2025-03-01 10:00 UTC');
    expect(model.header.studyTime).toMatch(/^\d{2}:\d{2}$/);
    expect(model.header.sex).toBe('other');
    expect(model.header.referringQuestion).toMatch(/renal cell/);
    expect(model.counting.method).toMatch(/whole-spine localizer/);
    expect(model.prognosis.map((p) => [p.name, p.total])).toEqual([['Revised Tokuhashi', 11], ['Tomita', 3], ['Modified Bauer', 4]]);
    expect(model.prognosis[0]?.inputs.length).toBe(6);
    expect(model.measurements[0]?.text).toMatch(/worst height loss 38\.0% \(anterior\)/);
    expect(model.measurements[0]?.method).toMatch(/convention; grade per Genant 1993/);
    expect(model.keyImages.map((k) => [k.caption, k.chosenBy])).toEqual([['L1 lesion, sagittal MR', 'proposed']]);
    expect(model.footer.rulesVersion).toMatch(/^spine-met-rules\//);
    expect(model.footer.statement).toMatch(/does not replace the multidisciplinary decision/);
    expect(model.emergency).toEqual([]);
  });
});

describe('report model: unknown inputs', () => {
  const doc = sampleDocument();
  doc.lesions = [{ ...defaultLesion('les-u', ['T12', 'L1']), escc: '2' }];
  doc.patient = { ...doc.patient, canTolerateSurgery: 'unknown', histology: 'unknown' };
  const model = report(doc);
  const lesion = model.lesions[0];

  it('keeps unknown components unknown: span per component, a range, no band when the range spans bands', () => {
    expect(lesion?.sins.total).toBeNull();
    expect(lesion?.sins.range).toEqual([3, 18]);
    expect(lesion?.sins.totalText).toBe('3–18');
    expect(lesion?.sins.band).toBeNull();
    expect(lesion?.sins.bandText).toBe('undetermined: the range spans stable, indeterminate and unstable');
    expect(lesion?.sins.rows.find((r) => r.component === 'Pain')?.pointsText).toBe('0–3 points');
    expect(lesion?.sins.surgicalConsultation).toMatch(/range crosses 7/);
  });

  it('words unknown findings as "not assessed" and lists the NOMS alternatives with their conditions', () => {
    expect(lesion?.finding).toBe(
      'T12–L1: lesion (matrix not assessed), vertebral body collapse not assessed, posterolateral elements not assessed, alignment not assessed; ESCC grade 2 (high grade)',
    );
    expect(lesion?.noms.pathway).toBeNull();
    expect(lesion?.noms.alternatives.length).toBeGreaterThan(1);
    expect(lesion?.noms.alternatives.join('\n')).toMatch(/if radiosensitive/);
    expect(model.patientContext.find((t) => t.label === 'Can tolerate surgery')?.value).toBe('not assessed');
  });

  it('puts the emergency banner first', () => {
    const urgent = sampleDocument();
    urgent.patient.emergency.newInabilityToWalk = true;
    const m = report(urgent);
    expect(m.emergency).toEqual(['Emergency: suspected malignant spinal cord compression']);
    const text = renderReportText(m);
    expect(text.indexOf('EMERGENCY')).toBeLessThan(text.indexOf('PATIENT AND STUDY'));
    const html = renderReportHtml(m);
    expect(html.indexOf('class="banner"')).toBeLessThan(html.indexOf('id="header"'));
  });
});

describe('wording', () => {
  it('has a phrase for every value, unknown included', () => {
    expect(Object.keys(BONE_LESION_WORDING).sort()).toEqual(['blastic', 'lytic', 'mixed', 'unknown']);
    expect(Object.keys(COLLAPSE_WORDING).sort()).toEqual(['gt50', 'involved_gt50', 'lt50', 'none', 'unknown']);
    expect(POSTEROLATERAL_WORDING.bilateral).toBe('bilateral posterolateral involvement');
    expect(COLLAPSE_WORDING.unknown).toMatch(/not assessed/);
  });

  it('names levels and variants as the report prints them', () => {
    const standard = { thoracicCount: 12, lumbarCount: 5 } as const;
    expect(levelsText(['L1'], standard)).toBe('L1');
    expect(levelsText(['T12', 'L1'], standard)).toBe('T12–L1');
    expect(levelsText(['L6'], { thoracicCount: 12, lumbarCount: 6 })).toBe('L6 (lumbarized S1)');
  });

  it('builds the one-line finding with alignment only when abnormal', () => {
    const l = { ...defaultLesion('x', ['T8']), boneLesion: 'blastic' as const, collapse: { value: 'gt50' as const, source: 'reader' as const }, posterolateral: 'bilateral' as const, alignment: { value: 'deformity' as const, source: 'reader' as const, measurementIds: [] } };
    expect(findingSentence(l, { grade: '3', category: 'high', indeterminate: false }, { thoracicCount: 12, lumbarCount: 5 })).toBe(
      'T8: blastic lesion with >50% vertebral body collapse, bilateral posterolateral involvement, de novo deformity (kyphosis/scoliosis); ESCC grade 3 (high grade)',
    );
  });
});

describe('renderers', () => {
  const model = report(sampleDocument());

  it('text: dictation-friendly sections, SINS rows as sentences', () => {
    const text = renderReportText(model);
    expect(text).toContain('Reader: Dr Sample Reader, last saved 2025-03-01 10:00 UTC.');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
    expect(text).toMatch(/ESCC grade 1b \(low grade\): .* \(reader\)\./);
    expect(text).toContain('NOMS: Neurologic: low grade (derived);');
    for (const heading of ['PATIENT AND STUDY', 'TECHNIQUE', 'VERTEBRAL COUNTING', 'FINDINGS', 'PATIENT CONTEXT', 'PROGNOSIS SCORES', 'MEASUREMENTS', 'KEY IMAGES', 'IMPRESSION', 'ABOUT THIS REPORT']) {
      expect(text).toContain(`\n${heading}\n`);
    }
    expect(text).toContain('Pain: Mechanical pain (relieved lying down, worse with movement or loading), 3 points (reader).');
    expect(text).toContain('SINS 11, Indeterminate');
    expect(text).not.toMatch(/<\/?[a-z]+[ >]/);
  });

  it('html: self-contained, every required section, print CSS, escaped text, embedded images', () => {
    const html = renderReportHtml(model, { page: 'Letter', images: { 'auto-les-1-sagittal': 'data:image/png;base64,iVBORw0KGgo=' } });
    expect(html).toMatch(/<title>.*PHANTOM, SPINE.*<\/title>/);
    for (const id of ['header', 'technique', 'counting', 'findings', 'context', 'prognosis', 'measurements', 'key-images', 'impression']) expect(html).toContain(`id="${id}"`);
    expect(html).toContain('@page { size: Letter; }');
    expect(html).toContain('break-inside: avoid');
    expect(html).toContain('DejaVu Sans');
    expect(html).toContain('<img src="data:image/png;base64,iVBORw0KGgo="');
    expect(html).not.toMatch(/(src|href)="https?:/);
    expect(html).toContain('&lt;50%');
  });
});

describe('report model: de-identified copy', () => {
  it('prints no dummy date: the reader time and the study date say they were removed', () => {
    const doc = sampleDocument();
    const study = { ...sampleStudyInfo(), studyDate: '', studyTime: '' };
    const m = buildReport({ document: { ...doc, updatedAt: '1900-01-01T00:00:00.000Z' }, study, reading: deriveReading(doc), deidentified: true });
    expect(m.header.readAt).toBe('');
    expect(m.identification).toContain('study date removed');
    const text = renderReportText(m);
    expect(text).not.toContain('1900');
    expect(text).toContain('date removed (de-identified)');
    expect(renderReportHtml(m)).toContain('removed (de-identified)');
  });
});

describe('report model: prognosis answers derived from the histology, and the reader’s overrides', () => {
  it('marks derived answers as derived, and names an override with what it overrides', () => {
    const derived = report(sampleDocument());
    const tomita = derived.prognosis.find((p) => p.name === 'Tomita');
    expect(tomita?.inputs.map((i) => [i.label, i.value, i.source])).toEqual([
      ['Primary tumour growth', 'Moderate growth', 'table'],
      ['Visceral metastases', 'No visceral metastases', 'table'],
      ['Bone metastases', 'Solitary or isolated bone metastasis', 'reader'],
    ]);
    expect(derived.patientContext.map((t) => t.label)).not.toContain('Derived answers overridden by the reader');

    const doc = sampleDocument();
    doc.patient.prognosis.tomitaPrimaryGrowth = 'rapid';
    const overridden = report(doc);
    expect(overridden.prognosis.find((p) => p.name === 'Tomita')?.inputs[0]).toEqual({ label: 'Primary tumour growth', value: 'Rapid growth; overrides the derived answer (Moderate growth)', source: 'reader' });
    expect(overridden.patientContext.find((t) => t.label === 'Derived answers overridden by the reader')?.value).toBe('Primary tumour growth (Tomita)');
    expect(renderReportText(overridden)).toContain('Derived answers overridden by the reader: Primary tumour growth (Tomita) (reader).');
  });
});
