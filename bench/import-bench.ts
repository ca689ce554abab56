import type { ImportLookupResult } from '../shared/contract/imports';
import type { MembersQueryResult } from '../shared/contract/members';
import { readImportFile } from '../shared/csv/read-import-file';
import { checkImportRows } from '../shared/csv/validate-import';
import { coreFromCopy, type BenchCore } from './bench-core';
import { ROLE_MEMBER, type BenchRig } from './rig';
import { markPhase } from './slow-sql';
import { StallWatch } from './stalls';

/** A file in the console's template: half creates with a password from the file, half invites. */
function cohortFile(tag: string, rows: number, withPasswords: boolean): Uint8Array {
  const lines = ['email,name,role,password'];
  for (let i = 0; i < rows; i++)
    lines.push(
      `cohort.${tag}.${i}@import.acme.test,Cohort ${tag} ${i},member,${withPasswords && i % 2 === 0 ? `Cohort-Term-${i}-Walnut-Anchor` : ''}`,
    );
  return new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);
}

/** CPU time (ms) of the whole process (all threads: the cache worker, GC helpers) and of this thread. */
function cpuNow(): { process: number; thread: number } {
  const all = process.cpuUsage();
  const thread = process.threadCpuUsage();
  return { process: (all.user + all.system) / 1000, thread: (thread.user + thread.system) / 1000 };
}

/**
 * Parse, check (import.lookup + the shared rules) and queue one file, timed end to end. `log`
 * gets its CPU time too: on this shared machine the wall time follows the other jobs' load, the
 * CPU time much less (compare it between branches, not with the target).
 */
async function timedImport(
  core: BenchCore,
  roles: { id: string; name: string }[],
  bytes: Uint8Array,
  rows: number,
  log: (line: string) => void,
): Promise<number> {
  const cpuStart = cpuNow();
  const start = performance.now();
  const file = readImportFile(bytes);
  const known = await core.call<ImportLookupResult>('import.lookup', { emails: file.rows.map((row) => row.email) });
  const members = new Map(known.members.map(({ email, ...member }) => [email, member]));
  const check = checkImportRows(
    file.rows,
    new Map(),
    { defaultRoleId: ROLE_MEMBER, withoutPassword: 'invite' },
    {
      roles,
      member: (email) => members.get(email) ?? null,
      accountExists: () => null,
    },
  );
  if (check.ready !== rows) throw new Error(`import check: ${check.ready} of ${rows} ready`);
  const byLine = new Map(file.rows.map((row) => [row.line, row]));
  const queued = await core.call<{ entries: unknown[] }>('import.queue', {
    rows: check.rows.map((row) => ({
      line: row.line,
      action: row.action,
      email: row.email,
      name: row.name,
      roleId: row.roleId,
      ...(row.password === 'file' ? { password: byLine.get(row.line)!.password } : {}),
    })),
  });
  const importMs = performance.now() - start;
  const cpuEnd = cpuNow();
  if (queued.entries.length !== rows) throw new Error(`import queued ${queued.entries.length} of ${rows}`);
  log(
    `  import CPU: process ${(cpuEnd.process - cpuStart.process).toFixed(0)} ms, main thread ${(cpuEnd.thread - cpuStart.thread).toFixed(0)} ms (wall ${importMs.toFixed(0)} ms)`,
  );
  return importMs;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * CSV import and export on a core that holds the whole org (its own data dir, a copy of the
 * bench's core's, brought up to date by a delta sync; not timed), with the sandbox stopped as for an admin preparing offline:
 * - a `rows`-row file of invites parsed, checked (import.lookup + the shared rules) and queued
 *   (import.queue), timed end to end; then another with half the rows creates with a password
 *   from the file (each to the real keychain), unless `withPasswords` is false;
 * - the first list page after them (the member index takes the imported rows in), timed alone;
 * - then, with those rows queued, one more queued change (members.invite followed by the first
 *   page of the list, what the UI asks after each change), `changes` times;
 * - an export of every member (members.export), `runs` times.
 */
export async function measureImport(
  rig: BenchRig,
  /** A core holding the whole org: the import's core starts from a copy of its files. */
  from: BenchCore,
  options: {
    rows: number;
    runs: number;
    changes: number;
    /** Half the rows carry a password (a keychain write each); false: invites only. */
    withPasswords?: boolean;
    log: (line: string) => void;
  },
) {
  const dir = await rig.tempDir('nexus-bench-import-');
  markPhase('import: core from a copy + delta sync');
  const core = await coreFromCopy(rig, from, dir);
  const { total } = await core.call<MembersQueryResult>('members.query', { limit: 1 });
  if (total < rig.members) throw new Error(`the import's core holds ${total} members of ${rig.members}`);
  try {
    markPhase('export');
    const exportMs: number[] = [];
    for (let run = 0; run < options.runs; run++) {
      const start = performance.now();
      const exported = await core.call<{ rows: number }>('members.export', {});
      exportMs.push(performance.now() - start);
      if (exported.rows < rig.members) throw new Error(`export: ${exported.rows} rows of ${rig.members}`);
    }
    options.log(`export: ${exportMs.map((ms) => ms.toFixed(0)).join(', ')} ms`);

    markPhase('CSV import');
    await rig.stopSandbox();
    await core.call('sync.now');
    const roles = await core.call<{ items: { id: string; name: string }[] }>('roles.list');
    const tag = Date.now().toString(36);
    const importOnce = (fileTag: string, withPasswords: boolean) =>
      timedImport(core, roles.items, cohortFile(fileTag, options.rows, withPasswords), options.rows, options.log);
    // Invites only: parse, check, lookup, queue, index; no keychain (the part core controls alone).
    const importInvitesMs = await importOnce(`${tag}i`, false);
    options.log(`import of ${options.rows} rows, invites only: ${importInvitesMs.toFixed(0)} ms`);
    // Half the rows with a password: plus what the secret store costs for them.
    const importMs = options.withPasswords === false ? null : await importOnce(tag, true);
    if (importMs !== null)
      options.log(`import of ${options.rows} rows, half with passwords: ${importMs.toFixed(0)} ms`);

    markPhase('first page after the import');
    // The first list page after the import: the member index takes the 10,000 new rows in here
    // (one merge with the org's order, org-index-merge.ts); timed apart from the changes below.
    const firstPageStart = performance.now();
    await core.call<MembersQueryResult>('members.query', { limit: 100 });
    const firstPageMs = performance.now() - firstPageStart;
    options.log(`first list page after the import: ${firstPageMs.toFixed(0)} ms`);

    markPhase('one change after the import');
    const changeMs: number[] = [];
    const stalls = new StallWatch();
    for (let i = 0; i < options.changes; i++) {
      await stalls.start();
      const start = performance.now();
      await core.call('members.invite', { email: `one.more.${tag}.${i}@import.acme.test`, roleId: ROLE_MEMBER });
      await core.call<MembersQueryResult>('members.query', { limit: 100 });
      changeMs.push(performance.now() - start);
      // Apart, as an admin's clicks are: a kicked sync cycle may run in between, as in the app
      // (its stall counts: it is part of what one change costs).
      await new Promise((resolve) => setTimeout(resolve, 20));
      stalls.stop();
    }
    options.log(`one change with ${options.rows} queued: median ${median(changeMs).toFixed(1)} ms`);
    return { importMs, importInvitesMs, firstPageMs, changeMs, exportMs, changeStallMs: stalls.maxima };
  } finally {
    await core.close();
    if (!rig.sandbox) await rig.startSandbox();
  }
}
