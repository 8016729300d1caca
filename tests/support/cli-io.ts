// The CLI run in process, its output captured: what every CLI test needs, in one place. Files come from a table
// (`files`), or from disk when no table is given.
import { readFile } from 'node:fs/promises';
import { dispatch } from '../../src-main/cli/dispatch';
import type { CliIo } from '../../src-main/cli/io';

export interface CapturedIo {
  readonly io: CliIo;
  stdout(): string;
  stderr(): string;
}

export function capturingIo(files?: Readonly<Record<string, string>>, stdin = ''): CapturedIo {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    readFile: async (path) => {
      if (files === undefined) return readFile(path, 'utf8');
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
      return text;
    },
    readStdin: async () => stdin,
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}

/** `spine-met ARGS` in process, reading files from disk. */
export async function runCli(args: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  const captured = capturingIo();
  const code = await dispatch([...args], captured.io);
  return { code, out: captured.stdout(), err: captured.stderr() };
}
