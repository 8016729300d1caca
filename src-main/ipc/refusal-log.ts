/** One refused IPC message: who sent it, on which channel, and why. */
export interface RefusalEntry {
  readonly channel: string;
  readonly url: string;
  readonly reason: string;
}

export type RefusalLog = (entry: RefusalEntry) => void;

/**
 * Every refusal is logged with its reason: a refused sender is either a bug or an attack, and both need a trace.
 * The sink is injectable so tests can collect entries instead of printing them.
 */
export function createRefusalLog(sink: (line: string) => void = (line) => console.warn(line)): RefusalLog {
  return (entry) => {
    sink(`[ipc] refused ${entry.channel} from ${entry.url || '(no frame)'}: ${entry.reason}`);
  };
}
