// Tomita score (Tomita et al., Spine 2001), 2–10: growth of the primary, visceral and bone metastases.

import { bandOf, pointsOf } from '../citations';
import type { BandRow, PointRow } from '../citations';
import { absent, missing } from './common';
import type { Computed } from './common';

const src = { citation: 'tomita2001', kind: 'published' } as const;

export const TOMITA_PRIMARY_GROWTH = [
  { value: 'slow', label: 'Slow growth', points: 1, ...src },
  { value: 'moderate', label: 'Moderate growth', points: 2, ...src },
  { value: 'rapid', label: 'Rapid growth', points: 4, ...src },
] as const satisfies readonly PointRow[];

export const TOMITA_VISCERAL = [
  { value: 'none', label: 'No visceral metastases', points: 0, ...src },
  { value: 'treatable', label: 'Treatable visceral metastases', points: 2, ...src },
  { value: 'untreatable', label: 'Untreatable visceral metastases', points: 4, ...src },
] as const satisfies readonly PointRow[];

export const TOMITA_BONE = [
  { value: 'solitary', label: 'Solitary or isolated bone metastasis', points: 1, ...src },
  { value: 'multiple', label: 'Multiple bone metastases', points: 2, ...src },
] as const satisfies readonly PointRow[];

export type TomitaBand = 'wide_or_marginal_excision' | 'marginal_or_intralesional_excision' | 'palliative_surgery' | 'supportive_care';

export const TOMITA_BANDS = [
  { band: 'wide_or_marginal_excision', label: '2–3: wide or marginal excision', min: 2, max: 3, ...src },
  { band: 'marginal_or_intralesional_excision', label: '4–5: marginal or intralesional excision', min: 4, max: 5, ...src },
  { band: 'palliative_surgery', label: '6–7: palliative surgery', min: 6, max: 7, ...src },
  { band: 'supportive_care', label: '8–10: supportive care', min: 8, max: 10, ...src },
] as const satisfies readonly BandRow<TomitaBand>[];

export type TomitaGrowth = (typeof TOMITA_PRIMARY_GROWTH)[number]['value'];
export type TomitaVisceral = (typeof TOMITA_VISCERAL)[number]['value'];
export type BoneMetastases = (typeof TOMITA_BONE)[number]['value'];

export interface TomitaInput {
  readonly tomitaPrimaryGrowth?: TomitaGrowth | undefined;
  readonly tomitaVisceral?: TomitaVisceral | undefined;
  readonly boneMetastases?: BoneMetastases | undefined;
}

export function scoreTomita(input: TomitaInput): Computed<TomitaBand> {
  const { tomitaPrimaryGrowth: growth, tomitaVisceral: visceral, boneMetastases: bone } = input;
  if (growth === undefined || visceral === undefined || bone === undefined) {
    return missing(absent(input, ['tomitaPrimaryGrowth', 'tomitaVisceral', 'boneMetastases']));
  }
  const total = pointsOf(TOMITA_PRIMARY_GROWTH, growth) + pointsOf(TOMITA_VISCERAL, visceral) + pointsOf(TOMITA_BONE, bone);
  const band = bandOf(TOMITA_BANDS, total);
  if (band === null) return { value: null, reason: `total ${total} outside 2–10` };
  return { value: { total, band }, reason: null };
}
