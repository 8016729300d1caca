// `report`: an annotation document + its study → the report as PDF (headless Chromium), text, Comprehensive SR,
// Encapsulated PDF and JSON, optionally de-identified. Key images are rendered from the DICOM without a window.

import { dirname, join } from 'node:path';
import { loadDocumentText } from '@shared/annotation/load';
import type { PageSize } from '@shared/report/html';
import type { CompareWith } from '@shared/report/comparison-section';
import { ensureSampleStudy } from '../../services/sample-study';
import { browserDataDir, sampleFollowUpDir, sampleStudyDir } from '../../services/app-paths';
import { produceReport, ReportInputError } from '../../services/report/produce';
import { ChromiumMissingError } from '../../services/report/pdf-chromium';
import { writeDeidentifiedImages } from '../../services/report/deidentify-images';
import { EXIT, readErrorText } from '../io';
import type { CliIo } from '../io';
import { makePrivateDir, writePrivateFile } from '../../services/private-files';
import { REPORT_USAGE } from './report-usage';
import { KIND_LABEL, PacsError, pacsNode, pacsNodeLabel, sendReading } from '../../services/pacs';
import type { PacsNode, ReadingOutput } from '../../services/pacs';
import type { StudyInfo } from '@shared/report/study-info';
import { plural } from '@shared/reading/wording';

export { REPORT_USAGE };
import { InstallationSecretError, loadInstallationSecret } from '../../services/installation-secret';
import { UNSIGNED_EXPORT_WARNING } from '@shared/reading/wording';

interface Args {
  study: string[];
  annotations?: string;
  pdf?: string;
  text?: string;
  sr?: string;
  encapsulatedPdf?: string;
  kos?: string;
  send?: string;
  aet?: string;
  json?: string;
  deidentify: boolean;
  salt?: string;
  deidentifyImages?: string;
  page: PageSize;
  prior?: string;
  secondOpinion?: string;
}

const VALUE_FLAGS = { '--study': 'study', '--annotations': 'annotations', '--pdf': 'pdf', '--text': 'text', '--sr': 'sr', '--encapsulated-pdf': 'encapsulatedPdf', '--kos': 'kos', '--send': 'send', '--aet': 'aet', '--json': 'json', '--deidentify-salt': 'salt', '--page': 'page', '--deidentify-images': 'deidentifyImages', '--prior': 'prior', '--second-opinion': 'secondOpinion' } as const;

function parseArgs(argv: readonly string[]): Args | string {
  const out: Args = { study: [], deidentify: false, page: 'A4' };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] ?? '';
    if (flag === '--deidentify') {
      out.deidentify = true;
      continue;
    }
    if (!(flag in VALUE_FLAGS)) return `unknown option "${flag}"`;
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) return `${flag} needs a value`;
    i++;
    const key = VALUE_FLAGS[flag as keyof typeof VALUE_FLAGS];
    if (key === 'study') out.study.push(value);
    else if (key === 'page') {
      if (value !== 'A4' && value !== 'Letter') return '--page must be A4 or Letter';
      out.page = value;
    } else out[key] = value;
  }
  if (out.study.length === 0) return '--study is required';
  if (out.annotations === undefined) return '--annotations is required';
  if (out.deidentifyImages !== undefined) out.deidentify = true;
  if (out.prior !== undefined && out.secondOpinion !== undefined) return '--prior and --second-opinion cannot be combined';
  // A de-identified reading has new UIDs: sent, it would start a new study beside the patient's.
  if (out.send !== undefined && out.deidentify) return '--send sends the reading into the patient\'s own study and cannot be combined with --deidentify';
  if (!out.pdf && !out.text && !out.sr && !out.encapsulatedPdf && !out.kos && !out.json && !out.deidentifyImages && !out.send) return 'no output requested (--pdf, --text, --sr, --encapsulated-pdf, --kos, --json, --deidentify-images or --send)';
  return out;
}

async function write(path: string, data: string | Uint8Array): Promise<void> {
  await makePrivateDir(dirname(path));
  await writePrivateFile(path, data);
}

/** `--send`: each object's outcome on stderr, the result as JSON on stdout; a failure names the files kept and how to retry. */
async function sendOutputs(node: PacsNode, spec: string, outputs: readonly ReadingOutput[], study: StudyInfo, io: CliIo): Promise<number> {
  if (study.studyInstanceUIDDerived === true) {
    io.stderr('report --send: the study\'s files carry no StudyInstanceUID, so the outputs cannot join it on the PACS; nothing was sent.\n');
    return EXIT.invalid;
  }
  try {
    const result = await sendReading(node, outputs, {
      studyInstanceUid: study.studyInstanceUID,
      onObject: (o) => {
        if (o.status !== 'pending') io.stderr(`report: sent the ${KIND_LABEL[o.kind]} to ${pacsNodeLabel(node)}: ${o.status}${o.reason !== undefined ? ` (${o.reason})` : ''}\n`);
      },
    });
    io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    if (result.complete) return EXIT.ok;
    const failed = result.objects.filter((o) => o.status === 'failed');
    io.stderr(`report --send: ${failed.length} of ${result.objects.length} object(s) were not stored; the files are kept. Send them again with: pacs send --node ${spec} ${failed.map((o) => o.file).join(' ')}\n`);
    return EXIT.invalid;
  } catch (error) {
    if (!(error instanceof PacsError)) throw error;
    io.stderr(`report --send: ${error.message} The files are kept: ${outputs.map((o) => o.file).join(' ')}\n`);
    return EXIT.invalid;
  }
}

export async function runReport(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h')) {
    io.stdout(`${REPORT_USAGE}\n`);
    return EXIT.ok;
  }
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.stderr(`${args}\n\n${REPORT_USAGE}\n`);
    return EXIT.invalid;
  }
  let text: string;
  try {
    text = await io.readFile(args.annotations ?? '');
  } catch (error) {
    io.stderr(`(root): cannot read ${args.annotations ?? ''}: ${readErrorText(error)}\n`);
    return EXIT.invalid;
  }
  const loaded = loadDocumentText(text);
  if (!loaded.ok) {
    for (const p of loaded.problems) io.stderr(`${p.path}: ${p.message} (annotation document ${loaded.reason})\n`);
    return EXIT.invalid;
  }
  const otherPath = args.prior ?? args.secondOpinion;
  let compareWith: CompareWith | undefined;
  if (otherPath !== undefined) {
    const flag = args.prior !== undefined ? '--prior' : '--second-opinion';
    let otherText: string;
    try {
      otherText = await io.readFile(otherPath);
    } catch (error) {
      io.stderr(`${flag}: cannot read ${otherPath}: ${readErrorText(error)}\n`);
      return EXIT.invalid;
    }
    const other = loadDocumentText(otherText);
    if (!other.ok) {
      for (const p of other.problems) io.stderr(`${flag} ${p.path}: ${p.message} (annotation document ${other.reason})\n`);
      return EXIT.invalid;
    }
    compareWith = { kind: args.prior !== undefined ? 'follow-up' : 'second-opinion', document: other.document };
  }
  const studyPaths: string[] = [];
  for (const s of args.study) {
    if (s === 'sample') studyPaths.push(...(await ensureSampleStudy(sampleStudyDir(browserDataDir()))).files);
    else if (s === 'sample-follow-up') studyPaths.push(...(await ensureSampleStudy(sampleFollowUpDir(browserDataDir()), { which: 'sample-follow-up' })).files);
    else studyPaths.push(s);
  }
  // The node is checked before any work (a typo is said at once).
  let node: PacsNode | undefined;
  if (args.send !== undefined) {
    try {
      node = await pacsNode(args.send, { env: process.env, ...(args.aet !== undefined ? { callingAet: args.aet } : {}) });
    } catch (error) {
      if (!(error instanceof PacsError)) throw error;
      io.stderr(`report --send: ${error.message}\n`);
      return EXIT.invalid;
    }
  }
  try {
    const result = await produceReport({
      studyPaths,
      document: loaded.document,
      loadNotes: loaded.problems,
      ...(compareWith !== undefined ? { compareWith } : {}),
      page: args.page,
      want: { pdf: args.pdf !== undefined, sr: args.sr !== undefined || node !== undefined, encapsulatedPdf: args.encapsulatedPdf !== undefined || node !== undefined, kos: args.kos !== undefined || node !== undefined, deidentifiedImages: args.deidentifyImages !== undefined },
      ...(args.deidentify ? { deidentify: args.salt !== undefined ? { salt: args.salt } : { installationSecret: await loadInstallationSecret(browserDataDir()) } } : {}),
    });
    const written: string[] = [];
    const out = async (path: string | undefined, data: string | Uint8Array | undefined): Promise<void> => {
      if (path === undefined || data === undefined) return;
      await write(path, data);
      written.push(path);
    };
    await out(args.pdf, result.pdf);
    await out(args.text, result.text);
    await out(args.sr, result.sr);
    await out(args.encapsulatedPdf, result.encapsulatedPdf);
    await out(args.kos, result.kos);
    await out(args.json, result.json);
    const images = result.deidentifiedImages;
    if (args.deidentifyImages !== undefined && images !== undefined) {
      await writeDeidentifiedImages(args.deidentifyImages, images.images);
      written.push(`${plural(images.images.length, 'de-identified image')} in ${args.deidentifyImages}`);
      for (const s of images.skipped) io.stderr(`report: image ${s.sopInstanceUID} not copied: ${s.reason}\n`);
      const burned = images.images.filter((i) => i.burnedInAnnotation === 'YES');
      if (burned.length > 0) io.stderr(`report: WARNING ${burned.length === 1 ? '1 image declares' : `${burned.length} images declare`} burned-in annotation (0028,0301 YES); their pixels may still show identifiers: ${burned.map((i) => i.fileName).join(', ')}\n`);
    }
    // Whose reading and how final it is, first: the same status every output carries.
    const { signoff } = result.model;
    io.stderr(`report: reader ${loaded.document.reader.name.trim() || 'not recorded'}; ${signoff.label}: ${signoff.lines.join(' ')}\n`);
    if (signoff.state === 'draft') io.stderr(`report: ${UNSIGNED_EXPORT_WARNING}\n`);
    // A draft is reported for what it can score; its lesions without scores yet are named (the report lists them too).
    for (const l of result.model.incomplete) io.stderr(`report: lesion ${l.number} (${l.id}): ${l.text}\n`);
    if (node !== undefined) {
      // Outputs without a path of their own go to the outbox, where they stay after the sending (a failure keeps them).
      const outbox = join(browserDataDir(), 'outbox', `${result.study.studyInstanceUID}-${Date.now()}`);
      const outputs: ReadingOutput[] = [];
      for (const [kind, path, bytes, name] of [['sr', args.sr, result.sr, 'sr.dcm'], ['pdf', args.encapsulatedPdf, result.encapsulatedPdf, 'report-pdf.dcm'], ['kos', args.kos, result.kos, 'key-images.dcm']] as const) {
        if (bytes === undefined) continue;
        const file = path ?? join(outbox, name);
        if (path === undefined) await out(file, bytes);
        outputs.push({ kind, file });
      }
      io.stderr(`report: ${plural(result.model.lesions.length, 'lesion')}${result.model.incomplete.length > 0 ? `, ${result.model.incomplete.length} not yet scored` : ''}, ${plural(result.keyImages.length, 'key image')}; wrote ${written.join(', ')}\n`);
      if (result.kos === undefined) io.stderr('report: no key image has a known SOP class: the key-image selection was not made\n');
      return await sendOutputs(node, args.send ?? '', outputs, result.study, io);
    }
    io.stderr(`report: ${plural(result.model.lesions.length, 'lesion')}${result.model.incomplete.length > 0 ? `, ${result.model.incomplete.length} not yet scored` : ''}, ${plural(result.keyImages.length, 'key image')}${result.model.deidentified ? ', de-identified' : ''}; wrote ${written.join(', ')}\n`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof ChromiumMissingError || error instanceof ReportInputError || error instanceof InstallationSecretError) {
      io.stderr(`${error.message}\n`);
      return EXIT.invalid;
    }
    if (error instanceof Error && /study .* not found|no study found/.test(error.message)) {
      io.stderr(`${error.message}\n`);
      return EXIT.invalid;
    }
    throw error;
  }
}
