// Runs the reference DICOM tools (dcmtk, dicom3tools, pydicom) on files we wrote. Test helper, not a test.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

export interface ToolRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function run(command: string, args: readonly string[]): ToolRun {
  const r = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** System Python (pydicom is installed for it, not for any pyenv shim). */
export const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

export function outputDir(name: string): string {
  const dir = resolve(__dirname, '../../output', name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** dcmdump output lines that report a problem (dcmtk prefixes warnings and errors with W: / E:). */
export function dcmdumpProblems(r: ToolRun): string[] {
  return `${r.stdout}\n${r.stderr}`.split('\n').filter((l) => /^(W|E|F):/.test(l.trim()));
}

/** dciodvfy prints "Error - ..." and "Warning - ..." lines. */
export function dciodvfyFindings(r: ToolRun): { errors: string[]; warnings: string[] } {
  const lines = `${r.stdout}\n${r.stderr}`.split('\n').map((l) => l.trim());
  return { errors: lines.filter((l) => l.startsWith('Error')), warnings: lines.filter((l) => l.startsWith('Warning')) };
}
