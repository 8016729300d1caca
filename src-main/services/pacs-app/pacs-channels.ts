// The pacs:* channels (shared/ipc/pacs-schemas.ts): the app's PACS nodes, search and retrieval, all from main.
// Nothing here touches the network until the renderer names a configured node. Every failure the reader must read
// is answered as data with our sentence (PacsError, the node store's and the secret keeper's own sentences); a
// secret is never part of an answer, a message or a log line.

import { join } from 'node:path';
import type { RequestOf, ResponseOf } from '@shared/ipc/contract';
import type { PacsStudy } from '@shared/ipc/pacs-schemas';
import { dicomwebNode, nodeLabel } from '../pacs/node-config';
import type { DicomwebNode } from '../pacs/node-config';
import { PacsError } from '../pacs/pacs-error';
import { pingNode, searchSeries, searchStudies } from '../pacs/qido';
import { isCached } from '../pacs/wado';
import { NodeStoreRefusal, pacsNodeStore } from './node-store';
import type { PacsNodeStore } from './node-store';
import { pacsRetrievals } from './retrieval';
import type { RetrievalOptions, Retrievals } from './retrieval';
import { SecretUnavailable } from './secrets';
import type { SecretKeeper } from './secrets';

type PacsChannel = 'pacs:list-nodes' | 'pacs:save-node' | 'pacs:remove-node' | 'pacs:test-node' | 'pacs:find' | 'pacs:series' | 'pacs:retrieve' | 'pacs:cancel-retrieve';
export type PacsHandlers = { readonly [C in PacsChannel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> };

export const pacsCacheDir = (dataDir: string): string => join(dataDir, 'pacs-cache');

export interface PacsChannelOptions {
  readonly dataDir: string;
  readonly keeper: SecretKeeper;
  readonly emit: RetrievalOptions['emit'];
  readonly cacheDir?: string;
  readonly budgetBytes?: number;
  /** Tests: holds a retrieval between series (retrieval.ts). */
  readonly beforeSeries?: RetrievalOptions['beforeSeries'];
}

/** A failure as the reader reads it: our own sentences pass; anything else becomes a plain one (logged by no one). */
function failure(error: unknown, fallback: string): { status: 'failed'; message: string } {
  if (error instanceof PacsError || error instanceof NodeStoreRefusal || error instanceof SecretUnavailable) return { status: 'failed', message: error.message };
  return { status: 'failed', message: fallback };
}

const DIMSE_NOT_YET = 'This version talks to DIMSE nodes in settings only: C-ECHO, C-FIND and C-GET arrive with the DIMSE support. The node is kept.';

export function pacsService(options: PacsChannelOptions): { readonly handlers: PacsHandlers; readonly store: PacsNodeStore; readonly retrievals: Retrievals } {
  const store = pacsNodeStore(options.dataDir, options.keeper);
  const cacheDir = options.cacheDir ?? pacsCacheDir(options.dataDir);
  const retrievals = pacsRetrievals({
    cacheDir,
    emit: options.emit,
    ...(options.budgetBytes === undefined ? {} : { budgetBytes: options.budgetBytes }),
    ...(options.beforeSeries === undefined ? {} : { beforeSeries: options.beforeSeries }),
  });

  /** The node's DICOMweb client settings with its credentials; DIMSE nodes are refused with a sentence. */
  async function dicomweb(id: string): Promise<DicomwebNode> {
    const { node, auth } = await store.resolve(id);
    if (node.kind !== 'dicomweb') throw new NodeStoreRefusal(DIMSE_NOT_YET);
    return dicomwebNode({ baseUrl: node.baseUrl, auth, ...(node.caFile === undefined ? {} : { caFile: node.caFile }) });
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
        const node = await dicomweb(id);
        await pingNode(node);
        return { status: 'ok', message: `The PACS at ${nodeLabel(node)} answered.` };
      } catch (error) {
        return failure(error, 'The connection test failed.');
      }
    },
    'pacs:find': async ({ id, query }) => {
      try {
        const node = await dicomweb(id);
        const found = await searchStudies(node, query);
        const studies: PacsStudy[] = [];
        for (const s of found) studies.push({ ...s, modalities: s.modalities.slice(0, 64).map((m) => m.slice(0, 16)), cached: await isCached(cacheDir, s.studyInstanceUid) });
        return { status: 'found', studies };
      } catch (error) {
        return failure(error, 'The search failed.');
      }
    },
    'pacs:series': async ({ id, studyUid }) => {
      try {
        return { status: 'found', series: await searchSeries(await dicomweb(id), studyUid) };
      } catch (error) {
        return failure(error, 'The series search failed.');
      }
    },
    'pacs:retrieve': async ({ id, studyUid }) => {
      try {
        // A study already here opens without the network (and without looking the node up).
        const folder = await retrievals.cached(studyUid);
        if (folder !== undefined) return { status: 'cached', folder };
        return { status: 'started', retrievalId: retrievals.start(await dicomweb(id), studyUid) };
      } catch (error) {
        return failure(error, 'The retrieval could not be started.');
      }
    },
    'pacs:cancel-retrieve': async ({ retrievalId }) => {
      retrievals.cancel(retrievalId);
      return {};
    },
  };
  return { handlers, store, retrievals };
}
