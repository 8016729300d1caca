import type { RecentStudyEntry } from '@shared/ipc/study-schemas';
import { formatDicomDate, formatDicomTime } from '@shared/report/dates';

/** "MR · 3 series, 112 images": what tells two studies of one patient and day apart. */
function studyDetail(r: RecentStudyEntry): string {
  const parts = [
    r.modalities?.join('/') ?? '',
    r.seriesCount !== undefined ? `${r.seriesCount} series` : '',
    r.instanceCount !== undefined ? `${r.instanceCount} image${r.instanceCount === 1 ? '' : 's'}` : '',
  ];
  return parts.filter((p) => p !== '').join(' · ');
}

/** Studies opened before (kept on this machine only), one entry per study; one click opens the same paths again. */
export function RecentList({ recent, onOpen }: { readonly recent: readonly RecentStudyEntry[]; readonly onOpen: (paths: string[]) => void }) {
  if (recent.length === 0) return null;
  return (
    <section className="recent" aria-label="Recent studies">
      <h2 className="panel-title">Recent</h2>
      <ul>
        {recent.map((r) => (
          <li key={r.studyUid ?? r.paths.join('\n')} data-testid="recent-study">
            <button type="button" onClick={() => onOpen([...r.paths])} title={r.paths.join('\n')}>
              <span className="recent-name">
                {r.patientName || '(no name)'}
                {r.patientId ? <span className="dim"> · ID {r.patientId}</span> : null}
              </span>
              <span className="dim">
                {formatDicomDate(r.studyDate)} {r.studyTime ? formatDicomTime(r.studyTime) : ''} {r.description}
              </span>
              {studyDetail(r) !== '' ? <span className="dim recent-detail">{studyDetail(r)}</span> : null}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
