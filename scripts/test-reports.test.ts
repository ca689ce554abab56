import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { firstLine, playwrightReport, vitestReport } from './test-reports';

const root = path.resolve(import.meta.dirname, '..');
const dir = mkdtempSync(path.join(tmpdir(), 'nexus-test-reports-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * npm test's summary names each failed test with the first line of why, because CI shows only
 * the tail of a run (stop 21 showed 8 of 30 errors). Read from a real vitest JSON report.
 */
describe('npm test reports', () => {
  it('names each failed vitest test and each file whose hooks failed', () => {
    const failing = path.join(root, 'scripts', `.tmp-report-${process.pid}-a.test.ts`);
    const hookFails = path.join(root, 'scripts', `.tmp-report-${process.pid}-b.test.ts`);
    writeFileSync(
      failing,
      "import { describe, expect, it } from 'vitest';\n" +
        "describe('group', () => { it('fails', () => { expect(1).toBe(2); }); it('passes', () => {}); });\n",
    );
    writeFileSync(
      hookFails,
      "import { beforeAll, describe, it } from 'vitest';\n" +
        "describe('setup', () => { beforeAll(() => { throw new Error('x'); }); it('skipped', () => {}); });\n",
    );
    const json = path.join(dir, 'vitest.json');
    try {
      execFileSync(
        path.join(root, 'node_modules', '.bin', 'vitest'),
        ['run', failing, hookFails, '--project', 'node', '--reporter=json', `--outputFile.json=${json}`],
        { cwd: root, stdio: 'ignore', env: { ...process.env, NEXUS_KEYRING_SESSION: '' } },
      );
    } catch {
      // fails, as it should
    } finally {
      rmSync(failing, { force: true });
      rmSync(hookFails, { force: true });
    }
    const report = vitestReport(json);
    expect(report?.counts).toEqual({ passed: 1, failed: 1, skipped: 1 });
    expect(report?.failures.sort()).toEqual([
      `${path.relative(root, failing)} › group fails — AssertionError: expected 1 to be 2 // Object.is equality`,
      `${path.relative(root, hookFails)} — a hook failed (beforeAll/afterAll); the runner’s output above says why`,
    ]);
  });

  it('names each unexpected Playwright test with its project', () => {
    const json = path.join(dir, 'playwright.json');
    writeFileSync(
      json,
      JSON.stringify({
        stats: { expected: 3, unexpected: 1, flaky: 1, skipped: 1 },
        suites: [
          {
            title: 'accounts.spec.ts',
            file: 'accounts.spec.ts',
            specs: [],
            suites: [
              {
                title: 'inner',
                file: 'accounts.spec.ts',
                specs: [
                  {
                    title: '15. two servers',
                    file: 'accounts.spec.ts',
                    tests: [
                      {
                        projectName: 'keyring',
                        status: 'unexpected',
                        results: [
                          {
                            error: {
                              message: '\u001b[31mError: expect(locator).toBeVisible() failed\u001b[39m\n\nLocator: x',
                            },
                          },
                        ],
                      },
                    ],
                  },
                ],
              },
            ],
          },
        ],
      }),
    );
    const report = playwrightReport(json);
    expect(report?.counts).toEqual({ passed: 4, failed: 1, skipped: 1 });
    expect(report?.failures).toEqual([
      'accounts.spec.ts › [keyring] 15. two servers — Error: expect(locator).toBeVisible() failed',
    ]);
  });

  it('keeps one line, without colours, cut to length', () => {
    expect(firstLine('\n\n  \u001b[31mfirst\u001b[39m\nsecond')).toBe('first');
    expect(firstLine(undefined)).toBe('(no message)');
    expect(firstLine('x'.repeat(500))).toHaveLength(200);
  });
});
