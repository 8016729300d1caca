// The report side of a reading session, beside the images: live preview (same HTML as the PDF), key images and
// exports. Reads the session's document and dispatches its commands.
import { useMemo, useState } from 'react';
import type { ReactElement } from 'react';
import type { AnnotationDocument } from '@shared/annotation/schema';
import type { StudyIndex } from '@shared/dicom/index-model';
import type { HostApi } from '@shared/ipc/contract';
import { chooseKeyImages, studyInfoFromIndex } from '@shared/report/index';
import type { PageSize } from '@shared/report/index';
import { committedDocument } from '@shared/annotation/history';
import { useDocumentSnapshot } from '../document-store';
import { useClickMode } from '../click-mode';
import { useDerivedReading } from '../scores/use-scores';
import type { ReadingSession } from '../use-reading-session';
import { ExportPanel } from './ExportPanel';
import { useHostRenders } from './key-image-pictures';
import { KeyImagesPanel } from './KeyImagesPanel';
import { ReportPreview } from './ReportPreview';
import { ComparePanel } from '../compare/ComparePanel';
import { comparisonInputOf } from '@shared/report/comparison-section';
import type { CompareWith } from '@shared/report/comparison-section';
import { deriveReading } from '@shared/reading/derive';
import { SignoffPanel } from './SignoffPanel';
import { RestoreFromSr } from './RestoreFromSr';
import { SendToPacs } from '../../pacs/SendToPacs';
import './report.css';

export interface ReportPanelProps {
  readonly host: HostApi;
  readonly session: ReadingSession;
  readonly sessionId: string;
  readonly index: StudyIndex;
  readonly mode: 'electron' | 'browser' | null;
  /** The reading of the prior study hung beside this one (follow-up comparison), when one is. */
  readonly priorReading?: (() => AnnotationDocument | null) | undefined;
}

/** The host's clipboard in Electron (the page has no clipboard permission there), else the page's own. */
async function copyVia(host: HostApi, text: string): Promise<void> {
  const { copied } = await host.reportCopyText({ text });
  if (!copied) await navigator.clipboard.writeText(text);
}

export function ReportPanel({ host, session, sessionId, index, mode, priorReading }: ReportPanelProps): ReactElement {
  const { store, clicks } = session.services;
  // The lesion a view added as a key image belongs to: the one selected in the Findings tab.
  const { selectedLesionId } = useClickMode(clicks);
  // The committed document, not the live one: during a drag it stays the same object, so the report, scores and
  // key-image renders are rebuilt once on release instead of on every pointer move.
  const { history, lastError } = useDocumentSnapshot(store);
  const doc = useMemo(() => (history === null ? null : committedDocument(history)), [history]);
  const [page, setPage] = useState<PageSize>('A4');
  // A prior study's reading or another reader's reading of this study, and whether the report includes the comparison.
  const [otherReading, setOtherReading] = useState<CompareWith | null>(null);
  const [opinionIncluded, setOpinionIncluded] = useState(false);

  const studyUid = doc?.studyInstanceUID ?? null;
  const study = useMemo(() => (studyUid === null ? null : studyInfoFromIndex(index, studyUid)), [index, studyUid]);
  const choices = useMemo(() => (doc === null || study === null ? [] : chooseKeyImages(doc, study)), [doc, study]);
  // Every picture is the host's rendering of the key image record (its view, window and lesion), with the shared
  // overlay: the preview, the PDF and a reloaded draft all show the same picture.
  const renders = useHostRenders(host, sessionId, doc, choices);
  const pictures = renders.images;
  const reading = useDerivedReading(doc);
  const comparison = useMemo(() => {
    if (doc === null || otherReading === null || !opinionIncluded) return undefined;
    const result = comparisonInputOf(otherReading, doc, (d) => deriveReading(d));
    return result.ok ? result.input : undefined;
  }, [doc, otherReading, opinionIncluded]);

  /** A reading restored from the study's SR replaces the session's (the reader chose it; RestoreFromSr asked first). */
  const restoreReading = async (restored: AnnotationDocument, setAside: boolean): Promise<void> => {
    const current = store.committed();
    if (setAside) await host.draftQuarantine({ studyInstanceUID: restored.studyInstanceUID, replaced: true });
    // Ordered after the draft it replaces: the draft store keeps the newest revision of a reading's lineage.
    const next = { ...restored, revision: Math.max(restored.revision, (current?.revision ?? 0) + 1) };
    session.services.saver.unblock(null);
    store.load(next);
    session.services.saver.save(next);
  };

  if (doc === null) return <p className="report-dim">Open a study and resume or start a reading to see its report.</p>;
  if (study === null) return <p className="report-error">The document&apos;s study ({doc.studyInstanceUID}) is not in the open study.</p>;
  return (
    <aside className="panel report-panel" aria-label="Report">
      <RestoreFromSr host={host} sessionId={sessionId} document={doc} onRestore={restoreReading} />
      <SignoffPanel host={host} store={store} document={doc} lastError={lastError} />
      {reading !== null ? (
        <ReportPreview
          document={doc}
          reading={reading}
          study={study}
          images={pictures}
          page={page}
          {...(comparison !== undefined ? { comparison } : {})}
          onReportText={(field, text) => store.dispatch({ type: 'setReportText', args: { field, text } })}
          onAcceptImpression={(text) => store.dispatch({ type: 'acceptImpression', args: { text } })}
          onUseProposal={() => store.dispatch({ type: 'useProposedImpression', args: {} })}
          copyText={(text) => copyVia(host, text)}
        />
      ) : null}
      <KeyImagesPanel
        document={doc}
        study={study}
        choices={choices}
        pictures={pictures}
        currentLesionId={selectedLesionId}
        dispatch={(command) => store.dispatch(command)}
        newKeyImageId={() => store.newId('keyImage')}
      />
      {renders.error !== null ? <p className="report-error">Key images could not be rendered: {renders.error}</p> : null}
      <ExportPanel
        host={host}
        sessionId={sessionId}
        mode={mode}
        page={page}
        onPage={setPage}
        document={() => store.committed()}
        signed={doc.signoff.state !== 'draft' && doc.signoff.amendment === null}
        images={() => ({})}
        compareWith={() => (otherReading !== null && opinionIncluded ? otherReading : null)}
      />
      <SendToPacs
        host={host}
        sessionId={sessionId}
        page={page}
        signed={doc.signoff.state !== 'draft' && doc.signoff.amendment === null}
        document={() => store.committed()}
        images={() => ({})}
        compareWith={() => (otherReading !== null && opinionIncluded ? otherReading : null)}
      />
      <ComparePanel
        document={doc}
        dispatch={(command) => store.dispatch(command)}
        other={otherReading}
        onOther={(other) => {
          setOtherReading(other);
          if (other === null) setOpinionIncluded(false);
        }}
        included={opinionIncluded}
        onIncluded={setOpinionIncluded}
        hungPrior={priorReading}
      />
    </aside>
  );
}
