// The PACS nodes configured in the app (issue 13), in `pacs-nodes.json` in the app data folder (0600). A node's
// password or token is written only as safeStorage's sealed bytes (secrets.ts), or not at all (browser mode); the
// renderer gets views that say whether one is set, never what it is. A missing or damaged file reads as no nodes:
// no node, no network traffic.

import { randomBytes } from 'node:crypto';
import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { PacsNodeInputSchema } from '@shared/ipc/pacs-schemas';
import type { PacsNodeInput, PacsNodeList, PacsNodeView } from '@shared/ipc/pacs-schemas';
import type { DicomwebAuth } from '../pacs/node-config';
import { ensureAppDir, writePrivateFile } from '../private-files';
import type { SecretKeeper } from './secrets';
import { SecretUnavailable } from './secrets';

export const pacsNodesFile = (dataDir: string): string => join(dataDir, 'pacs-nodes.json');

/** A node as kept on disk: its settings, and for basic/bearer auth the sealed secret if the keeper could seal one. */
const StoredNodeSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
  node: z.any().transform((value, ctx) => {
    // On disk the secret is never in the node: it is parsed with one removed.
    const parsed = PacsNodeInputSchema.safeParse(value);
    if (!parsed.success) {
      ctx.addIssue({ code: 'custom', message: 'not a PACS node' });
      return z.NEVER;
    }
    return parsed.data;
  }),
  sealedSecret: z.string().max(20_000).optional(),
});
const FileSchema = z.object({ version: z.literal(1), nodes: z.array(StoredNodeSchema) });
type StoredNode = z.infer<typeof StoredNodeSchema>;

/** The node without its secret (what is written, and what views are made of). */
function withoutSecret(node: PacsNodeInput): PacsNodeInput {
  if (node.kind !== 'dicomweb') return node;
  const { auth } = node;
  if (auth.kind === 'basic') return { ...node, auth: { kind: 'basic', user: auth.user } };
  if (auth.kind === 'bearer') return { ...node, auth: { kind: 'bearer' } };
  return node;
}

function viewOf(stored: StoredNode, environmentSecret: boolean): PacsNodeView {
  const { node, id } = stored;
  if (node.kind === 'dimse') return { ...node, id };
  const secretSet = stored.sealedSecret !== undefined || environmentSecret;
  const auth = node.auth.kind === 'basic' ? { kind: 'basic' as const, user: node.auth.user, secretSet } : node.auth.kind === 'bearer' ? { kind: 'bearer' as const, secretSet } : { kind: 'none' as const };
  return { kind: 'dicomweb', id, name: node.name, baseUrl: node.baseUrl, auth, ...(node.caFile === undefined ? {} : { caFile: node.caFile }) };
}

export class NodeStoreRefusal extends Error {
  override readonly name = 'NodeStoreRefusal';
}

export interface PacsNodeStore {
  list(): Promise<PacsNodeList>;
  /** Adds (no id) or replaces a node; a basic/bearer node without a new secret keeps the one it had. */
  save(id: string | undefined, node: PacsNodeInput): Promise<{ id: string; list: PacsNodeList }>;
  remove(id: string): Promise<PacsNodeList>;
  /** The node's settings and its credentials, for main's own use only (never an IPC answer). */
  resolve(id: string): Promise<{ node: PacsNodeInput; auth: DicomwebAuth }>;
}

export function pacsNodeStore(dataDir: string, keeper: SecretKeeper): PacsNodeStore {
  const file = pacsNodesFile(dataDir);
  // Writes in order, so two quick edits cannot land out of order.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
  };

  async function read(): Promise<StoredNode[]> {
    try {
      const parsed = FileSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
      return parsed.success ? parsed.data.nodes : [];
    } catch {
      return [];
    }
  }

  async function write(nodes: StoredNode[]): Promise<void> {
    await ensureAppDir(dataDir);
    const temp = `${file}.tmp-${process.pid}`;
    const body = { version: 1, nodes: nodes.map((n) => ({ id: n.id, node: withoutSecret(n.node), ...(n.sealedSecret === undefined ? {} : { sealedSecret: n.sealedSecret }) })) };
    await writePrivateFile(temp, `${JSON.stringify(body, null, 2)}\n`);
    await rename(temp, file);
  }

  async function environmentHas(node: PacsNodeInput): Promise<boolean> {
    if (node.kind !== 'dicomweb' || node.auth.kind === 'none') return false;
    return (await keeper.fromEnvironment(node.auth.kind === 'bearer' ? 'token' : 'password').catch(() => undefined)) !== undefined;
  }

  async function listOf(nodes: StoredNode[]): Promise<PacsNodeList> {
    const views: PacsNodeView[] = [];
    for (const n of nodes) views.push(viewOf(n, await environmentHas(n.node)));
    return { nodes: views, secretStore: keeper.store, ...(keeper.note === undefined ? {} : { secretNote: keeper.note }) };
  }

  return {
    list: async () => listOf(await read()),
    save: (id, node) =>
      serial(async () => {
        const nodes = await read();
        const at = id === undefined ? -1 : nodes.findIndex((n) => n.id === id);
        if (id !== undefined && at < 0) throw new NodeStoreRefusal('This PACS node is no longer in the settings.');
        const before = at >= 0 ? nodes[at] : undefined;
        const typed = node.kind === 'dicomweb' ? (node.auth.kind === 'basic' ? node.auth.password : node.auth.kind === 'bearer' ? node.auth.token : undefined) : undefined;
        let sealedSecret: string | undefined;
        if (typed !== undefined) {
          if (!keeper.canKeep) throw new NodeStoreRefusal(keeper.note ?? 'Passwords cannot be kept here.');
          sealedSecret = keeper.seal(typed);
        } else if (before !== undefined && node.kind === 'dicomweb' && before.node.kind === 'dicomweb' && before.node.auth.kind === node.auth.kind && node.auth.kind !== 'none') {
          // The same kind of credentials without a new secret: the sealed one stays.
          sealedSecret = before.sealedSecret;
        }
        const stored: StoredNode = { id: before?.id ?? randomBytes(9).toString('base64url'), node: withoutSecret(node), ...(sealedSecret === undefined ? {} : { sealedSecret }) };
        if (at >= 0) nodes[at] = stored;
        else nodes.push(stored);
        await write(nodes);
        return { id: stored.id, list: await listOf(nodes) };
      }),
    remove: (id) =>
      serial(async () => {
        const nodes = (await read()).filter((n) => n.id !== id);
        await write(nodes);
        return listOf(nodes);
      }),
    async resolve(id) {
      const stored = (await read()).find((n) => n.id === id);
      if (stored === undefined) throw new NodeStoreRefusal('This PACS node is no longer in the settings.');
      const { node } = stored;
      if (node.kind !== 'dicomweb' || node.auth.kind === 'none') return { node, auth: { kind: 'none' } };
      const kind = node.auth.kind === 'bearer' ? 'token' : 'password';
      const secret = stored.sealedSecret !== undefined ? keeper.open(stored.sealedSecret) : await keeper.fromEnvironment(kind);
      if (secret === undefined) throw new SecretUnavailable(`No ${kind} is set for the PACS node ${node.name}.`);
      return { node, auth: node.auth.kind === 'basic' ? { kind: 'basic', user: node.auth.user, password: secret } : { kind: 'bearer', token: secret } };
    },
  };
}
