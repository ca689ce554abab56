// What `npm test` reads from the runners' JSON reports: counts, and a line per failed test.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

export interface StageReport {
  counts: Counts;
  /** `file › test — first line of the error`, one per failed test (or file that failed to run). */
  failures: string[];
}

const root = path.resolve(import.meta.dirname, '..');
const MAX_REASON_CHARS = 200;

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** The first line that says something, without colours, cut to a line's length. */
export function firstLine(message: string | undefined): string {
  // eslint-disable-next-line no-control-regex -- terminal colour codes
  const plain = (message ?? '').replace(/\u001b\[[0-9;]*m/g, '');
  const line = plain.split('\n').find((l) => l.trim() !== '') ?? '(no message)';
  const trimmed = line.trim();
  return trimmed.length > MAX_REASON_CHARS ? `${trimmed.slice(0, MAX_REASON_CHARS - 1)}…` : trimmed;
}

const relative = (file: string | undefined) => (file ? path.relative(root, file) : '?');

interface VitestJson {
  numPassedTests?: number;
  numFailedTests?: number;
  numPendingTests?: number;
  numTodoTests?: number;
  testResults?: {
    name?: string;
    status?: string;
    message?: string;
    assertionResults?: { fullName?: string; status?: string; failureMessages?: string[] }[];
  }[];
}

export function vitestReport(file: string): StageReport | undefined {
  const report = readJson(file) as VitestJson | null;
  if (!report || typeof report.numPassedTests !== 'number') return undefined;
  const failures: string[] = [];
  for (const result of report.testResults ?? []) {
    const failed = (result.assertionResults ?? []).filter((a) => a.status === 'failed');
    for (const test of failed)
      failures.push(`${relative(result.name)} › ${test.fullName} — ${firstLine(test.failureMessages?.[0])}`);
    // A file whose suite could not run (an import or a beforeAll failed) has no failed test of its own.
    if (failed.length === 0 && result.status === 'failed')
      failures.push(
        `${relative(result.name)} — ${result.message ? firstLine(result.message) : 'a hook failed (beforeAll/afterAll); the runner’s output above says why'}`,
      );
  }
  return {
    counts: {
      passed: report.numPassedTests,
      failed: report.numFailedTests ?? 0,
      skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
    },
    failures,
  };
}

interface PlaywrightSuite {
  title?: string;
  file?: string;
  specs?: {
    title?: string;
    file?: string;
    tests?: { projectName?: string; status?: string; results?: { error?: { message?: string } }[] }[];
  }[];
  suites?: PlaywrightSuite[];
}

function playwrightFailures(suites: PlaywrightSuite[] | undefined, into: string[]): void {
  for (const suite of suites ?? []) {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== 'unexpected') continue;
        const error = test.results?.findLast((r) => r.error)?.error;
        into.push(
          `${spec.file ?? suite.file ?? '?'} › [${test.projectName}] ${spec.title} — ${firstLine(error?.message)}`,
        );
      }
    }
    playwrightFailures(suite.suites, into);
  }
}

export function playwrightReport(file: string): StageReport | undefined {
  const report = readJson(file) as {
    stats?: { expected?: number; unexpected?: number; flaky?: number; skipped?: number };
    suites?: PlaywrightSuite[];
  } | null;
  if (!report?.stats) return undefined;
  const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = report.stats;
  const failures: string[] = [];
  playwrightFailures(report.suites, failures);
  return { counts: { passed: expected + flaky, failed: unexpected, skipped }, failures };
}

export function sumReports(a: StageReport | undefined, b: StageReport | undefined): StageReport | undefined {
  if (!a || !b) return a ?? b;
  return {
    counts: {
      passed: a.counts.passed + b.counts.passed,
      failed: a.counts.failed + b.counts.failed,
      skipped: a.counts.skipped + b.counts.skipped,
    },
    failures: [...a.failures, ...b.failures],
  };
}
