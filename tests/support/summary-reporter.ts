import type { Reporter, TestModule, TestSuite } from 'vitest/node';

/**
 * Prints the plain closing line CI reads: `unit: N passed, N failed, N skipped`. Every failure counts: a failed test,
 * a failed hook or suite (whose tests then never ran), a file that failed to load, and errors outside any test.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    let skipped = 0;
    for (const mod of testModules) {
      let failedHere = 0;
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failedHere += 1;
        else skipped += 1;
      }
      const suites: Array<TestModule | TestSuite> = [mod, ...mod.children.allSuites()];
      failedHere += suites.filter((s) => s.errors().length > 0).length;
      if (failedHere === 0 && mod.state() === 'failed') failedHere = 1;
      failed += failedHere;
    }
    process.stdout.write(`\nunit: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
