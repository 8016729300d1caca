// Public API of the scoring core.
export { scoreStudy, RULES_VERSION } from './score';
export type { ScoringOptions } from './score';
export { parseScoringInput, scoringInputSchema } from './contract';
export type {
  ScoringInput,
  ScoringInputDraft,
  LesionInput,
  PatientInput,
  ScoringOutput,
  LesionOutput,
  PatientOutput,
  NomsOutput,
} from './contract';
export * from './citations';
export * from './sins';
export * from './escc';
export * from './noms';
export * from './flags';
export * from './radiosensitivity';
export * from './prognosis/common';
export * from './prognosis/tokuhashi';
export * from './prognosis/tomita';
export * from './prognosis/bauer';
export * from './context-from-histology';
export { RULE_TABLES } from './tables';
export type { RuleTable } from './tables';
export * from './measured-collapse';
export * from './vocabulary';
export { RULES_RELEASES } from './rules-version';
export type { RulesRelease } from './rules-version';
export { canonicalJson, rulesFingerprint, ruleSet } from './fingerprint';
