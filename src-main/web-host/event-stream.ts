import type { ServerResponse } from 'node:http';
import type { EventHub } from '../ipc/events';
import { securityHeaders } from '../serving/csp';

const HEARTBEAT_MS = 20_000;

/** `GET /api/events`: push events as Server-Sent Events, one `event: <name>` block per emit. */
export function openEventStream(response: ServerResponse, hub: EventHub, streams: Set<ServerResponse>): void {
  response.writeHead(200, {
    ...securityHeaders(),
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
  });
  // A first comment flushes the headers so the client's EventSource opens at once.
  response.write(': connected\n\n');
  streams.add(response);
  const unsubscribe = hub.subscribe((event, payload) => {
    response.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
  });
  // Comments keep idle proxies and the browser from timing the stream out.
  const heartbeat = setInterval(() => response.write(': ping\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  response.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
    streams.delete(response);
  });
}
