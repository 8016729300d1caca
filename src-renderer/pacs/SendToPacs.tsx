// "Send to PACS" in the Report column (issue 13): after sign-off, the report's SR, its PDF (as DICOM) and the
// key-image selection go into the study on a configured node, made and sent by main. Each object's state is shown;
// after a failure the files stay in the outbox and "Retry" sends only what failed. No node configured: nothing shown.
import { useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import type { AnnotationDocument } from '@shared/annotation';
import type { HostApi, ResponseOf } from '@shared/ipc/contract';
import type { PacsNodeView } from '@shared/ipc/pacs-schemas';
import type { PageSize } from '@shared/report/index';

export interface SendToPacsProps {
  readonly host: HostApi;
  readonly sessionId: string;
  readonly page: PageSize;
  /** Signed (final or amended) and not being amended. */
  readonly signed: boolean;
  readonly document: () => AnnotationDocument | null;
  readonly images: () => Record<string, string>;
  readonly compareWith?: () => { readonly kind: 'follow-up' | 'second-opinion'; readonly document: AnnotationDocument } | null;
}

type Status = { readonly kind: 'idle' } | { readonly kind: 'busy'; readonly what: string } | { readonly kind: 'done'; readonly answer: ResponseOf<'pacs:send-reading'> };

const STATUS_TEXT = { pending: 'waiting', stored: 'stored', warning: 'stored, with a warning', failed: 'not stored' } as const;

export function SendToPacs(props: SendToPacsProps): ReactElement | null {
  const { host } = props;
  const [nodes, setNodes] = useState<readonly PacsNodeView[]>([]);
  const [nodeId, setNodeId] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  useEffect(() => {
    host.pacsListNodes({}).then(
      (list) => {
        setNodes(list.nodes);
        setNodeId((old) => (old !== null && list.nodes.some((n) => n.id === old) ? old : (list.nodes[0]?.id ?? null)));
      },
      () => setNodes([]),
    );
  }, [host]);

  if (nodes.length === 0 || nodeId === null) return null;

  const settle = (promise: Promise<ResponseOf<'pacs:send-reading'>>): void => {
    promise.then(
      (answer) => setStatus({ kind: 'done', answer }),
      () => setStatus({ kind: 'done', answer: { status: 'failed', message: 'The report could not be sent to the PACS.' } }),
    );
  };
  const send = (): void => {
    const doc = props.document();
    if (doc === null) return;
    setStatus({ kind: 'busy', what: 'Sending the report to the PACS…' });
    const compareWith = props.compareWith?.() ?? null;
    settle(host.pacsSendReading({ id: nodeId, sessionId: props.sessionId, document: doc, images: props.images(), page: props.page, ...(compareWith !== null ? { compareWith } : {}) }));
  };
  const retry = (sendId: string): void => {
    setStatus({ kind: 'busy', what: 'Sending the objects that failed again…' });
    settle(host.pacsRetrySend({ sendId }));
  };
  const busy = status.kind === 'busy';
  const answer = status.kind === 'done' ? status.answer : null;

  return (
    <section className="report-card report-send" aria-label="Send to PACS">
      <h3>Send to PACS</h3>
      {!props.signed ? (
        <p className="report-dim">Sign the report first: only a signed report is sent into the study on the PACS.</p>
      ) : (
        <div className="report-row">
          {nodes.length > 1 ? (
            <select aria-label="Send to node" value={nodeId} onChange={(e) => setNodeId(e.target.value)}>
              {nodes.map((n) => (
                <option key={n.id} value={n.id}>
                  {n.name}
                </option>
              ))}
            </select>
          ) : null}
          <button type="button" disabled={busy} onClick={send}>
            Send to PACS{nodes.length === 1 ? ` (${nodes[0]?.name ?? ''})` : ''}
          </button>
        </div>
      )}
      <div role="status" data-testid="send-status" data-state={busy ? 'busy' : answer === null ? 'idle' : answer.status === 'failed' ? 'failed' : answer.complete ? 'complete' : 'incomplete'}>
        {busy ? <p className="report-dim">{status.what}</p> : null}
        {answer?.status === 'failed' ? <p className="report-error">Not sent: {answer.message}</p> : null}
        {answer?.status === 'sent' ? (
          <>
            <ul className="report-written">
              {answer.objects.map((o) => (
                <li key={o.kind} data-kind={o.kind} data-status={o.status}>
                  {o.label}: {STATUS_TEXT[o.status]}
                  {o.reason !== undefined ? ` (${o.reason})` : ''}
                </li>
              ))}
            </ul>
            {answer.note !== undefined ? <p className="report-dim">{answer.note}</p> : null}
            {answer.complete ? null : (
              <>
                <p className="report-error">Not everything was stored. The files are kept in {answer.folder}.</p>
                <button type="button" disabled={busy} onClick={() => retry(answer.sendId)}>
                  Retry the failed objects
                </button>
              </>
            )}
          </>
        ) : null}
      </div>
    </section>
  );
}
