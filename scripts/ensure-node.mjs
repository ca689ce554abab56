// Entry of the package.json scripts that run TypeScript (start, sandbox, test, bench...).
// Plain JavaScript on purpose: it must run on the machine's own Node (20 on a fresh machine) to
// install the dependencies and hand over to the project's Node 24 from node_modules/.bin.
// Usage: node scripts/ensure-node.mjs <file.ts> [args...]
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { constants } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const MIN_NODE = [22, 12];
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const projectNode = path.join(root, 'node_modules', '.bin', 'node');
// Outside node_modules, which npm ci deletes first.
const installLog = path.join(root, 'out', 'logs', 'npm-install.log');

function fail(message) {
  console.error(`ensure-node: ${message}`);
  process.exit(1);
}

function nodeIsNewEnough(version) {
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
  return major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1]);
}

/** Why node_modules does not match package-lock.json, or null when it does. */
function staleReason() {
  const hidden = path.join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(hidden)) return 'node_modules is missing';
  // Compare versions, not timestamps: `npm install X` rewrites both lockfiles in an order that
  // would make a timestamp check re-install a tree that is in fact current.
  const wanted = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')).packages ?? {};
  const have = JSON.parse(readFileSync(hidden, 'utf8')).packages ?? {};
  for (const [key, entry] of Object.entries(wanted)) {
    // Skip the root and optional packages, which npm leaves out on other platforms.
    if (key === '' || entry.optional || entry.devOptional || entry.link) continue;
    if (have[key]?.version !== entry.version) {
      return `node_modules is out of date with package-lock.json (${key.replace(/^.*node_modules\//, '')})`;
    }
  }
  return null;
}

/**
 * Installs the dependencies quietly: a first start on the system's Node 20 makes npm print
 * screens of EBADENGINE warnings (the packages want Node 24, which this install brings along),
 * so the terminal gets two lines and the full npm output goes to a file.
 */
function npmCi(reason) {
  const shownLog = path.relative(process.cwd(), installLog) || installLog;
  console.error(`Installing dependencies with npm ci (${reason}); this can take a few minutes.`);
  console.error(`  The full install log is in ${shownLog}`);
  mkdirSync(path.dirname(installLog), { recursive: true });
  const log = openSync(installLog, 'w');
  const started = Date.now();
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: ['ignore', log, log] });
  closeSync(log);
  if (result.status !== 0) {
    const lines = readFileSync(installLog, 'utf8').trimEnd().split('\n');
    const errors = lines.filter((line) => /\bERR!/.test(line));
    console.error((errors.length > 0 ? errors : lines).slice(-20).join('\n'));
    fail(`npm ci failed (exit ${result.status ?? result.signal}); the full log is in ${shownLog}`);
  }
  console.error(`Dependencies installed in ${Math.round((Date.now() - started) / 1000)} s.`);
}

function pickNode() {
  if (nodeIsNewEnough(process.version)) return process.execPath;
  if (!existsSync(projectNode)) {
    npmCi(`Node ${process.version} is older than ${MIN_NODE.join('.')} and node_modules/.bin/node is missing`);
  }
  if (!existsSync(projectNode)) {
    fail(
      'node_modules/.bin/node is still missing after npm ci. The devDependency "node" installs it from ' +
        'its preinstall script: check that package.json "allowScripts" allows "node".',
    );
  }
  const probe = spawnSync(projectNode, ['--version'], { encoding: 'utf8' });
  if (probe.status !== 0 || !nodeIsNewEnough(probe.stdout.trim())) {
    fail(
      `node_modules/.bin/node does not run as Node >= ${MIN_NODE.join('.')} (${probe.stdout?.trim() || probe.error})`,
    );
  }
  return projectNode;
}

const [file, ...args] = process.argv.slice(2);
if (!file) fail('usage: node scripts/ensure-node.mjs <file.ts> [args...]');

const reason = staleReason();
if (reason) npmCi(reason);
const node = pickNode();

// Whatever the script starts (tsc, eslint, vitest, playwright...) should find Node 24 first too.
const env = {
  ...process.env,
  PATH: `${path.join(root, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH ?? ''}`,
};
// tsx's loader by absolute URL, so the script may be started from any working directory.
const tsx = pathToFileURL(path.join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const child = spawn(node, ['--import', tsx, path.resolve(file), ...args], { stdio: 'inherit', env });

// A terminal's Ctrl-C reaches the whole process group, the child included: stay alive until the
// child has finished, and pass on signals sent to this process alone (kill PID, CI timeouts).
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  });
}
child.on('error', (error) => fail(`could not start ${node}: ${error.message}`));
child.on('exit', (code, signal) => {
  if (signal) {
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
    // Not every signal ends a process by default; fall back to the shell convention.
    setTimeout(() => process.exit(128 + (constants.signals[signal] ?? 0)), 100);
    return;
  }
  process.exit(code ?? 1);
});
