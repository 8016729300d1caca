/**
 * The only time limit the suites use: not a speed check, just a stop for a run that has truly hung, set far above
 * anything a loaded 2-core machine needs (the whole CI run has 90 minutes). Tests wait on events, never on clocks.
 */
export const HANG_GUARD_MS = 15 * 60_000;
