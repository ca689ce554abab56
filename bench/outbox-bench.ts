import type { SyncStatus } from '../shared/contract/sync';
import type { BenchCore } from './bench-core';
import { bareInvites } from './floor';
import { ROLE_MEMBER, type BenchRig } from './rig';

const emails = (tag: string, count: number) =>
  Array.from({ length: count }, (_, i) => `bench.${tag}.${i}@invite.acme.test`);

/**
 * Outbox replay: with the sandbox stopped the console queues `count` invitations (offline, as an
 * admin on a plane would); the sandbox comes back on the same port and sync.now is timed until
 * every entry is sent and the cache has caught up. The floor: the same number of invitations
 * POSTed one after another with plain fetch, to a sandbox restarted the same way just before.
 */
export async function measureOutbox(
  rig: BenchRig,
  core: BenchCore,
  runs: number,
  count: number,
  log: (line: string) => void,
) {
  const coreMs: number[] = [];
  const bareMs: number[] = [];
  const runTag = Date.now().toString(36);
  for (let run = 0; run < runs; run++) {
    // The console's replay talks to a sandbox that was just restarted on its port, and in this
    // process every request to a restarted sandbox opens a new connection (undici's pool; seen
    // with plain fetch as well: 1 connect per POST after a restart, 1 in all before). The bare
    // loop gets the same restarted server, so both pay the same connection setup.
    await rig.stopSandbox();
    await rig.startSandbox();
    const token = await rig.token();
    const start = performance.now();
    const created = await bareInvites(rig, token, emails(`${runTag}b${run}`, count), ROLE_MEMBER);
    bareMs.push(performance.now() - start);
    if (created !== count) throw new Error(`bare invitations: ${created} of ${count} created`);

    await rig.stopSandbox();
    for (const email of emails(`${runTag}c${run}`, count))
      await core.call('members.invite', { email, roleId: ROLE_MEMBER });
    const queued = await core.call<SyncStatus>('sync.status');
    if (queued.queued !== count) throw new Error(`expected ${count} queued, the outbox has ${queued.queued}`);
    await rig.startSandbox();
    const replayStart = performance.now();
    const status = await core.call<SyncStatus>('sync.now');
    coreMs.push(performance.now() - replayStart);
    if (status.queued !== 0 || status.needsAttention !== 0)
      throw new Error(
        `after replay: ${status.queued} queued, ${status.needsAttention} need attention (${status.reason})`,
      );
    log(`outbox run ${run + 1}/${runs}: core ${coreMs.at(-1)!.toFixed(0)} ms, bare ${bareMs.at(-1)!.toFixed(0)} ms`);
  }
  return { coreMs, bareMs };
}
