/**
 * The report as plain, dictation-friendly text: short lines, no tables, no symbols a speech engine or a RIS text
 * field would mangle (SINS rows become "Pain: mechanical pain, 3 points").
 */
import type { ReportModel, Tagged } from './model';
import { INCOMPLETE_HEADING, SOURCE_WORDS as SOURCE_WORD } from '../reading/wording';
const tagged = (t: Tagged): string => `${t.label}: ${t.value}`;
const withSource = (t: Tagged): string => `${t.label}: ${t.value} (${SOURCE_WORD[t.source]})`;
/** Capital first letter: model phrases are written to sit mid-sentence. */
const sentence = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

export function renderReportText(model: ReportModel): string {
  const h = model.header;
  const lines: string[] = [];
  const section = (title: string): void => {
    lines.push('', title.toUpperCase());
  };
  lines.push(model.title);
  if (model.deidentified) lines.push('De-identified copy.');
  lines.push(`STATUS: ${model.signoff.label}.`, ...model.signoff.lines);
  if (model.emergency.length > 0) {
    lines.push('');
    for (const e of model.emergency) lines.push(`EMERGENCY: ${e.replace(/^Emergency:\s*/i, '')}.`);
  }
  section('Patient and study');
  lines.push(`Patient: ${h.patientName || 'not recorded'}, ID ${h.patientId || 'not recorded'}${h.birthDate ? `, born ${h.birthDate}` : ''}${h.sex ? `, sex ${h.sex}` : ''}.`);
  const studyWhen = h.studyDate ? `dated ${h.studyDate}${h.studyTime ? ` ${h.studyTime} (site time)` : ''}` : model.deidentified ? 'date removed (de-identified)' : 'date not recorded';
  lines.push(`Study: ${h.studyDescription || 'spine imaging'}, ${h.modalities}, ${studyWhen}${h.accessionNumber ? `, accession ${h.accessionNumber}` : ''}${h.institution ? `, ${h.institution}` : ''}.`);
  if (h.referringPhysician) lines.push(`Referring physician: ${h.referringPhysician}.`);
  if (h.referringQuestion) lines.push(`Clinical question: ${h.referringQuestion}`);
  lines.push(`Reader: ${h.reader || 'not recorded'}${h.readAt ? `, last saved ${h.readAt}` : ''}.`);
  section('Technique');
  for (const t of model.technique) lines.push(`${t}.`);
  section('Vertebral counting');
  lines.push(`Levels ${model.counting.method}.`);
  for (const v of model.counting.variants) lines.push(`${sentence(v)}.`);
  if (model.counting.castellvi !== null) lines.push(`${model.counting.castellvi}.`);
  if (model.comparison !== null) {
    const c = model.comparison;
    section(c.title);
    lines.push(c.against);
    for (const change of c.changes) lines.push(`- ${change}.`);
    for (const r of c.rows) {
      lines.push('', `${r.levels} (${r.status}), ${c.columns[0]} → ${c.columns[1]}:`);
      for (const x of r.cells) lines.push(`  ${x.label}: ${x.before}${x.differs ? ` → ${x.after}` : ` (${c.sameWord})`}${x.important ? ' [changes a decision]' : ''}`);
    }
    for (const n of c.notes) lines.push(`Note: ${n}.`);
  }
  section('Findings');
  if (model.incomplete.length > 0) {
    lines.push(`${INCOMPLETE_HEADING}:`);
    for (const l of model.incomplete) lines.push(`  Lesion ${l.number} (${l.levelsText}): ${l.text}.`);
  }
  if (model.lesions.length === 0 && model.incomplete.length === 0) lines.push('No metastatic lesion recorded.');
  for (const l of model.lesions) {
    lines.push('', `Lesion ${l.number}: ${l.finding}.`);
    lines.push(`SINS ${l.sins.total !== null ? l.sins.totalText : `range ${l.sins.totalText} (components unknown)`}, ${l.sins.bandText}. ${sentence(l.sins.surgicalConsultation)}.`);
    for (const r of l.sins.rows) lines.push(`  ${r.component}: ${r.answer}, ${r.points === null ? r.pointsText : `${r.points} ${r.points === 1 ? 'point' : 'points'}`} (${SOURCE_WORD[r.source]}).`);
    lines.push(`${l.escc.text}${l.escc.grade === 'unknown' ? '' : `: ${l.escc.description}`} (${SOURCE_WORD[l.escc.source]}).`);
    lines.push(`NOMS: ${l.noms.inputs.map(withSource).join('; ')}.`);
    if (l.noms.pathway !== null) lines.push(`NOMS pathway: ${l.noms.pathway}.`);
    else {
      lines.push('NOMS pathway: depends on unknown inputs.');
      for (const a of l.noms.alternatives) lines.push(`  ${a}.`);
    }
    for (const f of l.flags) lines.push(`Flag: ${f.label}.`);
    for (const d of l.details) lines.push(`${withSource(d)}.`);
    if (l.note) lines.push(`Note: ${l.note}`);
  }
  if (model.patientFlags.length > 0) {
    section('Flags');
    for (const f of model.patientFlags) lines.push(`${f.label}.`);
  }
  section('Patient context');
  for (const t of model.patientContext) lines.push(`${withSource(t)}.`);
  section('Prognosis scores');
  for (const p of model.prognosis) {
    lines.push(`${p.name}: ${p.text}.`);
    lines.push(`  Inputs: ${p.inputs.map(tagged).join('; ')}.`);
  }
  if (model.measurements.length > 0) {
    section('Measurements');
    for (const m of model.measurements) lines.push(`${m.text}. Method: ${m.method}`);
  }
  if (model.keyImages.length > 0) {
    section('Key images');
    model.keyImages.forEach((k, i) => lines.push(`${i + 1}. ${k.caption} (${k.seriesText}; ${k.chosenBy === 'reader' ? 'chosen by the reader' : 'proposed automatically'}).`));
  }
  section('Impression');
  lines.push(`(Impression ${model.impressionNote}.)`);
  lines.push(model.impression);
  if (model.freeText) {
    section('Comments');
    lines.push(model.freeText);
  }
  section('About this report');
  lines.push(`Rules ${model.footer.rulesVersion}; app ${model.footer.appVersion}.`);
  for (const c of model.footer.conventions) lines.push(`Convention: ${c}`);
  for (const n of model.footer.notes) lines.push(n);
  lines.push(model.footer.statement);
  return `${lines.join('\n')}\n`;
}
