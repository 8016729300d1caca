// `propose-levels`: every vertebral level of one series proposed from the levels the reader is sure of, by image
// analysis of the series itself (shared/spine/propose-levels.ts), printed as JSON with confidences and warnings.

import { THORACIC_COUNTS, LUMBAR_COUNTS, isLevelLabel } from '@shared/spine/levels';
import type { LumbarCount, ThoracicCount } from '@shared/spine/levels';
import { proposeLevels } from '@shared/spine/propose-levels';
import type { CountingMethod, LevelPoint } from '@shared/spine/propose-levels';
import { vec3 } from '@shared/geometry';
import { ensureSampleStudy } from '../../services/sample-study';
import { browserDataDir, sampleStudyDir } from '../../services/app-paths';
import { indexSources } from '../../services/study-index/indexer';
import { createInstanceBytesReader } from '../../services/study-index/file-bytes';
import { loadProposalStack, ProposalStackError } from '../../services/proposal-stack';
import { EXIT } from '../io';
import type { CliIo } from '../io';
import { PROPOSE_LEVELS_USAGE } from './propose-levels-usage';

export { PROPOSE_LEVELS_USAGE };

interface Args {
  study: string[];
  series?: string;
  anchors: LevelPoint[];
  thoracic: ThoracicCount;
  lumbar: LumbarCount;
  counting: CountingMethod;
}

const COUNTING: readonly CountingMethod[] = ['whole-spine-localizer', 'partial', 'unknown'];

function parseAnchor(text: string): LevelPoint | string {
  const match = /^([A-Za-z]+\d*):(-?[\d.]+),(-?[\d.]+),(-?[\d.]+)$/.exec(text.trim());
  if (match === null) return `--anchor must be LABEL:X,Y,Z (LPS mm), got "${text}"`;
  const [, label = '', x = '', y = '', z = ''] = match;
  const level = label.length > 1 ? label.charAt(0).toUpperCase() + label.slice(1) : label;
  if (!isLevelLabel(level)) return `--anchor: ${label} is not a vertebral level (C1–C7, T1–T13, L1–L6, S1–S5, Co)`;
  const p = [Number(x), Number(y), Number(z)];
  if (!p.every(Number.isFinite)) return `--anchor: ${text} has a coordinate that is not a number`;
  return { level, point: vec3(p[0] as number, p[1] as number, p[2] as number) };
}

function parseArgs(argv: readonly string[]): Args | string {
  const out: Args = { study: [], anchors: [], thoracic: 12, lumbar: 5, counting: 'unknown' };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] ?? '';
    const value = argv[i + 1];
    if (!['--study', '--series', '--anchor', '--thoracic', '--lumbar', '--counting'].includes(flag)) return `unknown option "${flag}"`;
    if (value === undefined || value.startsWith('--')) return `${flag} needs a value`;
    i++;
    if (flag === '--study') out.study.push(value);
    else if (flag === '--series') out.series = value;
    else if (flag === '--anchor') {
      const anchor = parseAnchor(value);
      if (typeof anchor === 'string') return anchor;
      out.anchors.push(anchor);
    } else if (flag === '--thoracic') {
      const n = Number(value);
      if (!(THORACIC_COUNTS as readonly number[]).includes(n)) return '--thoracic must be 11, 12 or 13';
      out.thoracic = n as ThoracicCount;
    } else if (flag === '--lumbar') {
      const n = Number(value);
      if (!(LUMBAR_COUNTS as readonly number[]).includes(n)) return '--lumbar must be 4, 5 or 6';
      out.lumbar = n as LumbarCount;
    } else {
      if (!(COUNTING as readonly string[]).includes(value)) return `--counting must be one of ${COUNTING.join(', ')}`;
      out.counting = value as CountingMethod;
    }
  }
  if (out.study.length === 0) return '--study is required';
  if (out.series === undefined) return '--series is required';
  if (out.anchors.length === 0) return '--anchor is required (a level you are sure of)';
  return out;
}

export async function runProposeLevels(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h')) {
    io.stdout(`${PROPOSE_LEVELS_USAGE}\n`);
    return EXIT.ok;
  }
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.stderr(`${args}\n\n${PROPOSE_LEVELS_USAGE}\n`);
    return EXIT.invalid;
  }
  const paths: string[] = [];
  for (const s of args.study) paths.push(...(s === 'sample' ? (await ensureSampleStudy(sampleStudyDir(browserDataDir()))).files : [s]));
  const index = await indexSources(paths);
  const reader = createInstanceBytesReader(index);
  try {
    const loaded = await loadProposalStack(index, args.series ?? '', (id) => reader.read(id));
    const started = performance.now();
    const result = proposeLevels({
      stack: loaded.stack,
      ...(loaded.modality === undefined ? {} : { modality: loaded.modality }),
      anchors: args.anchors,
      counts: { thoracicCount: args.thoracic, lumbarCount: args.lumbar },
      countingMethod: args.counting,
    });
    const elapsed = performance.now() - started;
    if (!result.ok) {
      io.stderr(`propose-levels: ${result.reason}\n`);
      return EXIT.invalid;
    }
    const json = {
      series: loaded.series.uid,
      modality: loaded.modality ?? null,
      frameOfReferenceUID: loaded.frameOfReferenceUid ?? null,
      counts: { thoracicCount: args.thoracic, lumbarCount: args.lumbar, countingMethod: args.counting },
      anchors: args.anchors.map((a) => ({ level: a.level, point: [...a.point] })),
      levels: result.levels.map((l) => ({ level: l.level, point: [...l.point], confidence: l.confidence, countedFrom: l.countedFrom })),
      warnings: result.warnings,
      vertebralPeriodMm: result.periodMm,
    };
    io.stdout(`${JSON.stringify(json, null, 2)}\n`);
    io.stderr(`propose-levels: ${result.levels.length} level(s) proposed from ${args.anchors.map((a) => a.level).join(', ')} on ${loaded.stack.planes.length} image(s) in ${Math.round(elapsed)} ms, ${result.warnings.length} warning(s)\n`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof ProposalStackError) {
      io.stderr(`propose-levels: ${error.message}\n`);
      return EXIT.invalid;
    }
    throw error;
  } finally {
    reader.close();
  }
}
