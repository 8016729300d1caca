// The rule-set version reports carry, and the fingerprint of the rule tables (fingerprint.ts) each version was
// released with. The version names its fingerprint (`+` and its first 8 hex digits), so the rules cannot change
// without the version changing; tests/unit/scoring/rules-version.test.ts fails until both are updated here.
//
// When the test says "rule tables changed": append an entry with a higher version and the new fingerprint, and set
// RULES_VERSION to it. Never edit or remove an entry: a report names the rules it was made with.

export interface RulesRelease {
  /** `spine-met-rules/MAJOR.MINOR.PATCH+FINGERPRINT8`. */
  readonly version: string;
  /** SHA-256 (hex) of the rule set (rulesFingerprint()); null for releases made before fingerprints. */
  readonly fingerprint: string | null;
  readonly changes: string;
}

export const RULES_RELEASES: readonly RulesRelease[] = [
  { version: 'spine-met-rules/1.0.0', fingerprint: null, changes: 'First rule set (before fingerprints).' },
  {
    version: 'spine-met-rules/1.1.0+31f0c279',
    fingerprint: '31f0c2796ef524b67e8e489c121f1a8f6f260b32eff25e3a3dd9879f2e12429f',
    changes:
      'Same values; provenance reviewed: rows from the design seed are kind "design", our choices "convention", each with its reason; rows for the variant regions, measured collapse (height loss, suggestion, Genant), Castellvi types, cauda equina and unknown NOMS inputs.',
  },
  {
    version: 'spine-met-rules/1.2.0+d7cc9eb3',
    fingerprint: 'd7cc9eb3bd8fdcf20d4fd1fee70d7496cc7d932f67378304992e679ebe167e1f',
    changes:
      'Patient context asked once: the histology derives the Tokuhashi primary group, the Tomita growth class and the Bauer primary questions, and one visceral-metastases answer feeds the three prognosis scores (context.* tables); scores unchanged for the same inputs.',
  },
  {
    version: 'spine-met-rules/1.3.0+a1f0648b',
    fingerprint: 'a1f0648b474e140d038f153d0a4d3ed547568d46f8efbd7d8d488368ff8ab05a',
    changes:
      'Comparing two readings of one patient: what a follow-up calls progression (new lesion, measured collapse up by 10 points or more, higher SINS collapse category, higher ESCC grade, higher SINS band) and what it only reports (a lesion not recorded on the current study, a changed NOMS pathway) are rule rows (progression table); scores unchanged.',
  },
];

/** Bump by appending to RULES_RELEASES (never by hand here): reports carry it. */
export const RULES_VERSION: string = RULES_RELEASES[RULES_RELEASES.length - 1]?.version ?? 'spine-met-rules/unknown';
