import type { HostResult, Refusal } from '@shared/ipc/result';

/** A refused host call, as one typed error for the UI (the refusal itself travels as data over both transports). */
export class HostError extends Error {
  readonly refusal: Refusal;

  constructor(refusal: Refusal) {
    super(`${refusal.channel} refused (${refusal.code}): ${refusal.problems.join('; ')}`);
    this.name = 'HostError';
    this.refusal = refusal;
  }
}

export function unwrap<T>(result: HostResult<T>): T {
  if (result.ok) return result.value;
  throw new HostError(result.refusal);
}
