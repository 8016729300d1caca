// Where a scrolling pass spends the renderer's time, from a Chromium trace (devtools.timeline events): busy time of
// the renderer main thread and of its other threads (compositor, raster workers), and the main thread's self time
// per event name (script, style, layout, paint, GC…).

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly pid: number;
  readonly tid: number;
  readonly ts: number;
  readonly dur?: number;
  /** Thread (CPU) time of the event, µs: unlike `dur`, it does not grow while other processes hold the CPU. */
  readonly tdur?: number;
  readonly args?: { readonly name?: string };
}

export interface FrameTrace {
  /** Main-thread busy time (top-level tasks), wall-clock ms, inside the window. */
  readonly mainBusyMs: number;
  /** The same tasks' thread CPU time, ms: the work itself, without the waits for a CPU on a shared machine. */
  readonly mainCpuMs: number;
  /** Busy time of the renderer process's other threads (compositor, raster), ms. */
  readonly otherThreadsBusyMs: number;
  readonly windowMs: number;
  /** Main thread self CPU time by event name, ms, largest first. */
  readonly selfByName: readonly (readonly [string, number])[];
}

/** Top-level task names: a thread is busy while one runs (nested events are inside them). */
const TOP_LEVEL = new Set(['RunTask', 'ThreadControllerImpl::RunTask', 'ThreadPool_RunTask']);

/**
 * Summarises complete ('X') events of the renderer whose main thread ran the page, between two `performance.mark`s
 * the page made (blink.user_timing events: the only clock the trace and the page share).
 */
export function summariseTrace(json: string, startMark: string, endMark: string): FrameTrace {
  const events = (JSON.parse(json) as { traceEvents: TraceEvent[] }).traceEvents;
  const threadName = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name) threadName.set(`${e.pid}:${e.tid}`, e.args.name);
  const markAt = (name: string): number => {
    const mark = events.find((e) => e.name === name);
    if (mark === undefined) throw new Error(`trace: no "${name}" mark (blink.user_timing)`);
    return mark.ts;
  };
  const from = markAt(startMark);
  const to = markAt(endMark);
  const inWindow = events.filter((e) => e.ph === 'X' && e.dur !== undefined && e.ts >= from && e.ts + (e.dur ?? 0) <= to);
  // Busy time per thread: outermost task events only (RunTask nests ThreadControllerImpl::RunTask).
  const busy = new Map<string, number>();
  const cpu = new Map<string, number>();
  const reachedUntil = new Map<string, number>();
  for (const e of [...inWindow].filter((x) => TOP_LEVEL.has(x.name)).sort((a, b) => a.ts - b.ts)) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ts < (reachedUntil.get(key) ?? -Infinity)) continue;
    reachedUntil.set(key, e.ts + (e.dur ?? 0));
    busy.set(key, (busy.get(key) ?? 0) + (e.dur ?? 0));
    cpu.set(key, (cpu.get(key) ?? 0) + (e.tdur ?? e.dur ?? 0));
  }
  // The renderer main thread that did the most work in the window is the page's.
  const main = [...busy].filter(([key]) => threadName.get(key) === 'CrRendererMain').sort((a, b) => b[1] - a[1])[0]?.[0];
  if (main === undefined) throw new Error('trace: no renderer main thread tasks in the scrolling window');
  const pid = Number(main.split(':')[0]);
  let other = 0;
  for (const [key, us] of busy) if (key !== main && Number(key.split(':')[0]) === pid) other += us;
  // Self CPU time on the main thread: each event's thread time minus its direct children's.
  const mainEvents = inWindow.filter((e) => `${e.pid}:${e.tid}` === main).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const self = new Map<string, number>();
  const stack: { end: number; name: string }[] = [];
  for (const e of mainEvents) {
    const end = e.ts + (e.dur ?? 0);
    while (stack.length > 0 && (stack[stack.length - 1] as { end: number }).end <= e.ts) stack.pop();
    const parent = stack[stack.length - 1];
    const spent = e.tdur ?? e.dur ?? 0;
    if (parent !== undefined) self.set(parent.name, (self.get(parent.name) ?? 0) - spent);
    self.set(e.name, (self.get(e.name) ?? 0) + spent);
    stack.push({ end, name: e.name });
  }
  return {
    mainBusyMs: (busy.get(main) ?? 0) / 1000,
    mainCpuMs: (cpu.get(main) ?? 0) / 1000,
    otherThreadsBusyMs: other / 1000,
    windowMs: (to - from) / 1000,
    selfByName: [...self].map(([n, us]) => [n, us / 1000] as const).filter(([, ms]) => ms > 0.5).sort((a, b) => b[1] - a[1]),
  };
}
