// Starts stack-decode-worker.ts in a worker thread: a worker does not inherit the parent's tsx loader.
import { register } from 'tsx/esm/api';

register();
await import('./stack-decode-worker.ts');
