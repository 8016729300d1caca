// Revised Tokuhashi score (Tokuhashi et al., Spine 2005), 0–15; not the 1990 original (0–12).

import { bandOf, pointsOf } from '../citations';
import type { BandRow, PointRow } from '../citations';
import { absent, missing, rangePoints } from './common';
import type { Computed, RangeRow } from './common';

const src = { citation: 'tokuhashi2005', kind: 'published' } as const;

export const TOKUHASHI_KPS = [
  {
    min: 0,
    max: 40,
    points: 0,
    label: 'KPS 10–40 (0 counted here)',
    citation: 'tokuhashi2005',
    kind: 'convention',
    reason: 'Tokuhashi 2005 gives KPS 10–40; counting KPS 0 (which the contract accepts) in the same row is our choice.',
  },
  { min: 50, max: 70, points: 1, label: 'KPS 50–70', ...src },
  { min: 80, max: 100, points: 2, label: 'KPS 80–100', ...src },
] as const satisfies readonly RangeRow[];

export const TOKUHASHI_EXTRASPINAL_BONE = [
  { min: 3, max: Number.POSITIVE_INFINITY, points: 0, label: '≥ 3 extraspinal bone metastases', ...src },
  { min: 1, max: 2, points: 1, label: '1–2 extraspinal bone metastases', ...src },
  { min: 0, max: 0, points: 2, label: 'No extraspinal bone metastases', ...src },
] as const satisfies readonly RangeRow[];

export const TOKUHASHI_VERTEBRAL = [
  { min: 3, max: Number.POSITIVE_INFINITY, points: 0, label: '≥ 3 vertebral-body metastases', ...src },
  { min: 2, max: 2, points: 1, label: '2 vertebral-body metastases', ...src },
  { min: 1, max: 1, points: 2, label: '1 vertebral-body metastasis', ...src },
] as const satisfies readonly RangeRow[];

export const TOKUHASHI_VISCERAL = [
  { value: 'unremovable', label: 'Major internal-organ metastases, unremovable', points: 0, ...src },
  { value: 'removable', label: 'Major internal-organ metastases, removable', points: 1, ...src },
  { value: 'none', label: 'No major internal-organ metastases', points: 2, ...src },
] as const satisfies readonly PointRow[];

export const TOKUHASHI_PRIMARY = [
  { value: 'lung_osteosarcoma_stomach_bladder_oesophagus_pancreas', label: 'Lung, osteosarcoma, stomach, bladder, oesophagus, pancreas', points: 0, ...src },
  { value: 'liver_gallbladder_unidentified', label: 'Liver, gallbladder, unidentified', points: 1, ...src },
  { value: 'other', label: 'Others', points: 2, ...src },
  { value: 'kidney_uterus', label: 'Kidney, uterus', points: 3, ...src },
  { value: 'rectum', label: 'Rectum', points: 4, ...src },
  { value: 'thyroid_breast_prostate_carcinoid', label: 'Thyroid, breast, prostate, carcinoid', points: 5, ...src },
] as const satisfies readonly PointRow[];

export const TOKUHASHI_FRANKEL = [
  { value: 'A', label: 'Complete palsy (Frankel A)', points: 0, ...src },
  { value: 'B', label: 'Complete palsy (Frankel B)', points: 0, ...src },
  { value: 'C', label: 'Incomplete palsy (Frankel C)', points: 1, ...src },
  { value: 'D', label: 'Incomplete palsy (Frankel D)', points: 1, ...src },
  { value: 'E', label: 'No palsy (Frankel E)', points: 2, ...src },
] as const satisfies readonly PointRow[];

export type TokuhashiBand = 'under_6_months' | '6_months_or_more' | '1_year_or_more';

export const TOKUHASHI_BANDS = [
  { band: 'under_6_months', label: '0–8: expected survival < 6 months', min: 0, max: 8, ...src },
  { band: '6_months_or_more', label: '9–11: expected survival ≥ 6 months', min: 9, max: 11, ...src },
  { band: '1_year_or_more', label: '12–15: expected survival ≥ 1 year', min: 12, max: 15, ...src },
] as const satisfies readonly BandRow<TokuhashiBand>[];

export type VisceralMetastases = (typeof TOKUHASHI_VISCERAL)[number]['value'];
export type TokuhashiPrimary = (typeof TOKUHASHI_PRIMARY)[number]['value'];
export type Frankel = (typeof TOKUHASHI_FRANKEL)[number]['value'];

export interface TokuhashiInput {
  readonly kps?: number | undefined;
  readonly extraspinalBoneMetastases?: number | undefined;
  readonly vertebralMetastases?: number | undefined;
  readonly visceralMetastases?: VisceralMetastases | undefined;
  readonly tokuhashiPrimary?: TokuhashiPrimary | undefined;
  readonly frankel?: Frankel | undefined;
}

const REQUIRED = ['kps', 'extraspinalBoneMetastases', 'vertebralMetastases', 'visceralMetastases', 'tokuhashiPrimary', 'frankel'] as const;

export function scoreTokuhashi(input: TokuhashiInput): Computed<TokuhashiBand> {
  const { kps, extraspinalBoneMetastases: bone, vertebralMetastases: vert, visceralMetastases: visceral, tokuhashiPrimary: primary, frankel } = input;
  if (kps === undefined || bone === undefined || vert === undefined || visceral === undefined || primary === undefined || frankel === undefined) {
    return missing(absent(input, REQUIRED));
  }
  const parts = [
    rangePoints(TOKUHASHI_KPS, kps),
    rangePoints(TOKUHASHI_EXTRASPINAL_BONE, bone),
    rangePoints(TOKUHASHI_VERTEBRAL, vert),
    pointsOf(TOKUHASHI_VISCERAL, visceral),
    pointsOf(TOKUHASHI_PRIMARY, primary),
    pointsOf(TOKUHASHI_FRANKEL, frankel),
  ];
  if (parts.some((p) => p === null)) return { value: null, reason: 'an input is outside the table (KPS 0–100 by 10, counts ≥ 0, vertebral ≥ 1)' };
  const total = parts.reduce<number>((s, p) => s + (p ?? 0), 0);
  const band = bandOf(TOKUHASHI_BANDS, total);
  if (band === null) return { value: null, reason: `total ${total} outside 0–15` };
  return { value: { total, band }, reason: null };
}
