/**
 * The names of every host channel and push event, with no dependencies at all.
 *
 * Why a separate, zod-free list: the preload is bundled as sandboxed CommonJS and may import nothing from
 * node_modules except 'electron', yet it must know which methods to expose. contract.ts pairs each name with its
 * schemas, and the compiler refuses a name without a contract row (or a row without a name).
 */
export const CHANNELS = [
  'app:info',
  'app:log-renderer-error',
  'app:ready-to-close',
  'study:open',
  'study:open-sample',
  'study:initial',
  'study:cancel',
  'study:get-index',
  'study:get-partial-index',
  'study:recent',
  'study:pick',
  'draft:load',
  'draft:save',
  'draft:quarantine',
  'report:copy-text',
  'report:key-images',
  'report:pdf',
  'report:export',
  'report:study-srs',
  'labels:propose',
  'settings:get-reader',
  'settings:set-reader',
  'pacs:list-nodes',
  'pacs:save-node',
  'pacs:remove-node',
  'pacs:test-node',
  'pacs:find',
  'pacs:series',
  'pacs:retrieve',
  'pacs:cancel-retrieve',
  'pacs:send-reading',
  'pacs:retry-send',
] as const;

/** Main → renderer push events (Electron: webContents.send; browser mode: Server-Sent Events). */
export const EVENTS = ['app:notice', 'app:before-close', 'study:preparing-sample', 'study:progress', 'study:series-ready', 'study:indexed', 'pacs:retrieve-progress'] as const;

export type ChannelName = (typeof CHANNELS)[number];
export type EventName = (typeof EVENTS)[number];

type KebabToCamel<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${KebabToCamel<Capitalize<Tail>>}` : S;

/** `app:log-renderer-error` → `appLogRendererError`: the HostApi method name for a channel. */
export type MethodNameOf<C extends string> = C extends `${infer Scope}:${infer Rest}`
  ? KebabToCamel<`${Scope}-${Rest}`>
  : KebabToCamel<C>;

export function methodName<C extends ChannelName>(channel: C): MethodNameOf<C> {
  const camel = channel.replace(/[:-]([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
  // The regex above is the runtime twin of MethodNameOf; a unit test checks every channel.
  return camel as MethodNameOf<C>;
}

export function isChannelName(value: unknown): value is ChannelName {
  return typeof value === 'string' && (CHANNELS as ReadonlyArray<string>).includes(value);
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && (EVENTS as ReadonlyArray<string>).includes(value);
}

/** Electron IPC channel used to push one event; prefixed so it can never collide with an invoke channel. */
export function eventIpcChannel(event: EventName): `event:${EventName}` {
  return `event:${event}`;
}
