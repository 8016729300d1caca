import { events, type EventName, type EventPayloadOf } from '@shared/ipc/contract';
import { formatProblems, parseUnknown } from '@shared/validation/parse';

export type EventListener = (event: EventName, payload: unknown) => void;

/** Main-side fan-out of push events to whichever transports are listening (a window, SSE clients). */
export interface EventHub {
  emit<E extends EventName>(event: E, payload: EventPayloadOf<E>): void;
  subscribe(listener: EventListener): () => void;
}

/** Payloads are validated before they leave, like responses: a service bug should fail here, loudly. */
export function createEventHub(): EventHub {
  const listeners = new Set<EventListener>();
  return {
    emit(event, payload) {
      const parsed = parseUnknown(events[event], payload);
      if (!parsed.ok) throw new Error(`invalid ${event} payload: ${formatProblems(parsed.problems).join('; ')}`);
      for (const listener of listeners) listener(event, parsed.value);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
