// `import-sr FILE.dcm --out DOC.json`: our own SR back into its annotation document (issue 13, item 6); any other
// SR printed as text with a note, exit 2.

import { readFile } from 'node:fs/promises';
import { readSr, SrReadError } from '@shared/dicom/sr/index';
import { restoreReadingFromSr } from '@shared/report/restore-reading';
import { plural } from '@shared/reading/wording';
import { writePrivateFile } from '../../services/private-files';
import { EXIT, readErrorText } from '../io';
import type { CliIo } from '../io';
import { IMPORT_SR_USAGE } from './import-sr-usage';

export { IMPORT_SR_USAGE };

function parseArgs(argv: readonly string[]): { file: string; out: string } | string {
  let file: string | undefined;
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--out') {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) return '--out needs a value';
      out = value;
      i++;
    } else if (arg.startsWith('--')) return `unknown option "${arg}"`;
    else if (file !== undefined) return 'give one SR file';
    else file = arg;
  }
  if (file === undefined) return 'the SR file is required';
  if (out === undefined) return '--out is required';
  return { file, out };
}

export async function runImportSr(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h')) {
    io.stdout(`${IMPORT_SR_USAGE}\n`);
    return EXIT.ok;
  }
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.stderr(`${args}\n\n${IMPORT_SR_USAGE}\n`);
    return EXIT.invalid;
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(args.file));
  } catch (error) {
    io.stderr(`cannot read ${args.file}: ${readErrorText(error)}\n`);
    return EXIT.invalid;
  }
  let sr;
  try {
    sr = readSr(bytes);
  } catch (error) {
    if (!(error instanceof SrReadError)) throw error;
    io.stderr(`${args.file}: ${error.message}\n`);
    return EXIT.invalid;
  }
  const result = restoreReadingFromSr(sr);
  if (result.kind === 'text-only') {
    io.stdout(`${result.text}\n`);
    io.stderr(`${args.file}: ${result.note}\n`);
    return EXIT.invalid;
  }
  const doc = result.document;
  try {
    await writePrivateFile(args.out, `${JSON.stringify(doc, null, 2)}\n`);
  } catch (error) {
    io.stderr(`cannot write ${args.out}: ${readErrorText(error)}\n`);
    return EXIT.invalid;
  }
  const name = (doc.subject?.patient.name ?? sr.patientName).split('^').filter((p) => p !== '').reverse().join(' ') || 'unnamed patient';
  const who = `${name}, study of ${doc.subject?.study.date || 'unknown date'}`;
  io.stderr(`restored the ${doc.signoff.state} reading (${who}; ${plural(doc.lesions.length, 'lesion')}, ${plural(doc.labels.length, 'level label')}, ${plural(doc.measurements.length, 'measurement')}) into ${args.out}\n`);
  return EXIT.ok;
}
