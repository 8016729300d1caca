// Module worker: decodes one frame per request and posts the pixels back as a transferable buffer.
// Start it with new Worker(new URL('./decode-worker.ts', import.meta.url), { type: 'module' }).

import { decodeFrame } from '@shared/dicom/decode/decode-frame';
import { DicomLoadError } from '@shared/dicom/decode/errors';
import { parseDicomBytes, type ParsedDicom } from '@shared/dicom/decode/parse';
import { browserCodecs, inflateRawBrowser } from './codecs-browser';
import type { DecodeRequestMessage, DecodeResponseMessage, DecodeSource } from './protocol';

// The last parsed file, so the frames of one multi-frame object are not re-parsed for every request.
let last: { key: string; parsed: Promise<ParsedDicom> } | undefined;

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new DicomLoadError('not-dicom', `cannot fetch the file (HTTP ${response.status})`, { file: url });
  return new Uint8Array(await response.arrayBuffer());
}

function parsedFor(source: DecodeSource): Promise<ParsedDicom> {
  const key = 'url' in source ? source.url : source.key;
  if (key !== undefined && last?.key === key) return last.parsed;
  const bytes = 'url' in source ? fetchBytes(source.url) : Promise.resolve(new Uint8Array(source.bytes));
  const parsed = bytes.then((b) => parseDicomBytes(b, { inflateRaw: inflateRawBrowser }));
  if (key !== undefined) last = { key, parsed };
  return parsed;
}

function reply(message: DecodeResponseMessage): void {
  const transfer = message.ok ? [message.frame.pixels.buffer as ArrayBuffer] : [];
  self.postMessage(message, { transfer });
}

self.addEventListener('message', (event: MessageEvent<DecodeRequestMessage>) => {
  const { id, source, frame } = event.data;
  void (async () => {
    try {
      const decoded = await decodeFrame(await parsedFor(source), frame, await browserCodecs());
      reply({ id, ok: true, frame: decoded });
    } catch (thrown) {
      if ('url' in source || source.key !== undefined) last = undefined;
      reply(
        thrown instanceof DicomLoadError
          ? { id, ok: false, code: thrown.code, message: thrown.message }
          : { id, ok: false, code: 'internal', message: thrown instanceof Error ? thrown.message : String(thrown) },
      );
    }
  })();
});
