import { useEffect, useMemo, useState } from 'react';
import { installPageKeymap } from './keymap/page-keymap';
import { subjectInIndex } from '@shared/annotation/subject';
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
import { useReaderNameFill } from './reading/reader-settings';
import { ReportPanel } from './reading/report/ReportPanel';
import { withViewProbe } from './reading/report/view-probe';
import { useComparison } from './compare/use-comparison';
import { PriorPanel } from './compare/PriorPanel';

/** The reading-room shell: top bar, study browser (left), viewer (centre), measurements + findings (right). */
export function App({ host }: { readonly host: HostApi }) {
  const info = useAppInfo(host);
  // The page's one keydown listener: every layer's keys go through the keymap (src-renderer/keymap).
  useEffect(() => installPageKeymap(window), []);
  const session = useStudySession(host);
  const { dropMessage } = useDropOpen(session.open);
  // One worker pool for the page's lifetime: every opened study decodes through it.
  const [decoder] = useState<FrameDecoder>(() => poolFrameDecoder(new DecodePool()));
  const [left, setLeft] = useState<HTMLDivElement | null>(null);
  const [right, setRight] = useState<HTMLDivElement | null>(null);
  const mode = info.status === 'ready' ? info.info.mode : null;
  // One reading session (annotation document, autosave) per open study; the viewer draws its overlays.
  // The reading follows the study the viewer shows (a folder may hold several patients' studies), else the first.
  const [shownStudy, setShownStudy] = useState<string | null>(null);
  const readyStudies = session.state.status === 'ready' ? session.state.studies : null;
  const studyUid = readyStudies === null ? null : ((readyStudies.find((s) => s.key === shownStudy) ?? readyStudies[0])?.key ?? null);
  const index = session.state.status === 'ready' ? session.state.index : null;
  const subject = useMemo(() => (index === null || studyUid === null ? null : subjectInIndex(index, studyUid)), [index, studyUid]);
  // A prior study of the same patient hung beside this one (issue 15): its own session and its own reading.
  const [readingShown, setReadingShown] = useState<'current' | 'prior'>('current');
  const sessionId = session.state.status === 'ready' ? session.state.sessionId : null;
  const version = info.status === 'ready' ? info.info.version : '';
  const reading = useReadingSession(host, studyUid, version, subject, { shortcuts: readingShown === 'current' });
  const compare = useComparison(host, sessionId, subject, reading, version, readingShown === 'prior', session.state.status === 'ready' ? session.state.label : '');
  const showPriorReading = compare.priorReading !== null && readingShown === 'prior';
  const noPrior = compare.priorReading === null;
  useEffect(() => {
    if (noPrior) setReadingShown('current');
  }, [noPrior]);
  const panelReading = showPriorReading ? compare.priorReading : reading;
  useReaderNameFill(host, reading);
  // The report's key images need to know what each viewport shows: the reading overlay is probed for it.
  const readingExtension = compare.extension;
  const extension = useMemo(() => (readingExtension ? withViewProbe(readingExtension) : undefined), [readingExtension]);
  // The right column shows the findings or the report; with the report it widens, and the images stay in view.
  const [side, setSide] = useState<'findings' | 'report'>('findings');
  const showReport = reading !== null && side === 'report' && session.state.status === 'ready';
  return (
    <div className={`shell${showReport ? ' shell-report' : ''}`}>
      <TopBar info={info} />
      <StudyBrowser host={host} mode={mode} session={session} dropMessage={dropMessage} viewerSlotRef={setLeft} />
      <ViewportArea state={session.state} decoder={decoder} slots={{ left, right }} onStudyShown={setShownStudy} prior={compare.images} {...(extension ? { extension } : {})} />
      <div className="right-column">
        <div className="measurement-slot" ref={setRight} />
        {reading && session.state.status === 'ready' ? (
          <PriorPanel host={host} mode={mode} prior={compare.prior} controller={compare.controller} sampleOffer={compare.sampleOffer} readingShown={showPriorReading ? 'prior' : 'current'} onReadingShown={setReadingShown} />
        ) : null}
        {reading ? (
          <div className="side-switch" role="tablist" aria-label="Right column">
            {(['findings', 'report'] as const).map((s) => (
              <button key={s} type="button" role="tab" aria-selected={side === s} onClick={() => setSide(s)}>
                {s === 'findings' ? 'Findings' : 'Report'}
              </button>
            ))}
          </div>
        ) : null}
        {reading === null ? (
          <FindingsPanel />
        ) : showReport && session.state.status === 'ready' ? (
          <ReportPanel
            host={host}
            session={reading}
            sessionId={session.state.sessionId}
            index={session.state.index}
            mode={mode}
            priorReading={compare.priorReading === null ? undefined : () => compare.priorReading?.services.store.committed() ?? null}
          />
        ) : (
          <ReadingPanel
            key={showPriorReading ? 'prior' : 'current'}
            session={panelReading ?? reading}
            {...(showPriorReading && compare.prior.state.status === 'ready'
              ? { proposer: { host, sessionId: compare.prior.state.images.sessionId, index: compare.prior.state.index } }
              : session.state.status === 'ready'
                ? { proposer: { host, sessionId: session.state.sessionId, index: session.state.index } }
                : {})}
          />
        )}
      </div>
      <Notices host={host} />
    </div>
  );
}
