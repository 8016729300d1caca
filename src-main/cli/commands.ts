// The table of subcommands. Adding one (index, decode, report…) is one entry here.

import { DECODE_USAGE, runDecode } from './commands/decode';
import { INDEX_USAGE, runIndex } from './commands/index-cmd';
import { runScore, SCORE_USAGE } from './commands/score';
import { REPORT_USAGE, runReport } from './commands/report';
import { PROPOSE_LEVELS_USAGE, runProposeLevels } from './commands/propose-levels';
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
    run: runScore,
  },
  {
    name: 'decode',
    summary: 'decode one frame of a DICOM file to raw stored pixel values (any supported transfer syntax)',
    usage: DECODE_USAGE,
    run: runDecode,
  },
  {
    name: 'index',
    summary: 'index DICOM folders, files, DICOMDIRs or zips (headers only) and print studies, series, stacks and problems as JSON',
    usage: INDEX_USAGE,
    run: runIndex,
  },
  {
    name: 'report',
    summary: 'build the report of an annotation document: PDF, text, DICOM SR, Encapsulated PDF, JSON (optionally de-identified)',
    usage: REPORT_USAGE,
    run: runReport,
  },
  {
    name: 'propose-levels',
    summary: 'propose every vertebral level of a series from one level you are sure of (image analysis): JSON with points, confidences and warnings',
    usage: PROPOSE_LEVELS_USAGE,
    run: runProposeLevels,
  },
];
