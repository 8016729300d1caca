// The reader's name and organisation: set once and remembered per installation, in `reader.json` in the app data
// folder (0600, like the recent list). A new reading takes the name from here; signing uses both. A missing or
// damaged file reads as "not set" (the reader is asked again), never as an error.
import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { RequestOf, ResponseOf } from '@shared/ipc/contract';
import { ReaderSettingsSchema } from '@shared/ipc/contract';
import { ensureAppDir, writePrivateFile } from './private-files';

export type ReaderSettings = z.infer<typeof ReaderSettingsSchema>;
export const readerSettingsFile = (dataDir: string): string => join(dataDir, 'reader.json');
const FileSchema = z.object({ version: z.literal(1), reader: ReaderSettingsSchema });
const NOT_SET: ReaderSettings = { name: '', organization: '' };

export async function readReaderSettings(dataDir: string): Promise<ReaderSettings> {
  try {
    const parsed = FileSchema.safeParse(JSON.parse(await readFile(readerSettingsFile(dataDir), 'utf8')));
    return parsed.success ? parsed.data.reader : NOT_SET;
  } catch {
    return NOT_SET;
  }
}

export async function writeReaderSettings(dataDir: string, reader: ReaderSettings): Promise<ReaderSettings> {
  const clean = { name: reader.name.trim(), organization: reader.organization.trim() };
  await ensureAppDir(dataDir);
  const file = readerSettingsFile(dataDir);
  const temp = `${file}.tmp-${process.pid}`;
  await writePrivateFile(temp, `${JSON.stringify({ version: 1, reader: clean }, null, 2)}\n`);
  await rename(temp, file);
  return clean;
}

type Handler<C extends 'settings:get-reader' | 'settings:set-reader'> = (request: RequestOf<C>) => Promise<ResponseOf<C>>;

export function settingsHandlers(dataDir: string): { 'settings:get-reader': Handler<'settings:get-reader'>; 'settings:set-reader': Handler<'settings:set-reader'> } {
  // Writes in order, so two quick edits cannot land out of order.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    'settings:get-reader': () => readReaderSettings(dataDir),
    'settings:set-reader': (reader) => {
      const next = queue.then(() => writeReaderSettings(dataDir, reader));
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
