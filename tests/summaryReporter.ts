import type { Reporter, TestCase, TestModule } from 'vitest/node';

/** Whether a test did not run because a suite holding it failed (a `beforeAll` that threw): it failed with it. */
function failedWithSuite(test: TestCase): boolean {
  for (let parent: TestCase['parent'] | undefined = test.parent; parent; parent = parent.type === 'module' ? undefined : parent.parent) {
    if (parent.state() === 'failed') return true;
  }
  return false;
}

/**
 * Ends the run with one plain line, `Tests: N passed, N failed, N skipped`, that any CI can
 * read; skipped tests are counted apart, never as passes, and a test left unrun by its suite's
 * failure counts as failed.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    const skipped: string[] = [];
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const result = test.result();
        if (result.state === 'passed') counts.passed++;
        else if (result.state === 'failed' || failedWithSuite(test)) counts.failed++;
        else {
          counts.skipped++;
          skipped.push(`  skipped: ${test.fullName}${'note' in result && result.note ? ` (${result.note})` : ''}`);
        }
      }
      if (module.state() === 'failed' && module.children.size === 0) counts.failed++;
    }
    if (skipped.length > 0) process.stdout.write(`\n${skipped.join('\n')}\n`);
    process.stdout.write(`\nTests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
  }
}
