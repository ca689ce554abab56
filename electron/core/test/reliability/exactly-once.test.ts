// 1,000 actions queued offline, synced through injected faults while the core process is
// SIGKILLed and restarted: every action lands exactly once or is shown as rejected with its reason.
// Run under scripts/with-keyring.sh (npm test does): the core keeps secrets in a real Secret Service.
import { afterAll, describe, expect, it } from 'vitest';
import type { Member } from '../../../../shared/api';
import type { OutboxEntry } from '../../../../shared/contract/outbox';
import { seededRandom } from '../../../../shared/seeded-random';
import { ActionModel, type ModelMember } from './action-mix';
import { printFigures, printSeed } from './figures';
import { ACME, OWNER, StressRig, temporaryPassword, TEST_ADMIN_PASSWORD } from './stress-rig';
import { startCoreWorker, type CoreWorker } from './worker-client';

const ACTIONS = Number(process.env.NEXUS_STRESS_ACTIONS ?? 1000);
const KILLS = Number(process.env.NEXUS_STRESS_KILLS ?? 4);
const SEED = Number(process.env.NEXUS_STRESS_SEED ?? Date.now() % 1_000_000);
const FAULTS = `rate=0.2;kinds=500,reset,timeout,429;seed=${SEED};timeoutMs=700`;
const REQUEST_TIMEOUT_MS = 500;

const RESERVED_ACTIVE = [
  'aisha.khan@acme.test',
  'ben.carter@acme.test',
  'chloe.dubois@acme.test',
  'farid.haddad@acme.test',
];
const FOREIGN_USERS = ['dana@globex.test', 'ada.lovelace@acme-labs.test', 'alan.turing@acme-labs.test'];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('exactly once through faults and crashes', () => {
  const rig = new StressRig();
  const random = seededRandom(SEED);
  let worker: CoreWorker | null = null;
  const startWorker = async () => {
    worker = await startCoreWorker({
      dataDir: rig.dataDir,
      keychainService: rig.keychainService,
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
    });
    return worker;
  };

  afterAll(async () => {
    await worker?.close().catch(() => undefined);
    await rig.close();
  });

  it(`queues ${ACTIONS} actions offline and syncs each exactly once while the core is killed ${KILLS} times`, async () => {
    printSeed('exactly once through faults and crashes', 'NEXUS_STRESS_SEED', SEED);
    const started = performance.now();
    // --- a population to act on: pending invitations, accounts made by an admin, accepted invitations
    await rig.start();
    const setup: Promise<unknown>[] = [];
    for (let i = 0; i < 60; i++)
      setup.push(
        rig.call('POST', `/orgs/${ACME}/invitations`, {
          email: `pre.inv.${i}@example.test`,
          roleId: 'role_acme_member',
        }),
      );
    for (let i = 0; i < 40; i++) {
      setup.push(
        rig.call('POST', `/orgs/${ACME}/members`, {
          email: `pre.made.${i}@example.test`,
          name: `Pre Made ${i}`,
          roleId: 'role_acme_member',
          temporaryPassword: temporaryPassword(random),
        }),
      );
    }
    for (let i = 0; i < 30; i++)
      setup.push(
        rig.call('POST', `/orgs/${ACME}/invitations`, {
          email: `pre.act.${i}@example.test`,
          roleId: 'role_acme_accountant',
        }),
      );
    await Promise.all(setup);
    for (let i = 0; i < 30; i++)
      expect(await rig.accept(`pre.act.${i}@example.test`, temporaryPassword(random))).toBe(200);
    const before = await rig.members();

    // --- the console signs in and syncs, then the server goes away
    let core = await startWorker();
    // The core's 500 ms request timeout is for the fault run; on a loaded machine the sandbox's
    // scrypt can take longer than that, so sign-in is tried again until the server answers.
    let signedIn = await core.dispatch('session.signIn', {
      serverUrl: rig.url,
      email: OWNER,
      password: TEST_ADMIN_PASSWORD,
    });
    for (let tries = 1; !signedIn.ok && signedIn.error.code === 'server_unreachable' && tries < 10; tries++) {
      signedIn = await core.dispatch('session.signIn', {
        serverUrl: rig.url,
        email: OWNER,
        password: TEST_ADMIN_PASSWORD,
      });
    }
    expect(signedIn).toMatchObject({ ok: true, value: { outcome: 'signedIn' } });
    await core.call('orgs.select', { orgId: ACME });
    await core.call('sync.now');
    expect((await core.call('members.query', { includeRemoved: true, limit: 500 })).total).toBe(before.length);
    await rig.stop();

    // --- 1,000 actions, queued offline through the real dispatch
    const model = new ActionModel(before, OWNER, RESERVED_ACTIVE, FOREIGN_USERS, random, () =>
      temporaryPassword(random),
    );
    const queueStarted = performance.now();
    for (let done = 0; done < ACTIONS;) {
      const action = model.next();
      const result = await core.dispatch(action.command, action.input);
      if (!result.ok) {
        // The model only proposes what the console accepts; a refusal here is a bug in one of them.
        throw new Error(`${action.label} refused offline: ${JSON.stringify(result.error)}`);
      }
      const { outboxId, memberId } = result.value as { outboxId: string; memberId: string };
      action.apply(model, outboxId, memberId);
      done++;
    }
    const queueSeconds = (performance.now() - queueStarted) / 1000;
    const queued = (await core.call('outbox.list')).items as OutboxEntry[];
    const expectedOpen = [...model.outcomes.values()].filter((o) => o.kind !== 'dropped').length;
    expect(queued).toHaveLength(expectedOpen);
    // An offline cycle may be holding one entry as `sending` at this instant; nothing is rejected yet.
    expect(queued.filter((e) => e.state !== 'queued' && e.state !== 'sending')).toEqual([]);

    // --- back online, with faults; SIGKILL the core at random moments and start it again
    rig.skewMs = 2 * 60_000; // the setup's invitations are now resendable (once a minute)
    await rig.start(FAULTS);
    const syncStarted = performance.now();
    void core.dispatch('sync.now').catch(() => undefined);
    const kills: { atMs: number; open: number }[] = [];
    for (let k = 0; k < KILLS; k++) {
      await sleep(800 + random() * 3500);
      const open = (await core.call('outbox.list').catch(() => ({ items: [] }))).items.length;
      await core.kill();
      kills.push({ atMs: Math.round(performance.now() - syncStarted), open });
      core = await startWorker();
    }

    // --- let it finish; nudge only when nothing moves for a while
    const openCount = async () =>
      ((await core.call('outbox.list')).items as OutboxEntry[]).filter((e) => e.state !== 'needs_attention');
    let last = -1;
    let still = 0;
    const deadline = Date.now() + 300_000;
    let flushedResends = false;
    for (;;) {
      const open = await openCount();
      if (open.length === 0) break;
      if (Date.now() > deadline)
        throw new Error(`sync did not finish: ${open.length} open, e.g. ${JSON.stringify(open.slice(0, 3))}`);
      if (open.length === last) still++;
      else still = 0;
      last = open.length;
      if (still >= 6) {
        // A second resend waits for the server's minute (429 + Retry-After): move the server's clock, not the test's.
        if (!flushedResends && open.some((e) => e.kind === 'resendInvite' && e.lastError?.code === 'rate_limited')) {
          rig.skewMs += 61_000;
          flushedResends = true;
        }
        await core.call('sync.now');
        still = 0;
      }
      await sleep(500);
    }
    await core.call('sync.now');
    const syncSeconds = (performance.now() - syncStarted) / 1000;
    const stats = await rig.stats();
    await rig.stop();
    await rig.start(); // no faults for reading the outcome

    // --- nothing applied twice, counted from the server's state against the model (not from the
    // sandbox's own per-key bookkeeping, which cannot see a change sent again under a new key)
    const after = new Map((await rig.members()).map((m) => [m.email, m]));
    const duplicates = effectsBeyondModel(model.members, after);
    console.log(
      `duplicate effects: ${duplicates.length} from the server's state vs the model, ${stats.duplicateEffects} by the sandbox's per-key count`,
      duplicates.slice(0, 5),
    );
    expect(duplicates).toEqual([]);

    // --- the server equals the model
    const mismatches: string[] = [];
    for (const expected of model.members.values()) {
      const actual = after.get(expected.email);
      const problem = compare(expected, actual);
      if (problem) mismatches.push(`${expected.email}: ${problem}`);
    }
    expect(mismatches).toEqual([]);
    expect([...after.keys()].filter((email) => !model.members.has(email))).toEqual([]);

    // --- the last temporary password of every managed account is the one the server holds
    let passwordsChecked = 0;
    for (const m of model.members.values()) {
      if (m.password === null || m.status !== 'active') continue;
      const result = await rig.api.request('POST', '/auth/sessions', {
        body: { email: m.email, password: m.password },
      });
      expect(result.status, `sign-in of ${m.email} with its last temporary password`).toBe(403);
      expect(result.body.code).toBe('password_change_required');
      passwordsChecked++;
    }

    // --- rejections are visible with their reason; nothing queued or sending; no stray secret
    const final = (await core.call('outbox.list')).items as OutboxEntry[];
    const rejected = [...model.outcomes.entries()].filter(([, o]) => o.kind === 'rejected') as [
      string,
      { kind: 'rejected'; code: string },
    ][];
    expect(final.map((e) => [e.id, e.state, e.lastError?.code]).sort()).toEqual(
      rejected.map(([id, o]) => [id, 'needs_attention', o.code]).sort(),
    );
    expect(final.every((e) => (e.lastError?.message.length ?? 0) > 10)).toBe(true);
    const secretsHeld = (await rig.outboxSecrets()).sort();
    expect(secretsHeld).toEqual(
      final
        .filter((e) => e.hasSecret)
        .map((e) => `outbox:${e.id}`)
        .sort(),
    );
    for (const entry of final) await core.call('outbox.discard', { id: entry.id });
    expect(await rig.outboxSecrets()).toEqual([]);

    // --- and the console's cache agrees with the server
    await core.call('sync.now');
    const cached = (await core.call('members.query', {
      includeRemoved: true,
      limit: 500,
      sort: { field: 'email', direction: 'asc' },
    })) as { rows: Member[]; total: number };
    expect(cached.total).toBe(after.size);
    await core.close();

    printFigures('exactly once through faults and crashes', {
      seed: SEED,
      actions: ACTIONS,
      'actions by kind': Object.fromEntries([...model.counts.entries()].sort()),
      'rejected by the server (shown, with reason)': rejected.length,
      'faults injected': stats.faultsInjected,
      'faults injected (total)': Object.values(stats.faultsInjected).reduce((a, b) => a + b, 0),
      'server requests': stats.requests,
      'server effects': stats.effects,
      'idempotent replays': stats.idempotentReplays,
      'duplicate effects (server state vs model)': duplicates.length,
      'duplicate effects (sandbox, per key)': stats.duplicateEffects,
      'SIGKILLs (ms after sync start, entries open)': kills.map((k) => `${k.atMs} ms/${k.open}`).join(', '),
      kills: kills.length,
      'temporary passwords verified by sign-in': passwordsChecked,
      'queue offline (s)': queueSeconds.toFixed(1),
      'sync through faults and kills (s)': syncSeconds.toFixed(1),
      'total (s)': ((performance.now() - started) / 1000).toFixed(1),
    });
  }, 480_000);
});

/**
 * Effects the server shows beyond the model's: every role change, removal, password set and
 * resend bumps a member's version (and a resend its invitation's send count), so a change applied
 * twice leaves the version (or send count) above the model's; a create or invite applied twice,
 * a member the model does not have.
 */
function effectsBeyondModel(expected: Map<string, ModelMember>, actual: Map<string, Member>): string[] {
  const extra: string[] = [];
  for (const [email, member] of actual) {
    const want = expected.get(email);
    if (!want) {
      extra.push(`${email}: on the server, not in the model`);
      continue;
    }
    if (want.status === 'absent' || want.status === 'gone') continue; // reported by the comparison below
    if (member.version > want.version) extra.push(`${email}: ${member.version - want.version} change(s) too many`);
    const sends = member.invitation?.sendCount ?? null;
    if (sends !== null && want.sendCount !== null && sends > want.sendCount)
      extra.push(`${email}: ${sends - want.sendCount} invitation send(s) too many`);
  }
  return extra;
}

function compare(expected: ModelMember, actual: Member | undefined): string | null {
  if (expected.status === 'absent' || expected.status === 'gone')
    return actual ? `expected no member (${expected.status}), got ${actual.status}` : null;
  if (!actual) return `missing, expected ${expected.status}`;
  const want = {
    status: expected.status,
    roleId: expected.roleId,
    origin: expected.origin,
    version: expected.version,
    sendCount: expected.sendCount,
  };
  const got = {
    status: actual.status,
    roleId: actual.roleId,
    origin: actual.origin,
    version: actual.version,
    sendCount: actual.invitation?.sendCount ?? null,
  };
  if (expected.status === 'removed') {
    want.sendCount = null;
    got.sendCount = null;
  }
  return JSON.stringify(want) === JSON.stringify(got)
    ? null
    : `expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`;
}
