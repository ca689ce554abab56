import type Database from 'better-sqlite3';
import type { MemberDetail } from '../shared/contract/members';
import { coreFullSync, type BenchCore } from './bench-core';
import { floorFullSync } from './floor';
import { ORG, OTHER_ADMIN, plainFetch, ROLE_ACCOUNTANT, type BenchRig } from './rig';
import { markPhase } from './slow-sql';
import { StallWatch } from './stalls';

export interface FullSyncResult {
  coreMs: number[];
  floorMs: number[];
  /** The last core run, left open with the org in its cache for the measurements that follow. */
  core: BenchCore;
  /** The last floor table, for the bare search statements. */
  floorDb: Database.Database;
  /** From orgs.select until the list answers from memory (the member index rebuilt), each core run. */
  readyMs: number[];
  /** Longest event-loop stall of each core run (from orgs.select until the list answers from memory). */
  stallMs: number[];
  /** This process's RSS after each core run (core, plus the sandbox and the floor table that share it). */
  rssMb: number[];
  /** What each core run added to that RSS (see coreFullSync). */
  coreRssMb: number[];
}

/** Core and floor alternate, so drift of the machine (other work, thermal) hits both alike. */
export async function measureFullSync(
  rig: BenchRig,
  runs: number,
  log: (line: string) => void,
): Promise<FullSyncResult> {
  const coreMs: number[] = [];
  const floorMs: number[] = [];
  let core: BenchCore | null = null;
  let floorDb: Database.Database | null = null;
  const stalls = new StallWatch();
  const rssMb: number[] = [];
  const coreRssMb: number[] = [];
  const readyMs: number[] = [];
  const expected = rig.members;
  for (let run = 0; run < runs; run++) {
    const token = await rig.token();
    const floorDir = await rig.tempDir('nexus-bench-floor-');
    floorDb?.close();
    markPhase('floor full sync');
    const startFloor = performance.now();
    const floor = await floorFullSync(rig, token, floorDir);
    floorMs.push(performance.now() - startFloor);
    floorDb = floor.db;
    if (floor.count < expected) throw new Error(`floor listed ${floor.count} members, expected at least ${expected}`);

    await core?.close();
    markPhase('core full sync');
    const result = await coreFullSync(rig, await rig.tempDir('nexus-bench-core-'), stalls);
    coreMs.push(result.ms);
    rssMb.push(result.rssMb);
    coreRssMb.push(result.coreRssMb);
    readyMs.push(result.readyMs);
    core = result.core;
    if (result.total < expected) throw new Error(`core cached ${result.total} members, expected at least ${expected}`);
    log(
      `full sync run ${run + 1}/${runs}: core ${result.ms.toFixed(0)} ms (list from memory at ${result.readyMs.toFixed(0)} ms), floor ${floorMs.at(-1)!.toFixed(0)} ms, longest stall ${stalls.maxima.at(-1)!.toFixed(0)} ms, RSS ${result.rssMb.toFixed(0)} MB (core's share ${result.coreRssMb.toFixed(0)} MB)`,
    );
  }
  return { coreMs, floorMs, core: core!, floorDb: floorDb!, readyMs, stallMs: stalls.maxima, rssMb, coreRssMb };
}

/**
 * Another admin changes 100 members' roles through the API (not timed); then the console's
 * sync.now is timed: one delta listing applied to the cache. Each run touches fresh members.
 */
export async function measureIncremental(
  rig: BenchRig,
  core: BenchCore,
  memberIds: string[],
  runs: number,
): Promise<{ ms: number[]; stallMs: number[] }> {
  const token = await rig.token(OTHER_ADMIN);
  const samples: number[] = [];
  const stalls = new StallWatch();
  for (let run = 0; run < runs; run++) {
    const batch = memberIds.slice(run * 100, run * 100 + 100);
    if (batch.length < 100) throw new Error(`not enough members for incremental run ${run + 1}`);
    for (const id of batch) {
      const url = `${rig.apiUrl}/orgs/${ORG}/members/${encodeURIComponent(id)}`;
      const current = await plainFetch(url, { headers: { authorization: `Bearer ${token}` } });
      const etag = current.headers.get('etag');
      await current.text();
      const changed = await plainFetch(url, {
        method: 'PATCH',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'if-match': etag ?? '',
          'idempotency-key': crypto.randomUUID(),
        },
        body: JSON.stringify({ roleId: ROLE_ACCOUNTANT }),
      });
      if (changed.status !== 200) throw new Error(`PATCH ${id} answered ${changed.status}: ${await changed.text()}`);
      await changed.text();
    }
    await stalls.start();
    const start = performance.now();
    await core.call('sync.now');
    samples.push(performance.now() - start);
    // The page the list asks next, after the index took the changed rows in.
    await core.call('members.query', { limit: 100 });
    stalls.stop();
    const detail = await core.call<MemberDetail>('members.get', { memberId: batch[99] });
    if (detail.member.roleId !== ROLE_ACCOUNTANT) throw new Error('incremental sync did not bring the changed role');
  }
  return { ms: samples, stallMs: stalls.maxima };
}
