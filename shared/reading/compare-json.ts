/**
 * The comparison tables as plain JSON, for `cli compare` and anything else that hands them to another system: the
 * same rows the app and the report show, without the derived lesions behind them.
 */
import type { Comparison } from './compare';
import type { SecondOpinion } from './second-opinion';

export function comparisonJson(comparison: Comparison) {
  return {
    kind: 'follow-up' as const,
    changes: comparison.changes.map((c) => ({ text: c.text, progression: c.progression, rule: c.rule })),
    rows: comparison.rows.map((r) => ({
      levels: r.levels,
      status: r.status,
      components: Object.fromEntries(r.components.map((c) => [c.name, c.values])),
      sins: r.sins,
      band: r.band,
      collapseMeasuredPercent: r.collapseMeasuredPercent,
      escc: r.escc,
      pathway: r.pathway,
      changes: r.changes.map((c) => c.text),
    })),
    notCompared: comparison.notCompared,
  };
}

export function secondOpinionJson(opinion: SecondOpinion) {
  return {
    kind: 'second-opinion' as const,
    agreed: opinion.agreed,
    compared: opinion.compared,
    rows: opinion.rows.map((r) => ({
      levels: r.levels,
      status: r.status,
      agree: r.agree,
      // `prior` is the other reading, `current` this one, as in the follow-up table.
      components: Object.fromEntries(r.components.map((c) => [c.name, { other: c.values.prior, current: c.values.current, agree: c.agree }])),
      sins: { other: r.sins.prior, current: r.sins.current },
      band: { other: r.band.prior, current: r.band.current },
      escc: { other: r.escc.prior, current: r.escc.current },
      pathway: { other: r.pathway.prior, current: r.pathway.current },
      differences: r.differences.map((d) => ({ field: d.field, other: d.answers.prior, current: d.answers.current, changesBand: d.changesBand, changesPathway: d.changesPathway, text: d.text })),
      text: r.text,
    })),
  };
}
