// Vertebral level labels and the patient's own level sequence.
// Why: lesions are recorded by label, and a label only means something against the reader's count of this
// patient's thoracic and lumbar vertebrae (transitional anatomy, docs/clinical-rules.md §1).

export const THORACIC_COUNTS = [11, 12, 13] as const;
export const LUMBAR_COUNTS = [4, 5, 6] as const;
export type ThoracicCount = (typeof THORACIC_COUNTS)[number];
export type LumbarCount = (typeof LUMBAR_COUNTS)[number];

export interface SpineCounts {
  readonly thoracicCount: ThoracicCount;
  readonly lumbarCount: LumbarCount;
}

export const STANDARD_COUNTS: SpineCounts = { thoracicCount: 12, lumbarCount: 5 };

export type Segment = 'C' | 'T' | 'L' | 'S' | 'Co';

const numbered = (prefix: string, count: number): string[] =>
  Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`);

/** The patient's levels, cranial to caudal: C1–C7, T1–T{n}, L1–L{n}, S1–S5, Co. */
export function levelSequence(counts: SpineCounts): readonly string[] {
  return [
    ...numbered('C', 7),
    ...numbered('T', counts.thoracicCount),
    ...numbered('L', counts.lumbarCount),
    ...numbered('S', 5),
    'Co',
  ];
}

/** Every label any allowed count can produce (T13 and L6 included). */
export const ALL_LEVELS: readonly string[] = levelSequence({ thoracicCount: 13, lumbarCount: 6 });

export function isLevelLabel(value: string): boolean {
  return ALL_LEVELS.includes(value);
}

export function segmentOf(level: string): Segment | null {
  if (!isLevelLabel(level)) return null;
  if (level === 'Co') return 'Co';
  return level.charAt(0) as Segment;
}

/** 1-based number within the segment (`L6` → 6); null for `Co` and unknown labels. */
export function numberInSegment(level: string): number | null {
  if (!isLevelLabel(level) || level === 'Co') return null;
  return Number(level.slice(1));
}

/**
 * Why a set of levels cannot be one lesion record for this patient, or null when it can: every level must exist
 * in the patient's sequence, appear once, and together form one unbroken run (any order).
 */
export function levelsProblem(levels: readonly string[], counts: SpineCounts): string | null {
  if (levels.length === 0) return 'expected at least one level';
  const sequence = levelSequence(counts);
  const seen = new Set<string>();
  const indices: number[] = [];
  for (const level of levels) {
    const index = sequence.indexOf(level);
    if (index < 0) return `${level} does not exist with ${counts.thoracicCount} thoracic and ${counts.lumbarCount} lumbar vertebrae`;
    if (seen.has(level)) return `${level} is listed twice`;
    seen.add(level);
    indices.push(index);
  }
  indices.sort((a, b) => a - b);
  for (let i = 1; i < indices.length; i += 1) {
    const previous = indices[i - 1] ?? 0;
    const current = indices[i] ?? 0;
    if (current !== previous + 1) {
      return `levels must be contiguous: ${sequence[previous] ?? '?'} and ${sequence[current] ?? '?'} are not adjacent (record non-contiguous levels as separate lesions)`;
    }
  }
  return null;
}

/** The levels in cranial-to-caudal order (labels the count does not have are dropped). */
export function sortLevels(levels: readonly string[], counts: SpineCounts): string[] {
  const sequence = levelSequence(counts);
  return levels.filter((l) => sequence.includes(l)).sort((a, b) => sequence.indexOf(a) - sequence.indexOf(b));
}
