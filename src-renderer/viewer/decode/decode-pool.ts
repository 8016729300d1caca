// A small pool of decode workers for the viewer.
//
//   const pool = new DecodePool();
//   const job = pool.decode({ url }, frameIndex, 'viewed');   // or 'prefetch'
//   job.promise.then((frame) => draw(frame), (error: DecodeError) => show(error.message));
//   pool.cancel(job.id);         // no longer needed (scrolled past); its promise rejects with code 'cancelled'
//   pool.promote(job.id);        // the user is now looking at it: run it before every prefetch
//   pool.dispose();
//
// N workers = hardwareConcurrency − 1 (at least 1). Jobs wait in one queue: 'viewed' ones first, newest
// viewed first (the frame on screen now matters more than the one a moment ago), prefetch in request order.

import type { DecodedFrame } from '@shared/dicom/decode/decode-frame';
import type { DecodeRequestMessage, DecodeResponseMessage, DecodeSource } from './protocol';

export type DecodePriority = 'viewed' | 'prefetch';

export class DecodeError extends Error {
  override readonly name = 'DecodeError';
  /** A DicomLoadError code, 'cancelled', 'internal' or 'worker-crashed'. */
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

export interface DecodeJob {
  readonly id: number;
  readonly promise: Promise<DecodedFrame>;
}

interface Pending {
  readonly id: number;
  readonly message: DecodeRequestMessage;
  readonly transfer: Transferable[];
  priority: DecodePriority;
  seq: number;
  readonly resolve: (frame: DecodedFrame) => void;
  readonly reject: (error: DecodeError) => void;
}

interface Slot {
  readonly worker: Worker;
  busy: Pending | undefined;
}

export interface DecodePoolOptions {
  /** Number of workers; default hardwareConcurrency − 1, at least 1. */
  readonly size?: number;
  /** Makes a worker (tests inject a fake); default the module worker decode-worker.ts. */
  readonly createWorker?: () => Worker;
}

const defaultWorker = (): Worker => new Worker(new URL('./decode-worker.ts', import.meta.url), { type: 'module' });

export class DecodePool {
  private readonly slots: Slot[];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private seq = 0;

  constructor(options: DecodePoolOptions = {}) {
    const size = Math.max(1, options.size ?? (globalThis.navigator?.hardwareConcurrency ?? 2) - 1);
    const create = options.createWorker ?? defaultWorker;
    this.slots = Array.from({ length: size }, () => this.makeSlot(create));
  }

  /** Queues a decode of frame `frame` (0-based). Bytes given as `source.bytes` are transferred to the worker. */
  decode(source: DecodeSource, frame: number, priority: DecodePriority = 'prefetch'): DecodeJob {
    const id = this.nextId++;
    const promise = new Promise<DecodedFrame>((resolve, reject) => {
      this.queue.push({
        id,
        message: { id, source, frame },
        transfer: 'bytes' in source ? [source.bytes] : [],
        priority,
        seq: this.seq++,
        resolve,
        reject,
      });
    });
    this.pump();
    return { id, promise };
  }

  /** Drops a queued job, or ignores the result of a running one; its promise rejects with code 'cancelled'. */
  cancel(id: number): void {
    const queued = this.queue.findIndex((p) => p.id === id);
    if (queued >= 0) {
      const [job] = this.queue.splice(queued, 1);
      job?.reject(new DecodeError('cancelled', 'decode cancelled'));
      return;
    }
    const slot = this.slots.find((s) => s.busy?.id === id);
    if (slot?.busy) {
      slot.busy.reject(new DecodeError('cancelled', 'decode cancelled'));
      slot.busy = { ...slot.busy, resolve: () => undefined, reject: () => undefined };
    }
  }

  /** Moves a queued job ahead of all prefetches (and of earlier viewed jobs). */
  promote(id: number): void {
    const job = this.queue.find((p) => p.id === id);
    if (job) {
      job.priority = 'viewed';
      job.seq = this.seq++;
    }
  }

  /** Jobs waiting (not running). */
  get queued(): number {
    return this.queue.length;
  }

  dispose(): void {
    for (const job of this.queue.splice(0)) job.reject(new DecodeError('cancelled', 'decode pool disposed'));
    for (const slot of this.slots) {
      slot.busy?.reject(new DecodeError('cancelled', 'decode pool disposed'));
      slot.worker.terminate();
    }
  }

  private makeSlot(create: () => Worker): Slot {
    const slot: Slot = { worker: create(), busy: undefined };
    slot.worker.addEventListener('message', (event: MessageEvent<DecodeResponseMessage>) => {
      const job = slot.busy;
      slot.busy = undefined;
      if (job && job.id === event.data.id) {
        const m = event.data;
        if (m.ok) job.resolve(m.frame);
        else job.reject(new DecodeError(m.code, m.message));
      }
      this.pump();
    });
    slot.worker.addEventListener('error', (event: ErrorEvent) => {
      const job = slot.busy;
      slot.busy = undefined;
      job?.reject(new DecodeError('worker-crashed', event.message || 'decode worker failed'));
      this.pump();
    });
    return slot;
  }

  /** Next job: viewed before prefetch; among viewed the most recent; among prefetch the oldest. */
  private takeNext(): Pending | undefined {
    let best = -1;
    for (let i = 0; i < this.queue.length; i++) {
      const a = this.queue[i];
      const b = best >= 0 ? this.queue[best] : undefined;
      if (a === undefined) continue;
      if (b === undefined) best = i;
      else if (a.priority === 'viewed' && b.priority !== 'viewed') best = i;
      else if (a.priority === b.priority && (a.priority === 'viewed' ? a.seq > b.seq : a.seq < b.seq)) best = i;
    }
    return best >= 0 ? this.queue.splice(best, 1)[0] : undefined;
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.busy !== undefined) continue;
      const job = this.takeNext();
      if (job === undefined) return;
      slot.busy = job;
      slot.worker.postMessage(job.message, job.transfer);
    }
  }
}
