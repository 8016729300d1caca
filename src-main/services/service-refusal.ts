import type { RefusalCode } from '@shared/ipc/result';

/** The refusals a service may answer with on purpose (an expected outcome the renderer acts on, not a bug). */
export type ServiceRefusalCode = Extract<RefusalCode, 'session-gone'>;

/**
 * Thrown by a service for an expected refusal: dispatch answers with its code as a typed refusal and reports no
 * failure (the transport logs its one-line refusal), so no stack trace reaches the host log for it.
 */
export class ServiceRefusal extends Error {
  override readonly name: string = 'ServiceRefusal';
  constructor(
    readonly code: ServiceRefusalCode,
    message: string,
  ) {
    super(message);
  }
}
