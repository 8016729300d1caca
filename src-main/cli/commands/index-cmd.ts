// `index PATH... [--full]`: index folders, files, DICOMDIRs and zips (headers only) and print the result as JSON.

import { stat } from 'node:fs/promises';
import type { Series, Stack, StudyIndex } from '@shared/dicom/index-model';
import { indexSources } from '../../services/study-index/indexer';
import { EXIT } from '../io';
import type { CliIo } from '../io';
import { INDEX_USAGE } from './index-usage';

export { INDEX_USAGE };

interface IndexArgs {
  readonly paths: string[];
  readonly full: boolean;
}

function parseArgs(args: readonly string[]): IndexArgs | string {
  const paths: string[] = [];
  let full = false;
  for (const arg of args) {
    if (arg === '--full') full = true;
    else if (arg.startsWith('--')) return `unknown option ${arg}`;
    else paths.push(arg);
  }
  if (paths.length === 0) return 'PATH is missing';
  return { paths, full };
}

const stackSummary = (s: Stack): object => ({
  id: s.id,
  orientation: s.orientation,
  rows: s.rows,
  columns: s.columns,
  instances: s.instances.length,
  sortedBy: s.sortedBy,
  regularVolume: s.regularVolume,
  ...(s.sliceSpacing === undefined ? {} : { sliceSpacing: s.sliceSpacing }),
  ...(s.regularReason === undefined ? {} : { regularReason: s.regularReason }),
  firstInstanceNumbers: s.instances.slice(0, 3).map((i) => i.instanceNumber ?? null),
});

const seriesSummary = (s: Series): object => ({
  uid: s.uid,
  ...(s.uidDerived ? { uidDerived: true } : {}),
  number: s.number,
  description: s.description,
  modality: s.modality,
  bodyPart: s.bodyPart,
  frameOfReferenceUid: s.frameOfReferenceUid,
  orientation: s.orientation,
  instances: s.instanceCount,
  stacks: s.stacks.map(stackSummary),
  ...(s.nonImage === undefined ? {} : { nonImage: s.nonImage }),
  objects: s.objects.map((o) => ({ kind: o.kind, name: o.name })),
  problems: s.problems,
});

/** The printed summary: the tree without per-instance detail. */
export function summarizeIndex(index: StudyIndex): object {
  return {
    sources: index.sources,
    stats: index.stats,
    cancelled: index.cancelled,
    patients: index.patients.map((p) => ({
      name: p.name,
      id: p.id,
      birthDate: p.birthDate,
      studies: p.studies.map((st) => ({
        uid: st.uid,
        ...(st.uidDerived ? { uidDerived: true } : {}),
        date: st.date,
        description: st.description,
        modalities: st.modalities,
        series: st.series.map(seriesSummary),
      })),
    })),
    problems: index.problems,
  };
}

export async function runIndex(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    io.stderr(`index: ${parsed}\n\n${INDEX_USAGE}\n`);
    return EXIT.invalid;
  }
  for (const path of parsed.paths) {
    try {
      await stat(path);
    } catch {
      io.stderr(`index: no such file or folder: ${path}\n`);
      return EXIT.invalid;
    }
  }
  const index = await indexSources(parsed.paths);
  io.stdout(`${JSON.stringify(parsed.full ? index : summarizeIndex(index), null, 2)}\n`);
  return EXIT.ok;
}
