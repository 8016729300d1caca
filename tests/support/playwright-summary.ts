import type { FullResult, Reporter, TestCase, TestError, TestResult } from '@playwright/test/reporter';

/**
 * Prints the plain closing line CI reads: `e2e: N passed, N failed, N skipped`. Every failure counts: a failed or
 * timed-out test (the last retry decides), an error outside any test (config, a worker, a hook of no test), and a run
 * that failed without any failed test to show for it.
 */
export default class PlaywrightSummary implements Reporter {
  private readonly outcome = new Map<string, string>();
  private errorsOutsideTests = 0;

  onTestEnd(test: TestCase, result: TestResult): void {
    this.outcome.set(test.id, result.status === 'passed' ? 'passed' : result.status === 'skipped' ? 'skipped' : 'failed');
  }

  onError(_error: TestError): void {
    this.errorsOutsideTests += 1;
  }

  onEnd(result: FullResult): void {
    const values = [...this.outcome.values()];
    const count = (s: string): number => values.filter((v) => v === s).length;
    let failed = count('failed') + this.errorsOutsideTests;
    if (result.status !== 'passed' && failed === 0) failed = 1;
    process.stdout.write(`\ne2e: ${count('passed')} passed, ${failed} failed, ${count('skipped')} skipped\n`);
  }
}
