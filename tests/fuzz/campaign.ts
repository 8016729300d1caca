// Runs a fuzz campaign: mutants seed:0 … seed:count-1, one at a time in a worker child process. A mutant that
// takes longer than `timeoutMs` (a hang detector, generous so load cannot trip it) or pushes the child past
// `maxRssMb` is counted, the child is killed and a fresh one carries on with the next mutant.

import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Outcome, WorkerReply } from './protocol';

export interface CampaignOptions {
  readonly seed: number;
  readonly count: number;
  /** Or exactly these mutant indices (regression cases). */
  readonly indices?: readonly number[];
  readonly timeoutMs?: number;
  readonly maxRssMb?: number;
  readonly onResult?: (reply: WorkerReply) => void;
}

export interface Finding {
  readonly seed: number;
  readonly index: number;
  readonly outcome: Outcome;
  readonly recipe: string;
  readonly detail: string;
}

export interface CampaignResult {
  readonly counts: Record<Outcome, number>;
  /** Every mutant that was not decoded or cleanly refused. */
  readonly findings: Finding[];
  readonly maxRssMb: number;
  readonly slowestMs: number;
}

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));

/** Resident memory of a process from /proc (Linux); undefined elsewhere. */
function rssMbOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const match = /VmRSS:\s+(\d+) kB/u.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

function startWorker(): Promise<ChildProcess> {
  const child = fork(WORKER, [], { execArgv: ['--import', 'tsx', '--stack-size=984'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`the fuzz worker exited with ${code} before it was ready`)));
  });
}

export async function runCampaign(options: CampaignOptions): Promise<CampaignResult> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxRssMb = options.maxRssMb ?? 1536;
  const counts: Record<Outcome, number> = { decoded: 0, 'clean-error': 0, uncaught: 0, 'over-time': 0, 'over-memory': 0 };
  const findings: Finding[] = [];
  let peak = 0;
  let slowest = 0;
  let child = await startWorker();
  const indices = options.indices ?? Array.from({ length: options.count }, (_, i) => i);
  try {
    for (const index of indices) {
      const reply = await new Promise<WorkerReply>((resolve) => {
        let settled = false;
        const finish = (r: WorkerReply): void => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          clearInterval(watch);
          child.off('message', onMessage);
          child.off('exit', onExit);
          resolve(r);
        };
        const limit = (outcome: Outcome, detail: string): void => {
          child.kill('SIGKILL');
          finish({ index, outcome, detail, recipe: '(see the seed and index)', ms: timeoutMs, rssMb: 0 });
        };
        const onMessage = (r: WorkerReply): void => finish(r);
        const onExit = (code: number | null, signal: string | null): void => finish({ index, outcome: 'uncaught', detail: `the worker died (exit ${code}, signal ${signal})`, recipe: '', ms: 0, rssMb: 0 });
        const timer = setTimeout(() => limit('over-time', `no answer within ${timeoutMs} ms`), timeoutMs);
        const watch = setInterval(() => {
          const rss = rssMbOf(child.pid);
          if (rss !== undefined && rss > maxRssMb) limit('over-memory', `the worker reached ${Math.round(rss)} MB (limit ${maxRssMb} MB)`);
        }, 50);
        child.on('message', onMessage);
        child.once('exit', onExit);
        child.send({ seed: options.seed, index });
      });
      options.onResult?.(reply);
      counts[reply.outcome]++;
      peak = Math.max(peak, reply.rssMb);
      slowest = Math.max(slowest, reply.ms);
      if (reply.outcome !== 'decoded' && reply.outcome !== 'clean-error') {
        findings.push({ seed: options.seed, index, outcome: reply.outcome, recipe: reply.recipe, detail: reply.detail });
      }
      // A post-mutant memory over the limit counts too (the watch may miss a spike between polls).
      if (reply.rssMb > maxRssMb && reply.outcome !== 'over-memory') {
        counts[reply.outcome]--;
        counts['over-memory']++;
        findings.push({ seed: options.seed, index, outcome: 'over-memory', recipe: reply.recipe, detail: `rss ${reply.rssMb} MB after the mutant` });
      }
      if (child.exitCode !== null || child.signalCode !== null || child.killed) child = await startWorker();
    }
  } finally {
    child.kill('SIGKILL');
  }
  return { counts, findings, maxRssMb: peak, slowestMs: slowest };
}
