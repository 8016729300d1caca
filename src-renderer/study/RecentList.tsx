import type { RecentStudyEntry } from '@shared/ipc/study-schemas';

const formatDate = (da: string): string => (/^\d{8}$/.test(da) ? `${da.slice(0, 4)}-${da.slice(4, 6)}-${da.slice(6, 8)}` : da);

/** Studies opened before (kept on this machine only); one click opens the same paths again. */
export function RecentList({ recent, onOpen }: { readonly recent: readonly RecentStudyEntry[]; readonly onOpen: (paths: string[]) => void }) {
  if (recent.length === 0) return null;
  return (
    <section className="recent" aria-label="Recent studies">
      <h2 className="panel-title">Recent</h2>
      <ul>
        {recent.map((r) => (
          <li key={r.paths.join('\n')}>
            <button type="button" onClick={() => onOpen([...r.paths])} title={r.paths.join('\n')}>
              <span className="recent-name">{r.patientName || '(no name)'}</span>
              <span className="dim">
                {formatDate(r.studyDate)} {r.description}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
