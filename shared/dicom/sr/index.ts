// Public surface of the SR / Encapsulated PDF builders (pure: datasets for the Part 10 writer).
export * from './content';
export { encodeItem, codeItem, referencedImages } from './encode';
export * from './documents';
export { readSr, SrReadError } from './read';
export type { ReadSr, ReadSrItem } from './read';
export { renderSrText, renderSrTree, srItemValue } from './text';
export * from './key-objects';
