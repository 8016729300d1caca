// Small numeric helpers shared by the benchmark parts.
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((s, v) => s + v, 0) / values.length;
}

/** Runs a child to completion and returns its stdout; a non-zero exit is an error carrying stderr. */
export async function runChild(command: string, args: readonly string[], options: { discardStdout?: boolean } = {}): Promise<string> {
  const { spawn } = await import('node:child_process');
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', options.discardStdout === true ? 'ignore' : 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${command} ${args.slice(0, 4).join(' ')} … exited with ${code}: ${err.trim().slice(0, 2000)}`))));
  });
}

/** The JSON object a child printed as its last stdout line. */
export function lastJsonLine(stdout: string): unknown {
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1] ?? 'null');
}

/** Arguments that start this Node with the same loader (tsx) as the current process, for fresh TypeScript children. */
export function nodeArgs(script: string, args: readonly string[]): string[] {
  return [...process.execArgv, script, ...args];
}
