/**
 * What one hubtest case came to, and how outcomes are printed: one line per test, a closing
 * count line, and the `--json` report.
 */

/** The result of one test directory. */
export type TestOutcome =
  | { readonly name: string; readonly status: 'pass' }
  | {
      readonly name: string;
      readonly status: 'fail';
      /** The failing assertion line ('' when the failure is not about one line). */
      readonly assertion: string;
      readonly reason: string;
      /** Assertion lines evaluated and how many of them failed (absent when none ran). */
      readonly counts?: { readonly evaluated: number; readonly failed: number };
    }
  | { readonly name: string; readonly status: 'skip'; readonly reason: string };

/** All outcomes of a run, in test order. */
export interface RunReport {
  readonly outcomes: readonly TestOutcome[];
  /** True when `--parsers-only` was in effect (changes what SKIP means; see formatSummary). */
  readonly parsersOnly: boolean;
}

/** `PASS name` / `FAIL name: <assertion> (<reason>)` / `SKIP name: reason`. */
export function formatOutcome(o: TestOutcome): string {
  switch (o.status) {
    case 'pass':
      return `PASS ${o.name}`;
    case 'fail':
      return o.assertion === ''
        ? `FAIL ${o.name}: ${o.reason}`
        : `FAIL ${o.name}: ${o.assertion} (${o.reason})`;
    case 'skip':
      return `SKIP ${o.name}: ${o.reason}`;
  }
}

/** Counts of a report. */
export function countOutcomes(r: RunReport): { passed: number; failed: number; skipped: number } {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const o of r.outcomes) {
    if (o.status === 'pass') passed++;
    else if (o.status === 'fail') failed++;
    else skipped++;
  }
  return { passed, failed, skipped };
}

/**
 * The closing line, exactly `N passed, M failed, K skipped`. Under `--parsers-only` a note line
 * comes first, saying that tests without parser assertions are among the skipped ones.
 */
export function formatSummary(r: RunReport): string {
  const { passed, failed, skipped } = countOutcomes(r);
  const noAsserts = r.outcomes.filter((o) => o.status === 'skip' && o.reason === NO_PARSER_ASSERTIONS).length;
  const note = r.parsersOnly
    ? `parsers only: ${passed + failed} tests with parser assertions evaluated; ${noAsserts} skipped tests have none\n`
    : '';
  return `${note}${passed} passed, ${failed} failed, ${skipped} skipped`;
}

/** The SKIP reason of a test without parser assertions under `--parsers-only`. */
export const NO_PARSER_ASSERTIONS = 'no parser assertions';

/**
 * The `--json` report: `{passed: [name], failed: [{name, assertion, reason, evaluated?, failing?}],
 * skipped: [{name, reason}]}` (`evaluated`/`failing`: assertion line counts of a failed test).
 */
export function reportJson(r: RunReport): object {
  const passed: string[] = [];
  const failed: { name: string; assertion: string; reason: string; evaluated?: number; failing?: number }[] =
    [];
  const skipped: { name: string; reason: string }[] = [];
  for (const o of r.outcomes) {
    if (o.status === 'pass') passed.push(o.name);
    else if (o.status === 'fail') {
      const counts = o.counts ? { evaluated: o.counts.evaluated, failing: o.counts.failed } : {};
      failed.push({ name: o.name, assertion: o.assertion, reason: o.reason, ...counts });
    } else skipped.push({ name: o.name, reason: o.reason });
  }
  return { passed, failed, skipped };
}
