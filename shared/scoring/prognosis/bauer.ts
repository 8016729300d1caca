// Modified Bauer score (Leithner et al., Eur Spine J 2008), 0–4: one point per favourable item.

import { bandOf } from '../citations';
import type { BandRow, RuleRow } from '../citations';
import { absent, missing } from './common';
import type { Computed } from './common';

export interface BauerInput {
  readonly visceralMetastases?: boolean | undefined;
  readonly lungPrimary?: boolean | undefined;
  readonly favourablePrimary?: boolean | undefined;
  readonly solitarySkeletal?: boolean | undefined;
}

export type BauerItem = RuleRow & {
  readonly input: keyof BauerInput;
  /** The answer that earns the point. */
  readonly pointWhen: boolean;
  readonly points: number;
};

const src = { citation: 'leithner2008', kind: 'published' } as const;

export const BAUER_ITEMS = [
  { input: 'visceralMetastases', pointWhen: false, points: 1, label: 'No visceral metastases', ...src },
  { input: 'lungPrimary', pointWhen: false, points: 1, label: 'Primary tumour not lung', ...src },
  { input: 'favourablePrimary', pointWhen: true, points: 1, label: 'Primary breast, kidney, lymphoma or myeloma', ...src },
  { input: 'solitarySkeletal', pointWhen: true, points: 1, label: 'Solitary skeletal metastasis', ...src },
] as const satisfies readonly BauerItem[];

export type BauerBand = 'supportive_care' | 'short_term_palliation' | 'mid_term_local_control';

export const BAUER_BANDS = [
  { band: 'supportive_care', label: '0–1: supportive care', min: 0, max: 1, ...src },
  { band: 'short_term_palliation', label: '2: short-term palliation', min: 2, max: 2, ...src },
  { band: 'mid_term_local_control', label: '3–4: mid-term local control', min: 3, max: 4, ...src },
] as const satisfies readonly BandRow<BauerBand>[];

export function scoreBauer(input: BauerInput | undefined): Computed<BauerBand> {
  if (input === undefined) return missing(['bauer']);
  const lacking = absent(input, BAUER_ITEMS.map((i) => i.input));
  if (lacking.length > 0) return missing(lacking.map((n) => `bauer.${n}`));
  const total = BAUER_ITEMS.reduce((s, item) => s + (input[item.input] === item.pointWhen ? item.points : 0), 0);
  const band = bandOf(BAUER_BANDS, total);
  if (band === null) return { value: null, reason: `total ${total} outside 0–4` };
  return { value: { total, band }, reason: null };
}
