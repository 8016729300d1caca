// Starts index-worker.ts from source (tsx, vitest): a worker thread does not inherit the parent's tsx loader, so
// it registers its own before importing the TypeScript entry. The built app uses out/main/index-worker.js instead.
import { register } from 'tsx/esm/api';

register();
await import('./index-worker.ts');
