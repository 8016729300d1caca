// The pacs:* channels (shared/ipc/pacs-schemas.ts): the app's PACS nodes, search and retrieval, all from main.
// Nothing here touches the network until the renderer names a configured node. Every failure the reader must read
// is answered as data with our sentence (PacsError, the node store's and the secret keeper's own sentences); a
// secret is never part of an answer, a message or a log line.

import { join } from 'node:path';
import type { RequestOf, ResponseOf } from '@shared/ipc/contract';
import type { PacsStudy } from '@shared/ipc/pacs-schemas';
import { dimseNode } from '../pacs/dimse/node';
import { dicomwebNode } from '../pacs/node-config';
import { findNodeSeries, findNodeStudies, pacsNodeLabel, retrieveNodeStudy, testConnection } from '../pacs/nodes';
import type { PacsNode } from '../pacs/nodes';
import { PacsError } from '../pacs/pacs-error';
import { isCached } from '../pacs/wado';
import type { PrintPdf } from '../report/report-channels';
import type { StudySessions } from '../study-session';
import { sendHandlers } from './send-channel';
import type { SendHandlers } from './send-channel';
import { NodeStoreRefusal, pacsNodeStore } from './node-store';
import type { PacsNodeStore } from './node-store';
import { pacsRetrievals } from './retrieval';
import type { RetrievalOptions, Retrievals } from './retrieval';
import { SecretUnavailable } from './secrets';
import type { SecretKeeper } from './secrets';

type PacsChannel = 'pacs:list-nodes' | 'pacs:save-node' | 'pacs:remove-node' | 'pacs:test-node' | 'pacs:find' | 'pacs:series' | 'pacs:retrieve' | 'pacs:cancel-retrieve';
export type PacsHandlers = { readonly [C in PacsChannel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> } & SendHandlers;

export const pacsCacheDir = (dataDir: string): string => join(dataDir, 'pacs-cache');

export interface PacsChannelOptions {
  readonly dataDir: string;
  readonly keeper: SecretKeeper;
  readonly emit: RetrievalOptions['emit'];
  readonly cacheDir?: string;
  readonly budgetBytes?: number;
  /** Tests: holds a retrieval between series (retrieval.ts). */
  readonly beforeSeries?: RetrievalOptions['beforeSeries'];
  /** For "Send to PACS": the open study sessions the report is made from, and the app's PDF printer. */
  readonly studies?: StudySessions;
  readonly printPdf?: PrintPdf;
}

/** A failure as the reader reads it: our own sentences pass; anything else becomes a plain one (logged by no one). */
function failure(error: unknown, fallback: string): { status: 'failed'; message: string } {
  if (error instanceof PacsError || error instanceof NodeStoreRefusal || error instanceof SecretUnavailable) return { status: 'failed', message: error.message };
  return { status: 'failed', message: fallback };
}

export function pacsService(options: PacsChannelOptions): { readonly handlers: PacsHandlers; readonly store: PacsNodeStore; readonly retrievals: Retrievals } {
  const store = pacsNodeStore(options.dataDir, options.keeper);
  const cacheDir = options.cacheDir ?? pacsCacheDir(options.dataDir);
  const retrievals = pacsRetrievals({
    cacheDir,
    emit: options.emit,
    ...(options.budgetBytes === undefined ? {} : { budgetBytes: options.budgetBytes }),
    ...(options.beforeSeries === undefined ? {} : { beforeSeries: options.beforeSeries }),
  });

  /** The node as the PACS client takes it, with its credentials (main only). */
  async function pacsNodeOf(id: string): Promise<PacsNode> {
    const { node, auth } = await store.resolve(id);
    if (node.kind === 'dicomweb') return { kind: 'dicomweb', web: await dicomwebNode({ baseUrl: node.baseUrl, auth, ...(node.caFile === undefined ? {} : { caFile: node.caFile }) }) };
    return { kind: 'dimse', dimse: dimseNode({ calledAet: node.calledAet, host: node.host, port: node.port, callingAet: node.callingAet, ...(node.tls ? { tls: {} } : {}) }) };
  }

  const handlers: PacsHandlers = {
    'pacs:list-nodes': () => store.list(),
    'pacs:save-node': async ({ id, node }) => {
      try {
        // The address and the CA file are checked before anything is kept.
        if (node.kind === 'dicomweb') await dicomwebNode({ baseUrl: node.baseUrl, ...(node.caFile === undefined ? {} : { caFile: node.caFile }) });
        const saved = await store.save(id, node);
        return { status: 'saved', id: saved.id, ...saved.list };
      } catch (error) {
        return failure(error, 'The PACS node could not be saved in the settings.');
      }
    },
    'pacs:remove-node': ({ id }) => store.remove(id),
    'pacs:test-node': async ({ id }) => {
      try {
        const node = await pacsNodeOf(id);
        await testConnection(node);
        return { status: 'ok', message: `The PACS at ${pacsNodeLabel(node)} answered.` };
      } catch (error) {
        return failure(error, 'The connection test failed.');
      }
    },
    'pacs:find': async ({ id, query }) => {
      try {
        const found = await findNodeStudies(await pacsNodeOf(id), query);
        const studies: PacsStudy[] = [];
        for (const s of found) studies.push({ ...s, modalities: s.modalities.slice(0, 64).map((m) => m.slice(0, 16)), cached: await isCached(cacheDir, s.studyInstanceUid) });
        return { status: 'found', studies };
      } catch (error) {
        return failure(error, 'The search failed.');
      }
    },
    'pacs:series': async ({ id, studyUid }) => {
      try {
        return { status: 'found', series: await findNodeSeries(await pacsNodeOf(id), studyUid) };
      } catch (error) {
        return failure(error, 'The series search failed.');
      }
    },
    'pacs:retrieve': async ({ id, studyUid }) => {
      try {
        // A study already here opens without the network (and without looking the node up).
        const folder = await retrievals.cached(studyUid);
        if (folder !== undefined) return { status: 'cached', folder };
        const node = await pacsNodeOf(id);
        // DICOMweb series by series (the first series shows early); DIMSE (C-GET, or C-MOVE) as a whole study.
        if (node.kind === 'dicomweb') return { status: 'started', retrievalId: retrievals.start(node.web, studyUid) };
        return { status: 'started', retrievalId: retrievals.startWhole(studyUid, (cache, o) => retrieveNodeStudy(node, studyUid, cache, o)) };
      } catch (error) {
        return failure(error, 'The retrieval could not be started.');
      }
    },
    'pacs:cancel-retrieve': async ({ retrievalId }) => {
      retrievals.cancel(retrievalId);
      return {};
    },
    ...sendHandlers({
      dataDir: options.dataDir,
      node: pacsNodeOf,
      ...(options.studies === undefined ? {} : { studies: options.studies }),
      ...(options.printPdf === undefined ? {} : { printPdf: options.printPdf }),
    }),
  };
  return { handlers, store, retrievals };
}
