// Writes a report run's outputs into the folder the reader chose. The host picks the file names (never the
// renderer), never overwrites a file (a clash gets a -2, -3… suffix), and puts no identifier in a name.
import { stat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import type { ExportFormat } from '@shared/ipc/report-schemas';
import { writePrivateFile } from '../private-files';

export type OutputFormat = 'pdf' | ExportFormat;

const SUFFIX: Readonly<Record<OutputFormat, string>> = { pdf: '.pdf', json: '.json', sr: '-sr.dcm', 'encapsulated-pdf': '-pdf.dcm' };

export class OutputFolderError extends Error {
  override name = 'OutputFolderError';
}

/** `spine-report-20250301-100000` (UTC), `-deidentified` for a de-identified run. */
export function outputBaseName(now: Date, deidentified: boolean): string {
  const stamp = now.toISOString().replace(/\.\d+Z$/, '').replace(/[-:]/g, '').replace('T', '-');
  return `spine-report-${stamp}${deidentified ? '-deidentified' : ''}`;
}

export async function checkOutputFolder(folder: string): Promise<void> {
  if (!isAbsolute(folder)) throw new OutputFolderError(`the export folder must be an absolute path: ${folder}`);
  const info = await stat(folder).catch(() => null);
  if (info === null) throw new OutputFolderError(`the export folder does not exist: ${folder}`);
  if (!info.isDirectory()) throw new OutputFolderError(`not a folder: ${folder}`);
}

async function writeNew(folder: string, base: string, suffix: string, data: string | Uint8Array): Promise<string> {
  for (let n = 1; n < 1000; n++) {
    const path = join(folder, `${base}${n === 1 ? '' : `-${n}`}${suffix}`);
    try {
      await writePrivateFile(path, data, 'wx');
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new OutputFolderError(`too many reports named ${base} in ${folder}`);
}

export interface WrittenFile {
  readonly format: OutputFormat;
  readonly path: string;
  readonly bytes: number;
}

export async function writeOutputs(folder: string, base: string, outputs: ReadonlyArray<readonly [OutputFormat, string | Uint8Array | undefined]>): Promise<WrittenFile[]> {
  await checkOutputFolder(folder);
  const written: WrittenFile[] = [];
  for (const [format, data] of outputs) {
    if (data === undefined) throw new Error(`the ${format} output was not produced`);
    const path = await writeNew(folder, base, SUFFIX[format], data);
    written.push({ format, path, bytes: typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength });
  }
  return written;
}
