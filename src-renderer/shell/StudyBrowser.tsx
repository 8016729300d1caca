import type { HostApi } from '@shared/ipc/contract';
import { IndexingStatus } from '../study/IndexingStatus';
import { OpenControls } from '../study/OpenControls';
import { RecentList } from '../study/RecentList';
import { PacsPanel } from '../pacs/PacsPanel';
import { openPatientOf } from '../pacs/open-patient';
import type { StudySessionApi } from '../study/use-study-session';

export interface StudyBrowserProps {
  readonly host: HostApi;
  readonly mode: 'electron' | 'browser' | null;
  readonly session: StudySessionApi;
  readonly dropMessage: string | null;
  /** Where the viewer portals its study list and series strip. */
  readonly viewerSlotRef: (element: HTMLDivElement | null) => void;
}

/** Left column: open controls, indexing progress and problems, the open study's series, recent studies. */
export function StudyBrowser({ host, mode, session, dropMessage, viewerSlotRef }: StudyBrowserProps) {
  const { state } = session;
  return (
    <nav className="panel study-browser" aria-label="Study and series browser">
      <h2 className="panel-title">Studies</h2>
      <OpenControls host={host} mode={mode} onOpen={session.open} onOpenSample={session.openSample} />
      {dropMessage !== null && <p className="drop-message">{dropMessage}</p>}
      <IndexingStatus state={state} onCancel={session.cancel} />
      <div className="viewer-slot-left" ref={viewerSlotRef} />
      <RecentList recent={session.recent} onOpen={session.open} />
      <PacsPanel host={host} openFolder={(folder) => session.open([folder])} openPatient={openPatientOf(state)} />
    </nav>
  );
}
