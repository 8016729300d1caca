// Comparing this reading with another one (its JSON): a prior study's reading of the same patient (follow-up: what
// changed, level by level, progression first), or another reader's reading of this study (second opinion: where the
// two agree and differ, finding by finding, the differences that would move the SINS band or NOMS pathway marked,
// each adoptable as one undo step). Either may be included in the report.
import { useMemo, useState } from 'react';
import type { ChangeEvent, ReactElement } from 'react';
import { readingFromFile } from '@shared/report/restore-reading';
import type { AnnotationDocument } from '@shared/annotation/schema';
import type { Command } from '@shared/annotation/commands';
import { deriveReading } from '@shared/reading/derive';
import { adoptedLesion, adoptedValue, secondOpinionOnDocuments } from '@shared/reading/second-opinion';
import type { OpinionRow } from '@shared/reading/second-opinion';
import type { CompareWith } from '@shared/report/comparison-section';
import { FollowUpTable } from './FollowUpTable';
import './compare.css';

/** A reading file is a few hundred KB at most; anything far larger is not one. */
const MAX_READING_BYTES = 20 * 1024 * 1024;

export interface SecondOpinionPanelProps {
  /** This reading (the committed document). */
  readonly document: AnnotationDocument;
  readonly dispatch: (command: Command) => { readonly ok: boolean };
  /** The other reading and what it is, kept by the caller (the report includes it when `included`). */
  readonly other: CompareWith | null;
  readonly onOther: (other: CompareWith | null) => void;
  readonly included: boolean;
  readonly onIncluded: (included: boolean) => void;
  /** The reading of the prior study hung beside this one, when one is: compared without loading its JSON. */
  readonly hungPrior?: (() => AnnotationDocument | null) | undefined;
}

function RowTable({ row }: { readonly row: OpinionRow }): ReactElement {
  const cells = [
    ...row.components.map((c) => ({ label: `SINS ${c.label.toLowerCase()}`, other: c.values.prior, mine: c.values.current, important: false })),
    { label: 'SINS total', other: row.sins.prior, mine: row.sins.current, important: false },
    { label: 'SINS band', other: row.band.prior, mine: row.band.current, important: true },
    { label: 'ESCC grade', other: row.escc.prior, mine: row.escc.current, important: false },
    { label: 'NOMS pathway', other: row.pathway.prior, mine: row.pathway.current, important: true },
  ];
  return (
    <table className="opinion-table">
      <thead><tr><th>{row.levels}</th><th>Other reader</th><th>This reading</th></tr></thead>
      <tbody>
        {cells.map((c) => {
          const differs = `${c.other ?? '—'}` !== `${c.mine ?? '—'}`;
          return (
            <tr key={c.label} className={differs ? (c.important ? 'opinion-differs opinion-decisive' : 'opinion-differs') : undefined}>
              <td>{c.label}</td><td>{c.other ?? '—'}</td><td>{c.mine ?? '—'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function ComparePanel(props: SecondOpinionPanelProps): ReactElement {
  const { document: doc } = props;
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  /** Another program's SR, shown read-only as text under its note. */
  const [foreignText, setForeignText] = useState<string | null>(null);
  const otherKind = props.other?.kind ?? null;
  const other = props.other?.document ?? null;
  const result = useMemo(() => (other === null || otherKind !== 'second-opinion' ? null : secondOpinionOnDocuments(other, doc, (d) => deriveReading(d))), [other, otherKind, doc]);

  const load = (kind: CompareWith['kind']) => (event: ChangeEvent<HTMLInputElement>): void => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file === undefined) return;
    setMessage(null);
    if (file.size > MAX_READING_BYTES) {
      setError(`${file.name} is too large to be a reading (${Math.round(file.size / 1024 / 1024)} MB).`);
      return;
    }
    file.arrayBuffer().then(
      (buffer) => {
        // The JSON export, or a structured report: this app's restores the reading; another program's cannot.
        const loaded = readingFromFile(new Uint8Array(buffer));
        if (!loaded.ok) {
          setError(`${file.name}: ${loaded.message}`);
          setForeignText(loaded.text === '' ? null : loaded.text);
          return;
        }
        setError(null);
        setForeignText(null);
        props.onOther({ kind, document: loaded.document });
      },
      () => setError(`${file.name} could not be read.`),
    );
  };

  const adopt = (command: Command, what: string): void => {
    const done = props.dispatch(command);
    setMessage(done.ok ? `Adopted: ${what}. Undo (Ctrl+Z) takes it back.` : `Could not adopt ${what}.`);
  };

  return (
    <section className="second-opinion" aria-label="Compare readings">
      <h3>Compare with another reading</h3>
      <p className="report-dim">A prior study&apos;s reading of this patient (follow-up), or another reader&apos;s reading of this study (second opinion): their JSON export or the structured report (DICOM SR) this app wrote.</p>
      {props.hungPrior !== undefined ? (
        <button
          type="button"
          onClick={() => {
            const prior = props.hungPrior?.() ?? null;
            setMessage(null);
            if (prior === null) return setError('The prior shown beside this study has no reading open yet.');
            setError(null);
            props.onOther({ kind: 'follow-up', document: prior });
          }}
        >
          Compare with the prior shown beside
        </button>
      ) : null}
      <label className="opinion-load">
        Load a prior study&apos;s reading…
        <input type="file" accept=".json,application/json,.dcm,application/dicom" onChange={load('follow-up')} aria-label="Load a prior study's reading" />
      </label>
      <label className="opinion-load">
        Load another reading of this study…
        <input type="file" accept=".json,application/json,.dcm,application/dicom" onChange={load('second-opinion')} aria-label="Load another reading" />
      </label>
      {error !== null ? <p className="report-error" role="alert">{error}</p> : null}
      {foreignText !== null ? <pre className="sr-text" aria-label="Structured report as text">{foreignText}</pre> : null}
      {other !== null && otherKind === 'follow-up' ? (
        <FollowUpTable prior={other} current={doc} included={props.included} onIncluded={props.onIncluded} onClose={() => props.onOther(null)} />
      ) : null}
      {result !== null && !result.ok ? <p className="report-error" role="alert">{result.reason}</p> : null}
      {other !== null && result !== null && result.ok ? (
        <div data-testid="second-opinion">
          <p>
            Other reader: <b>{other.reader.name.trim() || 'name not recorded'}</b>. The readings agree on {result.opinion.agreed} of {result.opinion.compared}{' '}
            {result.opinion.compared === 1 ? 'lesion' : 'lesions'}.
          </p>
          <label className="opinion-include">
            <input type="checkbox" checked={props.included} onChange={(e) => props.onIncluded(e.target.checked)} /> Include in the report
          </label>
          <button type="button" onClick={() => props.onOther(null)}>Close the other reading</button>
          {message !== null ? <p role="status">{message}</p> : null}
          {result.opinion.rows.map((row) => {
            const mine = row.current;
            const theirs = row.other;
            return (
            <div key={`${row.levels}-${row.current?.id ?? ''}-${row.other?.id ?? ''}`} className="opinion-row" data-levels={row.levels}>
              {row.text !== null ? <p className="opinion-only">{row.text}</p> : null}
              <RowTable row={row} />
              <ul className="opinion-differences">
                {row.differences.map((d) => (
                  <li key={d.field} className={d.changesBand || d.changesPathway ? 'opinion-decisive' : undefined} data-field={d.field}>
                    {d.text}{' '}
                    {mine !== null && theirs !== null ? (
                      <button
                        type="button"
                        onClick={() => adopt({ type: 'updateLesion', args: { id: mine.id, field: d.field, value: adoptedValue(d.field, theirs.lesion) } }, `${row.levels} ${d.label.toLowerCase()}`)}
                      >
                        Adopt
                      </button>
                    ) : null}
                  </li>
                ))}
              </ul>
              {row.status === 'other-only' && theirs !== null ? (
                <button type="button" onClick={() => adopt({ type: 'adoptLesion', args: { lesion: adoptedLesion(theirs.lesion) } }, `the ${row.levels} lesion`)}>
                  Adopt this lesion
                </button>
              ) : null}
            </div>
            );
          })}
        </div>
      ) : null}
    </section>
  );
}
