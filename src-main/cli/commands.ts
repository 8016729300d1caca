// The table of subcommands. Adding one (index, decode, report…) is one entry here.
// Each command's code is imported when it runs, not before: `--help` (every usage) and `score` load only what they
// use, which is most of the CLI's start-up time once built (issue 14).

import { DECODE_USAGE } from './commands/decode-usage';
import { INDEX_USAGE } from './commands/index-usage';
import { SCORE_USAGE } from './commands/score-usage';
import { REPORT_USAGE } from './commands/report-usage';
import { COMPARE_USAGE } from './commands/compare-usage';
import { PROPOSE_LEVELS_USAGE } from './commands/propose-levels-usage';
import { PACS_USAGE } from './commands/pacs-usage';
import { IMPORT_SR_USAGE } from './commands/import-sr-usage';
import type { CliIo } from './io';

export interface Subcommand {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  readonly run: (args: readonly string[], io: CliIo) => Promise<number>;
}

export const SUBCOMMANDS: readonly Subcommand[] = [
  {
    name: 'score',
    summary: 'score a study: SINS, ESCC, NOMS, flags and prognosis scores from the scoring contract JSON',
    usage: SCORE_USAGE,
    run: async (args, io) => (await import('./commands/score')).runScore(args, io),
  },
  {
    name: 'decode',
    summary: 'decode one frame of a DICOM file to raw stored pixel values (any supported transfer syntax)',
    usage: DECODE_USAGE,
    run: async (args, io) => (await import('./commands/decode')).runDecode(args, io),
  },
  {
    name: 'index',
    summary: 'index DICOM folders, files, DICOMDIRs or zips (headers only) and print studies, series, stacks and problems as JSON',
    usage: INDEX_USAGE,
    run: async (args, io) => (await import('./commands/index-cmd')).runIndex(args, io),
  },
  {
    name: 'report',
    summary: 'build the report of an annotation document: PDF, text, DICOM SR, Encapsulated PDF, JSON (optionally de-identified)',
    usage: REPORT_USAGE,
    run: async (args, io) => (await import('./commands/report')).runReport(args, io),
  },
  {
    name: 'compare',
    summary: 'compare two readings of one patient: the prior study level by level, or (--same-study) a second opinion finding by finding',
    usage: COMPARE_USAGE,
    run: async (args, io) => (await import('./commands/compare')).runCompare(args, io),
  },
  {
    name: 'propose-levels',
    summary: 'propose every vertebral level of a series from one level you are sure of (image analysis): JSON with points, confidences and warnings',
    usage: PROPOSE_LEVELS_USAGE,
    run: async (args, io) => (await import('./commands/propose-levels')).runProposeLevels(args, io),
  },
  {
    name: 'pacs',
    summary: 'talk to a PACS over DICOMweb or DIMSE: test the connection, find its studies, retrieve one into a folder, send DICOM files',
    usage: PACS_USAGE,
    run: async (args, io) => (await import('./commands/pacs')).runPacs(args, io),
  },
  {
    name: 'import-sr',
    summary: 'read a reading back from the DICOM SR this app wrote, into an annotation document (another program\'s SR is printed as text)',
    usage: IMPORT_SR_USAGE,
    run: async (args, io) => (await import('./commands/import-sr')).runImportSr(args, io),
  },
];
