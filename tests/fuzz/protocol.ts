// Messages between the fuzz campaign (parent) and its worker (child process).

export type Outcome = 'decoded' | 'clean-error' | 'uncaught' | 'over-time' | 'over-memory';

export interface WorkerRequest {
  readonly seed: number;
  readonly index: number;
}

export interface WorkerReply {
  readonly index: number;
  readonly outcome: Outcome;
  readonly detail: string;
  readonly recipe: string;
  readonly ms: number;
  readonly rssMb: number;
}
