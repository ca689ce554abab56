import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultOptions, runBench } from './harness';
import { formatTable } from './report';
import { slowSqlReport, watchSlowSql } from './slow-sql';

/**
 * `npm run bench -- [--members 100000] [--runs 5] [--heavy-runs 3] [--outbox 1000] [--import-rows 10000] [--no-import-passwords] [--no-ui] [--slow-sql MS]`
 * Prints the table and writes bench/results.json. Re-runs itself inside a private keyring session
 * (scripts/with-keyring.sh): core keeps its refresh token in a real Secret Service.
 */
const root = resolve(import.meta.dirname, '..');
if (!process.env.NEXUS_KEYRING_SESSION) {
  const result = spawnSync(
    join(root, 'scripts/with-keyring.sh'),
    [process.execPath, ...process.execArgv, ...process.argv.slice(1)],
    { stdio: 'inherit' },
  );
  process.exit(result.status ?? 1);
}

process.on('unhandledRejection', (reason) => {
  const error = reason as Error & { cause?: Error };
  console.error('bench: unhandled rejection', error?.stack ?? reason, error?.cause?.stack ?? '');
  process.exit(1);
});

const { values } = parseArgs({
  options: {
    members: { type: 'string', default: '100000' },
    runs: { type: 'string' },
    'heavy-runs': { type: 'string' },
    outbox: { type: 'string' },
    'import-rows': { type: 'string' },
    'no-ui': { type: 'boolean', default: false },
    'no-import-passwords': { type: 'boolean', default: false },
    'slow-sql': { type: 'string' },
  },
});
const int = (value: string | undefined, name: string): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got "${value}"`);
  return n;
};

const options = defaultOptions(int(values.members, 'members')!);
options.runs = int(values.runs, 'runs') ?? options.runs;
options.heavyRuns = int(values['heavy-runs'], 'heavy-runs') ?? Math.min(options.heavyRuns, options.runs);
options.outboxCount = int(values.outbox, 'outbox') ?? options.outboxCount;
options.importRows = int(values['import-rows'], 'import-rows') ?? options.importRows;
options.ui = !values['no-ui'];
options.importPasswords = !values['no-import-passwords'];

const slowSqlMs = int(values['slow-sql'], 'slow-sql');
if (slowSqlMs !== undefined) watchSlowSql(slowSqlMs);

const report = await runBench(options);
const file = join(root, 'bench/results.json');
writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
console.log(
  `\nNexus Admin bench: ${report.members} members, ${report.machine.cpus} cores, ${report.machine.node}, ${(report.durationMs / 1000).toFixed(0)} s\n`,
);
console.log(formatTable(report));
if (slowSqlMs !== undefined) console.log(`\n${slowSqlReport().join('\n')}`);
console.log(`\nwritten ${file}`);
const failed = report.rows.filter((r) => r.pass === false);
if (failed.length > 0) console.log(`targets not met: ${failed.map((r) => r.id).join(', ')}`);
