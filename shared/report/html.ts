/**
 * The report as one self-contained HTML page (inline CSS, key images as PNG data URLs): the live preview and the
 * PDF are the same document. Print CSS keeps tables and figures whole across pages; the running header (patient
 * identification) and the page numbers come from Chromium's header/footer templates, which repeat on every page.
 */
import type { KeyImageReport, LesionReport, ReportModel, Tagged } from './model';
import { INCOMPLETE_HEADING, SOURCE_WORDS } from '../reading/wording';

export type PageSize = 'A4' | 'Letter';

export interface HtmlOptions {
  readonly page?: PageSize;
  /** Key image id → `data:image/svg+xml;base64,…` (the host's rendering) or `data:image/png;base64,…`; images without one are listed without a picture. */
  readonly images?: Readonly<Record<string, string>>;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

const e = escapeHtml;

/** Top margin leaves room for the running header; bottom for the page numbers. */
export const PDF_MARGINS = { top: '22mm', bottom: '18mm', left: '15mm', right: '15mm' } as const;

const CSS = `
@page { margin: ${PDF_MARGINS.top} ${PDF_MARGINS.right} ${PDF_MARGINS.bottom} ${PDF_MARGINS.left}; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 9.5pt; line-height: 1.35; color: #111; margin: 0; }
h1 { font-size: 14pt; margin: 0 0 4pt; }
h2 { font-size: 11pt; margin: 12pt 0 4pt; border-bottom: 1px solid #999; padding-bottom: 2pt; break-after: avoid; }
h3 { font-size: 10pt; margin: 8pt 0 3pt; break-after: avoid; }
p { margin: 2pt 0; }
table { border-collapse: collapse; width: 100%; margin: 3pt 0; break-inside: avoid; }
th, td { border: 1px solid #bbb; padding: 2pt 4pt; text-align: left; vertical-align: top; }
th { background: #eee; font-weight: bold; }
td.pts { text-align: right; white-space: nowrap; width: 16%; }
td.src { white-space: nowrap; width: 10%; color: #444; font-size: 8.5pt; }
tr.total td { font-weight: bold; background: #f6f6f6; }
dl { display: grid; grid-template-columns: 34% 66%; margin: 2pt 0; }
dt { font-weight: bold; } dd { margin: 0; padding-left: 4pt; }
.banner { border: 2px solid #b00; background: #fde8e8; color: #800; padding: 5pt 8pt; font-weight: bold; margin: 6pt 0; break-inside: avoid; }
.lesion { break-before: auto; }
/* A lesion's heading, finding and SINS table move as one block; so do its ESCC, NOMS and details. */
.keep { break-inside: avoid; }
.finding { font-weight: bold; }
.flag { color: #8a4b00; }
.muted { color: #555; font-size: 8.5pt; }
.status { border: 1.5pt solid #555; padding: 4pt 8pt; margin: 6pt 0; break-inside: avoid; }
.status-draft { border-style: dashed; }
.status p { margin: 1pt 0; }
.figures { display: flex; flex-wrap: wrap; gap: 6mm; }
figure { margin: 0; width: 82mm; break-inside: avoid; }
figure img { width: 82mm; height: auto; display: block; border: 1px solid #444; }
figcaption { font-size: 8.5pt; margin-top: 2pt; }
.screen-id { display: none; }
footer.about { margin-top: 10pt; border-top: 1px solid #999; padding-top: 4pt; font-size: 8.5pt; color: #333; break-inside: avoid; }
.statement { font-weight: bold; color: #111; }
@media screen {
  body { max-width: 190mm; margin: 8mm auto; }
  .screen-id { display: block; border-bottom: 1px solid #999; font-size: 8.5pt; margin-bottom: 6pt; }
}
`;

export const PAGE_SIZES: readonly PageSize[] = ['A4', 'Letter'];

/**
 * The report's one stylesheet, exactly as it appears in its <style> element. The app's CSP allows it by hash
 * (src-main/serving/csp.ts): the preview is a srcdoc iframe, which inherits the app's policy, and the policy has no
 * 'unsafe-inline'. Change the CSS here and the hash follows (index.html's copy is checked by a unit test).
 */
export function reportStyleSheet(page: PageSize): string {
  return `@page { size: ${page}; }${CSS}`;
}

const row = (t: Tagged): string => `<dt>${e(t.label)}</dt><dd>${e(t.value)} <span class="muted">(${SOURCE_WORDS[t.source]})</span></dd>`;

function lesionHtml(l: LesionReport): string {
  const rows = l.sins.rows
    .map((r) => `<tr><td>${e(r.component)}</td><td>${e(r.answer)}</td><td class="pts">${e(r.points === null ? r.pointsText : `${r.points}`)}</td><td class="src">${SOURCE_WORDS[r.source]}</td></tr>`)
    .join('');
  const total = l.sins.total !== null ? `SINS total ${l.sins.totalText}` : `SINS range ${l.sins.totalText}`;
  const pathway = l.noms.pathway !== null
    ? `<p><b>NOMS pathway:</b> ${e(l.noms.pathway)}</p>`
    : `<p><b>NOMS pathway:</b> depends on unknown inputs</p><ul>${l.noms.alternatives.map((a) => `<li>${e(a)}</li>`).join('')}</ul>`;
  return `<section class="lesion" data-lesion="${e(l.id)}">
<div class="keep">
<h3>Lesion ${l.number}: ${e(l.levelsText)}</h3>
<p class="finding">${e(l.finding)}</p>
<table class="sins"><thead><tr><th>SINS component</th><th>Finding</th><th>Points</th><th>Source</th></tr></thead>
<tbody>${rows}<tr class="total"><td>${e(total)}</td><td colspan="3">${e(l.sins.bandText)}; ${e(l.sins.surgicalConsultation)}</td></tr></tbody></table>
</div>
<div class="keep">
<p><b>${e(l.escc.text)}</b>${l.escc.grade === 'unknown' ? '' : `: ${e(l.escc.description)}`} <span class="muted">(${SOURCE_WORDS[l.escc.source]})</span></p>
<p><b>NOMS inputs:</b> ${l.noms.inputs.map((i) => `${e(i.label)} ${e(i.value)} <span class="muted">(${SOURCE_WORDS[i.source]})</span>`).join('; ')}</p>
${pathway}
${l.flags.map((f) => `<p class="flag">Flag: ${e(f.label)}</p>`).join('')}
<dl>${l.details.map(row).join('')}</dl>
${l.note ? `<p>Note: ${e(l.note)}</p>` : ''}
</div>
</section>`;
}

/** Lesions of the draft that are not scored yet: said first, so nobody reads the report as complete. */
function incompleteHtml(model: ReportModel): string {
  if (model.incomplete.length === 0) return '';
  const items = model.incomplete.map((l) => `<li data-lesion="${e(l.id)}">Lesion ${l.number} (${e(l.levelsText)}): ${e(l.text)}</li>`).join('');
  return `<div class="flag" id="incomplete"><p><b>${e(INCOMPLETE_HEADING)}</b></p><ul>${items}</ul></div>`;
}

function figureHtml(k: KeyImageReport, index: number, images: Readonly<Record<string, string>>): string {
  const src = images[k.id];
  const img = src !== undefined && (src.startsWith('data:image/png;base64,') || src.startsWith('data:image/svg+xml;base64,')) ? `<img src="${src}" alt="${e(k.caption)}">` : '<p class="muted">(image not rendered)</p>';
  return `<figure>${img}<figcaption>${index + 1}. ${e(k.caption)} — ${e(k.seriesText)}; ${k.chosenBy === 'reader' ? 'chosen by the reader' : 'proposed automatically'}</figcaption></figure>`;
}

/** The comparison with a prior study or another reader: the changes first, then the table, differences in bold. */
function comparisonHtml(model: ReportModel): string {
  const c = model.comparison;
  if (c === null) return '';
  const id = c.kind === 'follow-up' ? 'comparison' : 'second-opinion';
  const td = (x: { differs: boolean; important: boolean }, text: string): string => `<td${x.important ? ' class="flag"' : ''}>${x.differs ? `<b>${e(text)}</b>` : e(text)}</td>`;
  const tables = c.rows
    .map((r) => `<table><thead><tr><th>${e(r.levels)} (${e(r.status)})</th><th>${e(c.columns[0])}</th><th>${e(c.columns[1])}</th></tr></thead><tbody>${r.cells
      .map((x) => `<tr><td>${e(x.label)}</td>${td(x, x.before)}${td(x, x.after)}</tr>`)
      .join('')}</tbody></table>`)
    .join('');
  return `<section id="${id}"><h2>${e(c.title)}</h2><p>${e(c.against)}</p><ul>${c.changes.map((x) => `<li>${e(x)}</li>`).join('')}</ul>${tables}${c.notes.map((n) => `<p class="muted">Note: ${e(n)}</p>`).join('')}</section>`;
}

export function renderReportHtml(model: ReportModel, options: HtmlOptions = {}): string {
  const h = model.header;
  const images = options.images ?? {};
  const page = options.page ?? 'A4';
  const headerRows: Tagged[] = [
    { label: 'Patient', value: `${h.patientName || 'not recorded'}${h.sex ? ` (${h.sex})` : ''}`, source: 'header' },
    { label: 'Patient ID', value: h.patientId || 'not recorded', source: 'header' },
    { label: 'Birth date', value: h.birthDate || 'not recorded', source: 'header' },
    { label: 'Study', value: `${h.studyDescription || 'spine imaging'} (${h.modalities})`, source: 'header' },
    { label: 'Study date', value: h.studyDate ? `${h.studyDate}${h.studyTime ? ` ${h.studyTime} (site time)` : ''}` : model.deidentified ? 'removed (de-identified)' : 'not recorded', source: 'header' },
    { label: 'Accession', value: h.accessionNumber || 'not recorded', source: 'header' },
    { label: 'Institution', value: h.institution || 'not recorded', source: 'header' },
    { label: 'Referring physician', value: h.referringPhysician || 'not recorded', source: 'header' },
    { label: 'Reader', value: `${h.reader || 'not recorded'}${h.readAt ? `, last saved ${h.readAt}` : ''}`, source: 'reader' },
  ];
  const dl = (rows: readonly Tagged[], showSource = true): string =>
    `<dl>${rows.map((t) => (showSource ? row(t) : `<dt>${e(t.label)}</dt><dd>${e(t.value)}</dd>`)).join('')}</dl>`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${e(model.title)} — ${e(model.identification)}</title>
<style>${reportStyleSheet(page)}</style></head>
<body>
<div class="screen-id">${e(model.identification)}</div>
<h1>${e(model.title)}</h1>
${model.deidentified ? '<p class="muted">De-identified copy (DICOM PS3.15 basic profile).</p>' : ''}
<section id="status" class="status status-${model.signoff.state}" data-state="${model.signoff.state}"><p><b>${e(model.signoff.label)}</b></p>${model.signoff.lines.map((l) => `<p>${e(l)}</p>`).join('')}</section>
${model.emergency.map((b) => `<div class="banner" role="alert">EMERGENCY: ${e(b.replace(/^Emergency:\s*/i, ''))}</div>`).join('')}
<section id="header"><h2>Patient and study</h2>${dl(headerRows, false)}
${h.referringQuestion ? `<p><b>Clinical question:</b> ${e(h.referringQuestion)}</p>` : ''}</section>
<section id="technique"><h2>Technique</h2><ul>${model.technique.map((t) => `<li>${e(t)}</li>`).join('')}</ul></section>
<section id="counting"><h2>Vertebral counting</h2><p>Levels ${e(model.counting.method)}.</p>
${model.counting.variants.map((v) => `<p>${e(v.charAt(0).toUpperCase() + v.slice(1))}</p>`).join('')}${model.counting.castellvi ? `<p>${e(model.counting.castellvi)}</p>` : ''}</section>
${comparisonHtml(model)}
<section id="findings"><h2>Findings</h2>${incompleteHtml(model)}${model.lesions.length === 0 && model.incomplete.length === 0 ? '<p>No metastatic lesion recorded.</p>' : model.lesions.map(lesionHtml).join('')}</section>
${model.patientFlags.length > 0 ? `<section id="flags"><h2>Flags</h2>${model.patientFlags.map((f) => `<p class="flag">${e(f.label)}</p>`).join('')}</section>` : ''}
<section id="context"><h2>Patient context</h2>${dl(model.patientContext)}</section>
<section id="prognosis"><h2>Prognosis scores</h2><p class="muted">Inputs as entered by the reader; a score with missing inputs is not computed.</p>${model.prognosis
    .map((p) => `<table><thead><tr><th colspan="2">${e(p.name)}: ${e(p.text)}</th></tr></thead><tbody>${p.inputs.map((i) => `<tr><td>${e(i.label)}</td><td>${e(i.value)}</td></tr>`).join('')}</tbody></table>`)
    .join('')}</section>
${model.measurements.length > 0 ? `<section id="measurements"><h2>Measurements</h2>${model.measurements.map((m) => `<p class="keep">${e(m.text)}<br><span class="muted">Method: ${e(m.method)}</span></p>`).join('')}</section>` : ''}
${model.keyImages.length > 0 ? `<section id="key-images"><h2>Key images</h2><div class="figures">${model.keyImages.map((k, i) => figureHtml(k, i, images)).join('')}</div></section>` : ''}
<section id="impression" data-source="${model.impressionSource}"><h2>Impression</h2><p class="muted">Impression ${e(model.impressionNote)}.</p>${model.impression.split('\n').map((l) => `<p>${e(l)}</p>`).join('')}${model.freeText ? `<h3>Comments</h3><p>${e(model.freeText)}</p>` : ''}</section>
<footer class="about"><p>Rules ${e(model.footer.rulesVersion)} · app ${e(model.footer.appVersion)}</p>
<ul>${model.footer.conventions.map((c) => `<li>${e(c)}</li>`).join('')}</ul>
${model.footer.notes.map((n) => `<p class="muted">${e(n)}</p>`).join('')}
<p class="statement">${e(model.footer.statement)}</p></footer>
</body></html>
`;
}

/** Chromium header template: the patient identification on every page (templates need explicit font sizes). */
export function pdfHeaderTemplate(model: ReportModel): string {
  return `<div style="font-family:'DejaVu Sans',sans-serif;font-size:7.5pt;width:100%;margin:0 15mm;color:#222;border-bottom:0.5pt solid #888;padding-bottom:2pt;display:flex;justify-content:space-between"><span>${e(model.identification)}</span><span>Spine metastasis report (${e(model.signoff.state)})</span></div>`;
}

export function pdfFooterTemplate(model: ReportModel): string {
  return `<div style="font-family:'DejaVu Sans',sans-serif;font-size:7.5pt;width:100%;margin:0 15mm;color:#222;display:flex;justify-content:space-between"><span>${e(model.footer.rulesVersion)} · ${model.signoff.state === 'draft' ? 'draft for clinical review' : `${e(model.signoff.state)}, signed`}</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`;
}
