import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { CommandResult } from '../shared/contract/errors';
import type { MembersQueryResult } from '../shared/contract/members';
import type { CacheStore } from '../electron/core/cache/cache-store';
import { createCore } from '../electron/core/create-core';
import type { SecretStore } from '../electron/core/secrets/secret-store';
import { rssAfterGcMb } from './memory';
import { ORG, OWNER, type BenchRig } from './rig';
import type { StallWatch } from './stalls';

export type BenchCore = Awaited<ReturnType<typeof createCore>> & {
  dataDir: string;
  call<T = unknown>(command: string, input?: unknown): Promise<T>;
};

/** The real core on a fresh data dir, periodic sync off so the bench decides when it syncs. */
export async function startBenchCore(
  rig: BenchRig,
  dataDir: string,
  secretStore: SecretStore = rig.secretStore,
): Promise<BenchCore> {
  const core = await createCore({
    dataDir,
    secretStore,
    syncIntervalMs: 0,
    requestTimeoutMs: 60_000,
    defaultServerUrl: rig.url,
  });
  const call = async <T>(command: string, input?: unknown): Promise<T> => {
    const result = (await core.dispatch(command, input)) as CommandResult<T>;
    if (!result.ok) throw new Error(`${command} failed: ${JSON.stringify(result.error)}`);
    return result.value;
  };
  return Object.assign(core, { dataDir, call });
}

/**
 * Resolves once the members list answers from memory again: after a full listing core rebuilds its
 * member index in slices between other work, and until then a big org's queries wait for it
 * (`cache/member-index-wait.ts`). Core has no command that says so; the bench asks the cache
 * object the session holds (bench-only reach into core's internals; the same `fresh` a query calls).
 */
export async function memberIndexReady(core: BenchCore, orgId = ORG): Promise<void> {
  const cache = (core.session as unknown as { deps?: { cache?: CacheStore } }).deps?.cache;
  if (!cache?.memberIndex) throw new Error('bench: cannot reach core’s member index (update memberIndexReady)');
  while (!cache.memberIndex.fresh(orgId)) await new Promise((resolve) => setTimeout(resolve, 20));
}

export interface CoreFullSync {
  core: BenchCore;
  /** orgs.select + sync.now until the whole org is in the cache. */
  ms: number;
  /** From the same start until the list answers from memory (the member index rebuilt). */
  readyMs: number;
  total: number;
  /** This process's RSS after the sync and the index build (after a GC). */
  rssMb: number;
  /** What this core added to the process's RSS: rssMb minus the RSS just before it started (both after a GC). */
  coreRssMb: number;
}

/**
 * One full sync into an empty cache: sign in (not timed; the owner belongs to several orgs so none
 * is picked yet), then time choosing the org until sync.now has the whole org in the cache, and
 * until the list answers from memory. The stall watch covers both.
 */
export async function coreFullSync(rig: BenchRig, dataDir: string, stalls?: StallWatch): Promise<CoreFullSync> {
  const rssBeforeMb = rssAfterGcMb();
  const core = await startBenchCore(rig, dataDir);
  const signedIn = await core.call<{ outcome: string }>('session.signIn', {
    serverUrl: rig.url,
    email: OWNER,
    password: rig.password,
  });
  if (signedIn.outcome !== 'signedIn') throw new Error(`sign-in: ${signedIn.outcome}`);
  await core.call('sync.now');
  await stalls?.start();
  const start = performance.now();
  await core.call('orgs.select', { orgId: ORG });
  // The list opens on the chosen org and asks its first page at once, as the renderer does (the
  // org's first plain page is the one query core answers by SQL while its index builds).
  await core.call('members.query', { limit: 100 });
  await core.call('sync.now');
  const ms = performance.now() - start;
  // What the list asks after the sync (each waits for the member index rebuilt in slices).
  const { total } = await core.call<MembersQueryResult>('members.query', { limit: 1 });
  await core.call<MembersQueryResult>('members.query', { text: 'a', limit: 100 });
  await memberIndexReady(core);
  const readyMs = performance.now() - start;
  stalls?.stop();
  const rssMb = rssAfterGcMb();
  return { core, ms, readyMs, total, rssMb, coreRssMb: rssMb - rssBeforeMb };
}

/**
 * A second core holding the whole org without paying for another full sync (≈ 1.5–5 min at a
 * million members on this machine): the first core's cache.db and local.db are copied with
 * SQLite's online backup (the first core stays open; WAL lets a reader in), the copy signs in
 * as the same admin under its own keychain service (so the cache is kept: same account), and
 * its sync.now is a delta from the copied sync token.
 */
export async function coreFromCopy(rig: BenchRig, from: BenchCore, dataDir: string): Promise<BenchCore> {
  for (const file of ['cache.db', 'local.db']) {
    const source = new Database(join(from.dataDir, file), { readonly: true, fileMustExist: true });
    try {
      await source.backup(join(dataDir, file));
    } finally {
      source.close();
    }
  }
  const core = await startBenchCore(rig, dataDir, rig.copySecretStore);
  const signedIn = await core.call<{ outcome: string }>('session.signIn', {
    serverUrl: rig.url,
    email: OWNER,
    password: rig.password,
  });
  if (signedIn.outcome !== 'signedIn') throw new Error(`sign-in: ${signedIn.outcome}`);
  await core.call('orgs.select', { orgId: ORG });
  await core.call('sync.now');
  return core;
}
