// A fresh process decoding one file: time to the first decoded frame, module load and wasm codec init included.
export {};
// performance.now() counts from the process's start, so `sinceProcessStartMs` also covers Node (and tsx) boot.
const t0 = performance.now();
const { decodeFileFrame } = await import('../src-main/services/decode-file');
const tImport = performance.now();
const file = process.argv[2];
if (file === undefined) throw new Error('usage: first-frame FILE');
const frame = await decodeFileFrame(file);
const tDone = performance.now();
if (frame.pixels.length !== frame.rows * frame.columns) throw new Error('unexpected frame size');
console.log(JSON.stringify({ importMs: tImport - t0, firstFrameMs: tDone - t0, sinceProcessStartMs: tDone }));
