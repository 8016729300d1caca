import type { ViewerStudy } from '../types';

export interface RecentStudy {
  readonly key: string;
  readonly label: string;
  readonly openedAt: string;
}

export interface StudyListProps {
  readonly studies: readonly ViewerStudy[];
  readonly selectedKey: string | null;
  readonly onSelect: (key: string) => void;
  readonly recent?: readonly RecentStudy[];
  readonly onOpenRecent?: (key: string) => void;
}

const formatDate = (da: string): string => (/^\d{8}$/.test(da) ? `${da.slice(0, 4)}-${da.slice(4, 6)}-${da.slice(6, 8)}` : da || '—');

/** Open studies (patient, date, description, modalities, series count) and, when the host gives them, recent ones. */
export function StudyList({ studies, selectedKey, onSelect, recent = [], onOpenRecent }: StudyListProps) {
  return (
    <div className="vw-studies">
      <table className="vw-study-table" aria-label="Studies">
        <thead>
          <tr>
            <th>Patient</th>
            <th>Date</th>
            <th>Description</th>
            <th>Mod</th>
            <th>Ser</th>
          </tr>
        </thead>
        <tbody>
          {studies.map((s) => (
            <tr key={s.key} className={s.key === selectedKey ? 'vw-selected' : ''} onClick={() => onSelect(s.key)} data-testid="study-row" data-study-key={s.key}>
              <td title={s.patientId}>{s.patientName}</td>
              <td>{formatDate(s.studyDate)}</td>
              <td>{s.description}</td>
              <td>{s.modalities.join('/')}</td>
              <td>{s.series.length}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {recent.length > 0 ? (
        <div className="vw-recent">
          <h3>Recent</h3>
          <ul>
            {recent.map((r) => (
              <li key={r.key}>
                <button type="button" onClick={() => onOpenRecent?.(r.key)}>
                  {r.label} <span className="vw-dim">{r.openedAt}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
