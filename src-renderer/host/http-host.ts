import { events as eventSchemas, type EventHandler, type EventName, type HostApi } from '@shared/ipc/contract';
import type { HostResult } from '@shared/ipc/result';
import { parseUnknown } from '@shared/validation/parse';
import { buildHostApi } from './build-api';

/**
 * The binding over the loopback web host (browser mode). The access token lives in an HttpOnly cookie set on the
 * first page load, so these same-origin requests carry it without any script ever seeing it.
 */
/** Chromium allows 64 KiB of keepalive request bodies in flight per page; two saves may overlap on close. */
const KEEPALIVE_MAX_BYTES = 30_000;
/** The cap counts bytes; UTF-16 length undercounts non-ASCII text (names, notes), so measure the UTF-8 body. */
const utf8Length = (text: string): number => new TextEncoder().encode(text).length;

export function httpHost(): HostApi {
  let source: EventSource | undefined;
  const subscriptions = new Set<() => void>();

  async function invoke(channel: string, request: unknown): Promise<HostResult<unknown>> {
    const body = JSON.stringify(request);
    const response = await fetch(`/api/${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
      credentials: 'same-origin',
      // A draft save must outlive the page (closing the tab right after an edit); browsers cap keepalive bodies.
      keepalive: channel === 'draft:save' && body.length <= KEEPALIVE_MAX_BYTES && utf8Length(body) <= KEEPALIVE_MAX_BYTES,
    });
    if (!(response.headers.get('content-type') ?? '').startsWith('application/json')) {
      const problem = `(root): HTTP ${response.status} ${(await response.text()).trim()}`;
      return { ok: false, refusal: { code: 'handler-failed', channel, problems: [problem] } };
    }
    return (await response.json()) as HostResult<unknown>;
  }

  function subscribe<E extends EventName>(event: E, handler: EventHandler<E>): () => void {
    // One stream for all events, opened on first use.
    source ??= new EventSource('/api/events');
    const listener = (message: MessageEvent<string>): void => {
      const parsed = parseUnknown(eventSchemas[event], JSON.parse(message.data) as unknown);
      if (parsed.ok) handler(parsed.value as Parameters<EventHandler<E>>[0]);
      else console.warn(`ignored malformed ${event} event`);
    };
    const stream = source;
    stream.addEventListener(event, listener);
    const unsubscribe = (): void => {
      stream.removeEventListener(event, listener);
      subscriptions.delete(unsubscribe);
      if (subscriptions.size === 0 && source === stream) {
        stream.close();
        source = undefined;
      }
    };
    subscriptions.add(unsubscribe);
    return unsubscribe;
  }

  return buildHostApi(invoke, subscribe);
}
