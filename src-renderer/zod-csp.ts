import { config } from 'zod';

// zod's fast object parser is compiled with `new Function`, and its first use probes for eval: under our CSP
// (no 'unsafe-eval') that probe is a reported violation. Jitless parsing never probes; imported first in main.tsx.
config({ jitless: true });
