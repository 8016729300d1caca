import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { HostApi } from '@shared/ipc/contract';
import type { PacsNodeList, PacsSeries, PacsStudy } from '@shared/ipc/pacs-schemas';
import { formatDicomDate } from '@shared/report/dates';
import { PacsNodeSettings } from './PacsNodeSettings';
import { EMPTY_FIELDS, queryOf, type QueryFields } from './query-form';
import { progressText, usePacsRetrieval, type PacsRetrievalApi } from './use-pacs-retrieval';
import './pacs.css';

/** The patient of the study on screen, as its files say (for "prior studies of this patient"). */
export interface OpenPatient {
  readonly patientId: string;
  readonly patientName: string;
  readonly birthDate: string;
  readonly studyUid: string;
}

export interface PacsPanelProps {
  readonly host: HostApi;
  readonly openFolder: (folder: string) => void;
  readonly openPatient: OpenPatient | null;
}

type Found = { readonly status: 'none' } | { readonly status: 'busy' } | { readonly status: 'found'; readonly studies: readonly PacsStudy[] } | { readonly status: 'failed'; readonly message: string };

const nameText = (name: string): string => name.replace(/\^+/g, ' ').trim() || '(no name)';

/**
 * The PACS part of the study browser (issue 13): configured nodes and their settings, a search, the studies found
 * with their series, retrieval with progress and cancel, and the open patient's prior studies on the node. Every
 * request goes to main, which alone talks to the PACS; with no node configured nothing is asked of anyone.
 */
export function PacsPanel({ host, openFolder, openPatient }: PacsPanelProps) {
  const [list, setList] = useState<PacsNodeList | null>(null);
  const [nodeId, setNodeId] = useState<string | null>(null);
  const [editing, setEditing] = useState<'new' | string | null>(null);
  const [test, setTest] = useState<{ ok: boolean; message: string } | null>(null);
  const [fields, setFields] = useState<QueryFields>(EMPTY_FIELDS);
  const [found, setFound] = useState<Found>({ status: 'none' });
  const [priors, setPriors] = useState<Found>({ status: 'none' });
  const retrieval = usePacsRetrieval(host, openFolder);

  const adopt = useCallback((next: PacsNodeList, preferred?: string) => {
    setList(next);
    setNodeId((old) => {
      const ids = next.nodes.map((n) => n.id);
      if (preferred !== undefined && ids.includes(preferred)) return preferred;
      return old !== null && ids.includes(old) ? old : (ids[0] ?? null);
    });
  }, []);

  useEffect(() => {
    host.pacsListNodes({}).then(adopt, () => setList({ nodes: [], secretStore: 'environment' }));
  }, [host, adopt]);

  const node = list?.nodes.find((n) => n.id === nodeId);

  // Prior studies of the open patient: the same patient ID on this node, nothing merged, nothing assumed.
  const priorKey = openPatient !== null && openPatient.patientId !== '' && node?.kind === 'dicomweb' ? `${node.id}\n${openPatient.patientId}` : null;
  // The search runs when the node, the patient ID or the open study changes (priorKey, studyUid); the rest is read
  // from this render through a ref.
  const latest = useRef({ openPatient, nodeId });
  latest.current = { openPatient, nodeId };
  const openStudyUid = openPatient?.studyUid;
  useEffect(() => {
    const { openPatient, nodeId } = latest.current;
    if (priorKey === null || openPatient === null || nodeId === null) return setPriors({ status: 'none' });
    let live = true;
    setPriors({ status: 'busy' });
    host.pacsFind({ id: nodeId, query: { patientId: openPatient.patientId } }).then(
      (answer) => {
        if (!live) return;
        setPriors(answer.status === 'found' ? { status: 'found', studies: answer.studies.filter((s) => s.studyInstanceUid !== openPatient.studyUid) } : answer);
      },
      () => live && setPriors({ status: 'failed', message: 'The search for prior studies failed.' }),
    );
    return () => {
      live = false;
    };
  }, [host, priorKey, openStudyUid]);

  if (list === null) return null;

  const search = (event: FormEvent): void => {
    event.preventDefault();
    if (nodeId === null) return;
    const outcome = queryOf(fields);
    if (!outcome.ok) return setFound({ status: 'failed', message: outcome.message });
    setFound({ status: 'busy' });
    host.pacsFind({ id: nodeId, query: outcome.query }).then(
      (answer) => setFound(answer.status === 'found' ? { status: 'found', studies: answer.studies } : answer),
      () => setFound({ status: 'failed', message: 'The search failed.' }),
    );
  };

  const runTest = (): void => {
    if (nodeId === null) return;
    setTest({ ok: true, message: 'Testing…' });
    host.pacsTestNode({ id: nodeId }).then(
      (answer) => setTest({ ok: answer.status === 'ok', message: answer.message }),
      () => setTest({ ok: false, message: 'The connection test failed.' }),
    );
  };

  const remove = (): void => {
    if (nodeId === null) return;
    host.pacsRemoveNode({ id: nodeId }).then((next) => adopt(next), () => undefined);
  };

  const field = (key: keyof QueryFields, label: string, placeholder: string) => (
    <label>
      {label}
      <input value={fields[key]} onChange={(e) => setFields((f) => ({ ...f, [key]: e.target.value }))} placeholder={placeholder} spellCheck={false} />
    </label>
  );

  return (
    <section className="pacs" aria-label="PACS">
      <h2 className="panel-title">PACS</h2>
      {editing !== null ? (
        <PacsNodeSettings
          host={host}
          list={list}
          node={editing === 'new' ? undefined : list.nodes.find((n) => n.id === editing)}
          onDone={(next, savedId) => {
            setEditing(null);
            setTest(null);
            if (next !== null) adopt(next, savedId);
          }}
        />
      ) : list.nodes.length === 0 ? (
        <div className="pacs-empty">
          <p className="dim">No PACS node is configured: the app asks nothing of any network.</p>
          <button type="button" onClick={() => setEditing('new')}>
            Add a PACS node
          </button>
        </div>
      ) : (
        <>
          <div className="pacs-node">
            <select aria-label="PACS node" value={nodeId ?? ''} onChange={(e) => (setNodeId(e.target.value), setTest(null))}>
              {list.nodes.map((n) => (
                <option key={n.id} value={n.id}>
                  {n.name} ({n.kind === 'dicomweb' ? 'DICOMweb' : `DIMSE ${n.calledAet}@${n.host}:${n.port}`})
                </option>
              ))}
            </select>
            <div className="pacs-buttons">
              <button type="button" onClick={runTest}>
                Test connection
              </button>
              <button type="button" onClick={() => setEditing(nodeId)}>
                Edit
              </button>
              <button type="button" onClick={remove}>
                Remove
              </button>
              <button type="button" onClick={() => setEditing('new')}>
                Add
              </button>
            </div>
            {test !== null ? (
              <p className={test.ok ? 'dim' : 'open-message'} data-testid="pacs-test">
                {test.message}
              </p>
            ) : null}
            {list.secretStore === 'environment' && node?.kind === 'dicomweb' && node.auth.kind !== 'none' && list.secretNote !== undefined ? <p className="pacs-warning">{list.secretNote}</p> : null}
          </div>
          <form className="pacs-search" onSubmit={search} aria-label="Search the PACS">
            {field('patientName', 'Patient name', 'DOE^J* (* and ? as wildcards)')}
            {field('patientId', 'Patient ID', '')}
            {field('studyDate', 'Study date', '2024-03-01 or 2024-01-01..2024-06-30')}
            <div className="pacs-row">
              {field('modality', 'Modality', 'MR')}
              {field('accessionNumber', 'Accession', '')}
            </div>
            <button type="submit" disabled={found.status === 'busy'}>
              Search
            </button>
          </form>
          <RetrievalStatus retrieval={retrieval} />
          <StudyResults label="PACS studies" found={found} nodeId={nodeId ?? ''} host={host} retrieval={retrieval} />
          {openPatient !== null && priors.status !== 'none' ? (
            <div className="pacs-priors">
              <h3 className="pacs-subtitle">Prior studies on the PACS</h3>
              <p className="dim">
                Studies with patient ID {openPatient.patientId} on {node?.name}. Matched by ID only: check the name and birth date.
              </p>
              <StudyResults label="Prior studies on the PACS" found={priors} nodeId={nodeId ?? ''} host={host} retrieval={retrieval} patient={openPatient} />
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}

function RetrievalStatus({ retrieval }: { readonly retrieval: PacsRetrievalApi }) {
  const { state } = retrieval;
  if (state.status === 'idle') return null;
  if (state.status === 'ended') {
    return (
      <p className={state.ok ? 'dim' : 'open-message'} data-testid="pacs-retrieval" role="status">
        {state.message}
      </p>
    );
  }
  const p = state.status === 'running' ? state.progress : null;
  return (
    <div className="pacs-retrieval" data-testid="pacs-retrieval" role="status">
      <span>Retrieving: {progressText(p)}</span>
      <progress max={p?.seriesTotal || 1} value={p?.seriesDone ?? 0} />
      <button type="button" onClick={retrieval.cancel} disabled={state.status !== 'running'}>
        Cancel retrieval
      </button>
    </div>
  );
}

interface StudyResultsProps {
  readonly label: string;
  readonly found: Found;
  readonly nodeId: string;
  readonly host: HostApi;
  readonly retrieval: PacsRetrievalApi;
  /** For prior studies: the open patient, whose name and birth date each study is held against. */
  readonly patient?: OpenPatient;
}

function StudyResults({ label, found, nodeId, host, retrieval, patient }: StudyResultsProps) {
  if (found.status === 'none') return null;
  if (found.status === 'busy') return <p className="dim">Searching…</p>;
  if (found.status === 'failed') return <p className="open-message">{found.message}</p>;
  if (found.studies.length === 0) return <p className="dim">{patient ? 'No other study of this patient ID on this node.' : 'No study matches.'}</p>;
  return (
    <ul className="pacs-studies" aria-label={label}>
      {found.studies.map((s) => (
        <StudyRow key={s.studyInstanceUid} study={s} nodeId={nodeId} host={host} retrieval={retrieval} {...(patient ? { patient } : {})} />
      ))}
    </ul>
  );
}

function StudyRow({ study, nodeId, host, retrieval, patient }: { readonly study: PacsStudy; readonly nodeId: string; readonly host: HostApi; readonly retrieval: PacsRetrievalApi; readonly patient?: OpenPatient }) {
  const [series, setSeries] = useState<{ status: 'closed' } | { status: 'busy' } | { status: 'open'; series: readonly PacsSeries[] } | { status: 'failed'; message: string }>({ status: 'closed' });
  const busy = (retrieval.state.status === 'running' || retrieval.state.status === 'starting') && retrieval.state.studyUid === study.studyInstanceUid;
  // Never merged: a prior whose name or birth date differs from the open study's says so.
  const differs = patient !== undefined && ((study.patientName !== '' && patient.patientName !== '' && study.patientName !== patient.patientName) || (study.patientBirthDate !== '' && patient.birthDate !== '' && study.patientBirthDate !== patient.birthDate));
  const toggle = (): void => {
    if (series.status === 'open' || series.status === 'failed') return setSeries({ status: 'closed' });
    setSeries({ status: 'busy' });
    host.pacsSeries({ id: nodeId, studyUid: study.studyInstanceUid }).then(
      (answer) => setSeries(answer.status === 'found' ? { status: 'open', series: answer.series } : answer),
      () => setSeries({ status: 'failed', message: 'The series search failed.' }),
    );
  };
  const detail = [study.modalities.join('/'), study.seriesCount !== undefined ? `${study.seriesCount} series` : '', study.instanceCount !== undefined ? `${study.instanceCount} images` : ''].filter((t) => t !== '').join(' · ');
  return (
    <li data-testid="pacs-study">
      <span className="recent-name">
        {nameText(study.patientName)}
        {study.patientId !== '' ? <span className="dim"> · ID {study.patientId}</span> : null}
      </span>
      <span className="dim">
        {formatDicomDate(study.studyDate)} {study.description}
        {study.accessionNumber !== '' ? ` · Acc ${study.accessionNumber}` : ''}
      </span>
      {detail !== '' ? <span className="dim">{detail}</span> : null}
      {differs ? <span className="pacs-warning">Name or birth date differs from the open study&apos;s: it may be another patient.</span> : null}
      <div className="pacs-buttons">
        <button type="button" onClick={() => retrieval.retrieve(nodeId, study.studyInstanceUid)} disabled={busy}>
          {study.cached ? 'Open (cached)' : 'Retrieve'}
        </button>
        <button type="button" onClick={toggle} aria-expanded={series.status === 'open'}>
          Series
        </button>
      </div>
      {series.status === 'busy' ? <span className="dim">Searching…</span> : null}
      {series.status === 'failed' ? <span className="open-message">{series.message}</span> : null}
      {series.status === 'open' ? (
        <ul className="pacs-series" aria-label="Series on the PACS">
          {series.series.map((s) => (
            <li key={s.seriesInstanceUid} className="dim">
              {s.seriesNumber !== undefined ? `#${s.seriesNumber} ` : ''}
              {s.modality} {s.description || '(no description)'}
              {s.instanceCount !== undefined ? ` · ${s.instanceCount} images` : ''}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}
