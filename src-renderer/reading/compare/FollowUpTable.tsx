// Follow-up: this reading against a prior study's reading of the same patient, level by level (compareDocuments), the
// changes in clinical words first (progression first), then each level's values prior → current.
import { useMemo } from 'react';
import type { ReactElement } from 'react';
import type { AnnotationDocument } from '@shared/annotation/schema';
import { compareDocuments } from '@shared/reading/compare';
import { deriveReading } from '@shared/reading/derive';
import { comparisonSection, priorStudyOfDocument } from '@shared/report/comparison-section';

export interface FollowUpTableProps {
  readonly prior: AnnotationDocument;
  readonly current: AnnotationDocument;
  readonly included: boolean;
  readonly onIncluded: (included: boolean) => void;
  readonly onClose: () => void;
}

export function FollowUpTable({ prior, current, included, onIncluded, onClose }: FollowUpTableProps): ReactElement {
  const result = useMemo(() => compareDocuments(prior, current, (d) => deriveReading(d)), [prior, current]);
  // The report's own section model: the panel shows exactly the rows and sentences the report will print.
  const section = useMemo(
    () => (result.ok ? comparisonSection({ kind: 'follow-up', comparison: result.comparison, prior: priorStudyOfDocument(prior) }, current.reader.name, false) : null),
    [result, prior, current.reader.name],
  );
  if (!result.ok || section === null) return <p className="report-error" role="alert">{result.ok ? '' : result.reason}</p>;
  return (
    <div data-testid="follow-up">
      <p>{section.against}</p>
      {result.subject.kind === 'not-recorded' ? <p className="report-dim">A reading does not record its patient: check that both are of this patient.</p> : null}
      <label className="opinion-include">
        <input type="checkbox" checked={included} onChange={(e) => onIncluded(e.target.checked)} /> Include in the report
      </label>
      <button type="button" onClick={onClose}>Close the prior reading</button>
      <ul className="opinion-differences">
        {section.changes.map((c) => <li key={c}>{c}</li>)}
      </ul>
      {section.rows.map((row) => (
        <table key={`${row.levels}-${row.status}`} className="opinion-table" data-levels={row.levels}>
          <thead><tr><th>{row.levels} ({row.status})</th><th>Prior</th><th>Current</th></tr></thead>
          <tbody>
            {row.cells.map((c) => (
              <tr key={c.label} className={c.differs ? (c.important ? 'opinion-differs opinion-decisive' : 'opinion-differs') : undefined}>
                <td>{c.label}</td><td>{c.before}</td><td>{c.after}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
      {section.notes.map((n) => <p key={n} className="report-dim">{n}</p>)}
    </div>
  );
}
