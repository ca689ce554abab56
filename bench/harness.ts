import { cpus } from 'node:os';
import type Database from 'better-sqlite3';
import type { MembersQueryResult } from '../shared/contract/members';
import type { BenchCore } from './bench-core';
import { initialJsSize } from './bundle-size';
import { prepareBareSearch } from './floor';
import { measureImport } from './import-bench';
import { measureOutbox } from './outbox-bench';
import { measureScroll, measureSearch, realisticQueries } from './query-bench';
import { measureViews } from './view-bench';
import type { BenchReport, BenchRow } from './report';
import { BenchRig } from './rig';
import { markPhase } from './slow-sql';
import { measureFullSync, measureIncremental } from './sync-bench';
import {
  applyRatioTargets,
  fullSyncRows,
  importRows,
  incrementalRows,
  outboxRows,
  scrollRows,
  searchRow,
  stallRows,
  uiRows,
  viewRows,
} from './table';
import { measureUi } from './ui-bench';

export interface BenchOptions {
  members: number;
  /** Repeats of the cheap measurements (search, scroll, incremental). */
  runs: number;
  /** Repeats of the heavy ones (full sync, outbox replay, page loads). */
  heavyRuns: number;
  /** Invitations queued offline per outbox run. */
  outboxCount: number;
  /** Rows of the CSV import measured (and already queued when one more change is timed). */
  importRows: number;
  /** Also import a file whose creates carry passwords (a keychain write each; slow on a busy machine). */
  importPasswords: boolean;
  ui: boolean;
  scrollSteps: number;
  log: (line: string) => void;
}

export const defaultOptions = (members: number): BenchOptions => ({
  members,
  runs: 5,
  heavyRuns: 3,
  outboxCount: 1000,
  importRows: 10_000,
  importPasswords: true,
  ui: true,
  scrollSteps: 40,
  log: (line) => console.error(line),
});

/**
 * Runs every measurement in order on one sandbox; the core from the last full sync carries on.
 * Each measurement's rows (labels, targets) are table.ts.
 */
export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const started = performance.now();
  const { log } = options;
  const rows: BenchRow[] = [];
  const skipped: BenchReport['skipped'] = [];
  const { rig, seedMs, cached } = await BenchRig.start(options.members);
  log(
    `sandbox seeded with ${options.members} members in ${seedMs.toFixed(0)} ms${cached ? ' (copied from the seed cache)' : ''}`,
  );
  let core: BenchCore | null = null;
  let floorDb: Database.Database | null = null;
  try {
    const full = await measureFullSync(rig, options.heavyRuns, log);
    core = full.core;
    floorDb = full.floorDb;
    rows.push(...fullSyncRows(full));

    markPhase('bare search index (floor)');
    const bare = prepareBareSearch(floorDb);
    const bulkIds = (
      floorDb
        .prepare("SELECT id FROM bare WHERE role_id = 'role_acme_member' AND status = 'active' ORDER BY seq")
        .all() as { id: string }[]
    ).map((r) => r.id);
    const spread = bulkIds.filter(
      (_, index) => index % Math.max(1, Math.floor(bulkIds.length / (options.runs * 100))) === 0,
    );
    markPhase('incremental sync');
    const incremental = await measureIncremental(rig, core, spread, options.runs);
    rows.push(...incrementalRows(incremental));
    log(`incremental sync: ${incremental.ms.map((ms) => ms.toFixed(0)).join(', ')} ms`);

    const queries = realisticQueries(bare, options.members);
    // At a million the target is p95 ≤ 16 ms alone: the bare statements still check every
    // total and give the floor column, without their warm-up pass (seconds per short prefix).
    const million = options.members >= 1_000_000;
    markPhase('search');
    const search = await measureSearch(core, bare, queries, options.runs, !million);
    const searchLine = searchRow(search, queries.length, million);
    rows.push(searchLine);

    markPhase('scroll pages');
    const scroll = await measureScroll(core, bare, options.runs);
    rows.push(...scrollRows(scroll));

    // The list's other views from the member index (issue 16).
    const views = await measureViews(core, options.runs);
    rows.push(...viewRows(views));

    markPhase('outbox replay');
    const outbox = await measureOutbox(rig, core, options.heavyRuns, options.outboxCount, log);
    rows.push(...outboxRows(outbox, options.outboxCount));

    const csv = await measureImport(rig, core, {
      rows: options.importRows,
      runs: options.heavyRuns,
      changes: 20,
      withPasswords: options.importPasswords,
      log,
    });
    rows.push(...importRows(csv, options, skipped));

    rows.push(...stallRows(options.members, full, incremental.stallMs, csv.changeStallMs, search.stallMs));

    log(
      `search: p95 ${searchLine.value.p95.toFixed(1)} ms (bare ${searchLine.floor!.p95.toFixed(1)} ms); scroll pages max ${Math.max(...Object.values(scroll.byOffset).flat()).toFixed(1)} ms`,
    );

    if (options.ui) {
      const dataDir = core.dataDir;
      const listed = (await core.call<MembersQueryResult>('members.query', { limit: 1 })).total;
      await core.close();
      core = null;
      markPhase('UI');
      const ui = await measureUi(rig, dataDir, options.heavyRuns, options.scrollSteps, log).catch((error: unknown) => {
        // The rest of the table still stands; the reason shows under it.
        skipped.push({ id: 'ui', reason: error instanceof Error ? error.message.split('\n')[0]! : String(error) });
        return null;
      });
      if (ui) {
        const size = await initialJsSize(ui.build.webDir);
        rows.push(...uiRows(ui, listed, size));
      }
    } else {
      skipped.push({ id: 'ui', reason: 'UI part turned off (--no-ui)' });
    }
  } finally {
    floorDb?.close();
    await core?.close();
    await rig.close();
  }
  applyRatioTargets(rows);
  return {
    startedAt: new Date(Date.now() - (performance.now() - started)).toISOString(),
    machine: { cpus: cpus().length, node: process.version, platform: `${process.platform}-${process.arch}` },
    members: options.members,
    runs: options.runs,
    durationMs: performance.now() - started,
    rows,
    skipped,
  };
}
