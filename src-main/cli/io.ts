// The CLI's only contact with the outside world, passed in so commands are testable without a process.

import { readFile } from 'node:fs/promises';

export interface CliIo {
  readFile(path: string): Promise<string>;
  readStdin(): Promise<string>;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Print technical detail (stacks) of internal errors: SPINE_MET_DEBUG=1. */
  readonly debug?: boolean;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

export const processIo: CliIo = {
  readFile: (path) => readFile(path, 'utf8'),
  readStdin: () => readAll(process.stdin),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  debug: process.env['SPINE_MET_DEBUG'] === '1',
};

const READ_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder, not a file',
};

/** Why a file could not be read, in our words (never Node's message with its syscall and errno). */
export function readErrorText(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  return READ_ERRORS[code] ?? 'it could not be read';
}

/** Exit codes shared by every subcommand. */
export const EXIT = { ok: 0, internal: 1, invalid: 2 } as const;
