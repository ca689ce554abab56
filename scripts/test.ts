// `npm test`: every check the project has, in order, stopping at the first failure.
//   npm test                         typecheck, lint, unit (vitest), e2e (Playwright: with a keychain,
//                                    then without one — no D-Bus session, as on a newcomer's machine)
//   npm test -- --only unit          one stage (or a comma list: --only typecheck,lint)
//   npm test -- --skip e2e           all but some
//   npm test -- --only unit sandbox  other arguments go to the test runner (vitest / playwright)
// System components a stage needs are checked before anything runs: a missing one fails the run
// and names the Debian package to install. Nothing is skipped silently.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Counts, playwrightReport, sumReports, type StageReport, vitestReport } from './test-reports';
import { missingSystemComponents, type Stage, STAGES } from './test-requirements';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);
const withKeyring = path.join(root, 'scripts', 'with-keyring.sh');

/** Failed tests named in the summary; the runner's own output has them all. */
const MAX_FAILURES_LISTED = 40;

interface Options {
  stages: Stage[];
  runnerArgs: string[];
}

function usage(message?: string): never {
  if (message) console.error(`npm test: ${message}`);
  console.error(`usage: npm test -- [--only ${STAGES.join(',')}] [--skip STAGE[,STAGE]] [runner args...]`);
  process.exit(2);
}

function parseStages(value: string | undefined): Stage[] {
  if (!value) usage('--only and --skip need a stage name');
  const names = value.split(',').map((s) => s.trim());
  for (const name of names) if (!STAGES.includes(name as Stage)) usage(`unknown stage '${name}'`);
  return names as Stage[];
}

function parseArgs(argv: string[]): Options {
  let stages: Stage[] = [...STAGES];
  const runnerArgs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') usage();
    else if (arg === '--only') stages = parseStages(argv[++i]);
    else if (arg.startsWith('--only=')) stages = parseStages(arg.slice('--only='.length));
    else if (arg === '--skip' || arg.startsWith('--skip=')) {
      const skipped = parseStages(arg === '--skip' ? argv[++i] : arg.slice('--skip='.length));
      stages = stages.filter((s) => !skipped.includes(s));
    } else runnerArgs.push(arg);
  }
  if (stages.length === 0) usage('no stage left to run');
  if (runnerArgs.length > 0 && stages.filter((s) => s === 'unit' || s === 'e2e').length !== 1) {
    usage('runner arguments need exactly one of the unit or e2e stages (--only unit or --only e2e)');
  }
  return { stages, runnerArgs: runnerArgs };
}

interface StageResult {
  stage: Stage;
  ok: boolean;
  seconds: number;
  counts?: Counts;
  /** One line per failed test: where, which, and the first line of why. */
  failures?: string[];
}

let running: ReturnType<typeof spawn> | null = null;
let interrupted: NodeJS.Signals | null = null;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    interrupted = signal;
    // Each stage runs in its own process group (see run), so the whole tree under it — the
    // D-Bus session, the keyring daemon, the runner's workers — gets the signal, whether it came
    // from a terminal's Ctrl-C or was sent to this process alone.
    if (running?.pid && running.exitCode === null) {
      try {
        process.kill(-running.pid, signal);
      } catch {
        running.kill(signal);
      }
    }
  });
}

/** Runs one stage in its own process group, streaming its output; resolves true on exit 0. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, ...env },
      detached: true,
    });
    running = child;
    child.on('error', (error) => {
      console.error(`npm test: could not start ${command}: ${error.message}`);
      resolve(false);
    });
    child.on('exit', (code) => {
      running = null;
      // Whatever the stage left behind in its group (a keyring daemon, a stray server) goes too.
      if (child.pid) {
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          // ESRCH: the group is already empty.
        }
      }
      resolve(code === 0);
    });
  });
}

async function runStage(stage: Stage, runnerArgs: string[], reports: string): Promise<StageResult> {
  const started = performance.now();
  let ok: boolean;
  let report: StageReport | undefined;
  switch (stage) {
    case 'typecheck':
      ok = await run(bin('tsc'), ['-b']);
      break;
    case 'lint':
      // Formatting is checked here too, so a diff never carries unrelated reformatting.
      ok = (await run(bin('eslint'), ['.'])) && (await run(bin('prettier'), ['--check', '--log-level=warn', '.']));
      break;
    case 'unit': {
      const json = path.join(reports, 'vitest.json');
      ok = await run(withKeyring, [
        bin('vitest'),
        'run',
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${json}`,
        ...runnerArgs,
      ]);
      report = vitestReport(json);
      break;
    }
    case 'e2e': {
      // Twice: with a real Secret Service (the `keyring` project), then as the newcomer's machine
      // with no D-Bus session at all (`no-keyring`). Either may have nothing matching runner args.
      const json = path.join(reports, 'playwright.json');
      const noKeyringJson = path.join(reports, 'playwright-no-keyring.json');
      const args = ['test', '--pass-with-no-tests', '--reporter=list,json', ...runnerArgs];
      const withBus = await run(withKeyring, [bin('playwright'), ...args, '--project=keyring'], {
        PLAYWRIGHT_JSON_OUTPUT_FILE: json,
      });
      console.log('\n── e2e without a keychain (no D-Bus session) ──');
      const withoutBus = await run(bin('playwright'), [...args, '--project=no-keyring'], {
        PLAYWRIGHT_JSON_OUTPUT_FILE: noKeyringJson,
        DBUS_SESSION_BUS_ADDRESS: undefined,
        NEXUS_KEYRING_SESSION: undefined,
      });
      ok = withBus && withoutBus;
      report = sumReports(playwrightReport(json), playwrightReport(noKeyringJson));
      break;
    }
  }
  if (report && report.counts.failed > 0) ok = false;
  return { stage, ok, seconds: (performance.now() - started) / 1000, ...report };
}

function printSummary(results: StageResult[], notRun: Stage[], totalSeconds: number): void {
  const line = (name: string, status: string, detail: string) =>
    console.log(`  ${name.padEnd(10)} ${status.padEnd(8)} ${detail}`);
  console.log('\n── npm test summary ──');
  for (const r of results) {
    const c = r.counts ? `   ${r.counts.passed} passed, ${r.counts.failed} failed, ${r.counts.skipped} skipped` : '';
    line(r.stage, r.ok ? 'ok' : 'FAILED', `${r.seconds.toFixed(1).padStart(6)} s${c}`);
  }
  for (const stage of notRun) line(stage, 'not run', '(an earlier stage failed)');
  // Repeated here, at the end, because CI shows only the tail of a long run.
  const failures = results.flatMap((r) => r.failures ?? []);
  if (failures.length > 0) {
    console.log(`failed tests (${failures.length}):`);
    for (const failure of failures.slice(0, MAX_FAILURES_LISTED)) console.log(`  ✗ ${failure}`);
    if (failures.length > MAX_FAILURES_LISTED) console.log(`  … and ${failures.length - MAX_FAILURES_LISTED} more`);
  }
  console.log(`  ${'total'.padEnd(10)} ${''.padEnd(8)} ${totalSeconds.toFixed(1).padStart(6)} s`);
  const counted = results.filter((r) => r.counts);
  if (counted.length > 0) {
    const sum = (key: keyof Counts) => counted.reduce((n, r) => n + (r.counts?.[key] ?? 0), 0);
    const skipped = sum('skipped');
    console.log(`tests: ${sum('passed')} passed, ${sum('failed')} failed${skipped ? `, ${skipped} skipped` : ''}`);
  }
}

async function main(): Promise<number> {
  const { stages, runnerArgs } = parseArgs(process.argv.slice(2));
  const missing = missingSystemComponents(stages);
  if (missing.length > 0) {
    console.error('npm test: missing system components; nothing was run:');
    for (const m of missing)
      console.error(`  - ${m.what} (needed by ${m.stages.join(', ')}): sudo apt-get install ${m.aptPackages}`);
    return 3;
  }
  for (const tool of ['tsc', 'eslint', 'prettier', 'vitest', 'playwright']) {
    if (!existsSync(bin(tool))) {
      console.error(`npm test: node_modules/.bin/${tool} is missing: run npm ci`);
      return 3;
    }
  }

  const reports = mkdtempSync(path.join(tmpdir(), 'nexus-test-'));
  const started = performance.now();
  const results: StageResult[] = [];
  try {
    for (const stage of stages) {
      console.log(`\n── ${stage} ──`);
      const result = await runStage(stage, stage === 'unit' || stage === 'e2e' ? runnerArgs : [], reports);
      results.push(result);
      if (!result.ok || interrupted) break;
    }
  } finally {
    rmSync(reports, { recursive: true, force: true });
  }
  const notRun = stages.slice(results.length);
  printSummary(results, notRun, (performance.now() - started) / 1000);
  if (interrupted) {
    console.log(`npm test: interrupted (${interrupted})`);
    return 130;
  }
  return results.every((r) => r.ok) && notRun.length === 0 ? 0 : 1;
}

process.exitCode = await main();
