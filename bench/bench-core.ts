import type { CommandResult } from '../shared/contract/errors';
import type { MembersQueryResult } from '../shared/contract/members';
import { createCore } from '../electron/core/create-core';
import { ORG, OWNER, type BenchRig } from './rig';
import type { StallWatch } from './stalls';

export type BenchCore = Awaited<ReturnType<typeof createCore>> & {
  dataDir: string;
  call<T = unknown>(command: string, input?: unknown): Promise<T>;
};

/** The real core on a fresh data dir, periodic sync off so the bench decides when it syncs. */
export async function startBenchCore(rig: BenchRig, dataDir: string): Promise<BenchCore> {
  const core = await createCore({
    dataDir,
    secretStore: rig.secretStore,
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
 * One full sync into an empty cache: sign in (not timed; the owner belongs to several orgs so none
 * is picked yet), then time choosing the org until sync.now has the whole org in the cache.
 */
export async function coreFullSync(
  rig: BenchRig,
  dataDir: string,
  stalls?: StallWatch,
): Promise<{ core: BenchCore; ms: number; total: number; rssMb: number }> {
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
  await core.call('sync.now');
  const ms = performance.now() - start;
  // Until the list can answer from memory again (the member index is rebuilt in slices after a sync).
  const { total } = await core.call<MembersQueryResult>('members.query', { limit: 1 });
  await core.call<MembersQueryResult>('members.query', { text: 'a', limit: 100 });
  stalls?.stop();
  return { core, ms, total, rssMb: process.memoryUsage().rss / 2 ** 20 };
}
