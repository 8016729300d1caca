// The @cornerstonejs codec packages ship no type declarations: their `*wasmjs` exports are emscripten
// factories (CommonJS, default export under bundlers). Shapes: shared/dicom/decode/wasm-adapters.ts.
declare module '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs' {
  import type { EmscriptenFactory } from '@shared/dicom/decode/wasm-adapters';
  const factory: EmscriptenFactory;
  export default factory;
}
declare module '@cornerstonejs/codec-charls/decodewasmjs' {
  import type { EmscriptenFactory } from '@shared/dicom/decode/wasm-adapters';
  const factory: EmscriptenFactory;
  export default factory;
}
declare module '@cornerstonejs/codec-openjpeg/decodewasmjs' {
  import type { EmscriptenFactory } from '@shared/dicom/decode/wasm-adapters';
  const factory: EmscriptenFactory;
  export default factory;
}
declare module '@cornerstonejs/codec-openjph/wasmjs' {
  import type { EmscriptenFactory } from '@shared/dicom/decode/wasm-adapters';
  const factory: EmscriptenFactory;
  export default factory;
}
