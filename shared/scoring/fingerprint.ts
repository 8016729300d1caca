// The fingerprint of the rule set: SHA-256 of a canonical serialisation of every rule table (tables.ts), the
// citations they name, the rule constants kept outside rows, and the SINS region of every level for every count the
// reader can record (spine/regions.ts is code, so its answers are serialised instead). rules-version.ts pairs each
// RULES_VERSION with the fingerprint it was released with; tests/unit/scoring/rules-version.test.ts recomputes it.

import { sha256 } from '../dicom/write/sha256';
import { utf8Encode } from '../dicom/write/text';
import { LUMBAR_COUNTS, THORACIC_COUNTS, levelSequence } from '../spine/levels';
import { sinsRegionOf } from '../spine/regions';
import { CITATIONS } from './citations';
import { COLLAPSE_BORDERLINE, PARALYSIS_HOURS } from './flags';
import { PATHWAYS } from './noms';
import { RULE_TABLES } from './tables';

/**
 * JSON with object keys sorted and no whitespace; non-finite numbers are written bare (`Infinity`, `-Infinity`,
 * `NaN`), which no JSON value can be, so different inputs never serialise alike. Undefined object values are left
 * out (as JSON does); functions, symbols and bigints are refused.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : String(value);
    case 'string':
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v: unknown) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
    }
    default:
      throw new Error(`canonicalJson: cannot serialise a ${typeof value}`);
  }
}

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** The SINS region (and whether it is our variant convention) of every level, for every count. */
function regionsByCount(): Record<string, Array<[string, string | null, boolean | null]>> {
  const out: Record<string, Array<[string, string | null, boolean | null]>> = {};
  for (const thoracicCount of THORACIC_COUNTS) {
    for (const lumbarCount of LUMBAR_COUNTS) {
      const counts = { thoracicCount, lumbarCount };
      out[`${thoracicCount}/${lumbarCount}`] = levelSequence(counts).map((level) => {
        const region = sinsRegionOf(level, counts);
        return [level, region?.region ?? null, region?.convention ?? null];
      });
    }
  }
  return out;
}

/** What the fingerprint covers, as one value (exported so a test can show what changed). */
export function ruleSet(): unknown {
  return {
    tables: RULE_TABLES,
    citations: CITATIONS,
    constants: { collapseBorderline: COLLAPSE_BORDERLINE, paralysisHours: PARALYSIS_HOURS, pathways: PATHWAYS },
    regions: regionsByCount(),
  };
}

/** SHA-256 (hex) of the canonical serialisation of `value`, by default the whole rule set. */
export function rulesFingerprint(value: unknown = ruleSet()): string {
  return hex(sha256(utf8Encode(canonicalJson(value))));
}
