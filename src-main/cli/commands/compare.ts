// `compare --current DOC.json --prior DOC.json [--same-study]`: the follow-up change table (or, with --same-study,
// the second-opinion agreement table) of two annotation documents, as JSON.

import { loadDocumentText } from '@shared/annotation/load';
import type { AnnotationDocument } from '@shared/annotation/schema';
import { compareDocuments } from '@shared/reading/compare';
import { comparisonJson, secondOpinionJson } from '@shared/reading/compare-json';
import { deriveReading } from '@shared/reading/derive';
import { secondOpinionOnDocuments } from '@shared/reading/second-opinion';
import { EXIT, readErrorText } from '../io';
import { COMPARE_USAGE } from './compare-usage';
import type { CliIo } from '../io';

export { COMPARE_USAGE };

interface Args {
  current: string;
  prior: string;
  sameStudy: boolean;
}

function parseArgs(argv: readonly string[]): Args | string {
  let current: string | undefined;
  let prior: string | undefined;
  let sameStudy = false;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--same-study') {
      sameStudy = true;
      continue;
    }
    if (flag !== '--current' && flag !== '--prior') return `unknown option "${flag ?? ''}"`;
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) return `${flag} needs a value`;
    i++;
    if (flag === '--current') current = value;
    else prior = value;
  }
  if (current === undefined) return '--current is required';
  if (prior === undefined) return '--prior is required';
  return { current, prior, sameStudy };
}

async function load(io: CliIo, path: string, role: string): Promise<AnnotationDocument | string[]> {
  let text: string;
  try {
    text = await io.readFile(path);
  } catch (error) {
    return [`${role}: cannot read ${path}: ${readErrorText(error)}`];
  }
  const loaded = loadDocumentText(text);
  if (!loaded.ok) return loaded.problems.map((p) => `${role} ${p.path}: ${p.message} (annotation document ${loaded.reason})`);
  return loaded.document;
}

export async function runCompare(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h')) {
    io.stdout(`${COMPARE_USAGE}\n`);
    return EXIT.ok;
  }
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.stderr(`${args}\n\n${COMPARE_USAGE}\n`);
    return EXIT.invalid;
  }
  const current = await load(io, args.current, '--current');
  const prior = await load(io, args.prior, '--prior');
  const problems = [...(Array.isArray(current) ? current : []), ...(Array.isArray(prior) ? prior : [])];
  if (Array.isArray(current) || Array.isArray(prior)) {
    for (const line of problems) io.stderr(`${line}\n`);
    return EXIT.invalid;
  }
  const derive = (doc: AnnotationDocument) => deriveReading(doc);
  if (args.sameStudy) {
    const result = secondOpinionOnDocuments(prior, current, derive);
    if (!result.ok) {
      io.stderr(`${result.reason}\n`);
      return EXIT.invalid;
    }
    io.stdout(`${JSON.stringify(secondOpinionJson(result.opinion), null, 2)}\n`);
    return EXIT.ok;
  }
  const result = compareDocuments(prior, current, derive);
  if (!result.ok) {
    io.stderr(`${result.reason}\n`);
    return EXIT.invalid;
  }
  if (prior.studyInstanceUID === current.studyInstanceUID) io.stderr('note: both readings are of the same study; --same-study compares them as a second opinion\n');
  if (result.subject.kind === 'not-recorded') io.stderr('note: a reading does not record its patient; compared on the reader\'s word that both are of one patient\n');
  io.stdout(`${JSON.stringify(comparisonJson(result.comparison), null, 2)}\n`);
  return EXIT.ok;
}
