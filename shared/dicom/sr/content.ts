// SR content items as data (PS3.3 C.17.3): a tree the encoder turns into nested Content Sequences.
export interface Code {
  readonly value: string;
  readonly scheme: string;
  readonly meaning: string;
}

export type Relationship = 'CONTAINS' | 'HAS PROPERTIES' | 'HAS OBS CONTEXT' | 'INFERRED FROM' | 'SELECTED FROM' | 'HAS CONCEPT MOD' | 'HAS ACQ CONTEXT';

interface Base {
  readonly relationship: Relationship;
  readonly concept: Code;
  readonly children?: readonly SrItem[];
}

export type SrItem =
  | (Base & { readonly type: 'CONTAINER' })
  | (Base & { readonly type: 'TEXT'; readonly text: string })
  | (Base & { readonly type: 'CODE'; readonly code: Code })
  | (Base & { readonly type: 'NUM'; readonly value: number; readonly unit: Code })
  | (Base & { readonly type: 'PNAME'; readonly name: string })
  | (Base & { readonly type: 'UIDREF'; readonly uid: string })
  /** Image coordinates (column, row pairs, pixel-edge origin as PS3.3 C.18.6.1.1); needs a SELECTED FROM image child. */
  | (Base & { readonly type: 'SCOORD'; readonly graphicType: 'POINT' | 'POLYLINE' | 'CIRCLE'; readonly data: readonly number[] })
  | (Base & { readonly type: 'IMAGE'; readonly sopClassUID: string; readonly sopInstanceUID: string; readonly frame?: number });

/** UCUM units used by the report. */
export const UCUM = {
  score: { value: '{score}', scheme: 'UCUM', meaning: 'score' },
  percent: { value: '%', scheme: 'UCUM', meaning: 'percent' },
  mm: { value: 'mm', scheme: 'UCUM', meaning: 'millimeter' },
  degree: { value: 'deg', scheme: 'UCUM', meaning: 'degree' },
} as const satisfies Record<string, Code>;
