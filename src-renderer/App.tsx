import { useState } from 'react';
import type { HostApi } from '@shared/ipc/contract';
import { FindingsPanel } from './shell/FindingsPanel';
import { Notices } from './shell/Notices';
import { StudyBrowser } from './shell/StudyBrowser';
import { TopBar } from './shell/TopBar';
import { useAppInfo } from './shell/use-app-info';
import { ViewportArea } from './shell/ViewportArea';
import { useDropOpen } from './study/use-drop-open';
import { useStudySession } from './study/use-study-session';
import { DecodePool } from './viewer/decode/decode-pool';
import { poolFrameDecoder } from './viewer/loader/pool-decoder';
import type { FrameDecoder } from './viewer';
import './study/study.css';
import { ReadingPanel } from './reading/ReadingPanel';
import { useReadingSession } from './reading/use-reading-session';

/** The reading-room shell: top bar, study browser (left), viewer (centre), measurements + findings (right). */
export function App({ host }: { readonly host: HostApi }) {
  const info = useAppInfo(host);
  const session = useStudySession(host);
  const { dropMessage } = useDropOpen(session.open);
  // One worker pool for the page's lifetime: every opened study decodes through it.
  const [decoder] = useState<FrameDecoder>(() => poolFrameDecoder(new DecodePool()));
  const [left, setLeft] = useState<HTMLDivElement | null>(null);
  const [right, setRight] = useState<HTMLDivElement | null>(null);
  const mode = info.status === 'ready' ? info.info.mode : null;
  // One reading session (annotation document, autosave) per open study; the viewer draws its overlays.
  const studyUid = session.state.status === 'ready' ? (session.state.studies[0]?.key ?? null) : null;
  const reading = useReadingSession(host, studyUid, info.status === 'ready' ? info.info.version : '');
  return (
    <div className="shell">
      <TopBar info={info} />
      <StudyBrowser host={host} mode={mode} session={session} dropMessage={dropMessage} viewerSlotRef={setLeft} />
      <ViewportArea state={session.state} decoder={decoder} slots={{ left, right }} {...(reading ? { extension: reading.extension } : {})} />
      <div className="right-column">
        <div className="measurement-slot" ref={setRight} />
        {reading ? <ReadingPanel session={reading} /> : <FindingsPanel />}
      </div>
      <Notices host={host} />
    </div>
  );
}
