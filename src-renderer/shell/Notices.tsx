import { useEffect, useState } from 'react';
import type { EventPayloadOf, HostApi } from '@shared/ipc/contract';

type Notice = EventPayloadOf<'app:notice'> & { readonly id: number };

const MAX_SHOWN = 3;

/** Messages pushed by the host (app:notice), newest last; each can be dismissed. */
export function Notices({ host }: { readonly host: HostApi }) {
  const [notices, setNotices] = useState<ReadonlyArray<Notice>>([]);
  useEffect(() => {
    let next = 0;
    return host.on('app:notice', (payload) => {
      next += 1;
      const notice = { ...payload, id: next };
      setNotices((shown) => [...shown, notice].slice(-MAX_SHOWN));
    });
  }, [host]);

  if (notices.length === 0) return null;
  return (
    <div className="notices" role="status">
      {notices.map((notice) => (
        <div key={notice.id} className={`notice notice-${notice.level}`}>
          <span>{notice.message}</span>
          <button type="button" aria-label="Dismiss" onClick={() => setNotices((shown) => shown.filter((n) => n.id !== notice.id))}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
