import type { Reporter, TestCase, TestResult, FullResult } from '@playwright/test/reporter';

/** Prints the plain closing line CI reads: `e2e: N passed, N failed, N skipped`. */
export default class PlaywrightSummary implements Reporter {
  private readonly outcome = new Map<string, string>();

  onTestEnd(test: TestCase, result: TestResult): void {
    this.outcome.set(test.id, result.status === 'passed' ? 'passed' : result.status === 'skipped' ? 'skipped' : 'failed');
  }

  onEnd(result: FullResult): void {
    const values = [...this.outcome.values()];
    const count = (s: string): number => values.filter((v) => v === s).length;
    const failed = count('failed') + (result.status !== 'passed' && values.length === 0 ? 1 : 0);
    process.stdout.write(`\ne2e: ${count('passed')} passed, ${failed} failed, ${count('skipped')} skipped\n`);
  }
}
