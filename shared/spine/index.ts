export * from './levels';
export * from './regions';
export * from './variants';
