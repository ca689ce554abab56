import { describe, expect, it } from 'vitest';
import { IMPORT_HISTORY_KEPT } from '../../../shared/contract/imports';
import { LocalStore } from '../local-store/local-store';
import { createLogger } from '../logger';
import { batchedSecretStore } from '../secrets/batched-secret-store';
import { DEMO, ROLE, diskBytes, expectNoSecretsOnDisk, signIn, useSandboxCore } from './harness';

const FILE_PASSWORD = 'Kept-Record-Lighthouse-73';
const LEFT_OUT_PASSWORD = 'Never-Stored-Marmalade-19';
const rows = [
  {
    line: 2,
    action: 'create',
    email: 'hist.create@example.com',
    name: 'Hist Create',
    roleId: ROLE.member,
    password: FILE_PASSWORD,
  },
  { line: 3, action: 'create', email: 'hist.generated@example.com', name: 'Hist Generated', roleId: ROLE.hr },
  { line: 4, action: 'invite', email: 'hist.invite@example.com', name: '', roleId: ROLE.member },
  // Exists in another org: the server refuses a create (user_exists); the results say why.
  {
    line: 6,
    action: 'create',
    email: DEMO.outsider,
    name: 'Dana Elsewhere',
    roleId: ROLE.member,
    password: FILE_PASSWORD,
  },
];
const file = { name: 'google-cohort.csv', format: 'google' };
const notQueued = [
  {
    line: 5,
    email: 'not an email',
    name: 'Typo Row',
    role: 'Member',
    action: 'invite',
    reason: '“not an email” is not a valid email address.',
  },
];

describe('Import records kept by core (import.history): over a restart, with outcomes, bounded, never a password', () => {
  const DAY = 24 * 3600 * 1000;
  let clock = Date.now();
  const now = () => new Date(clock);
  const env = useSandboxCore({ now });
  let importId: string;
  let ids: string[];

  it('queued offline: the record names the file, its format, each row and the outbox entry it became, or why not', async () => {
    await env.sandbox.close();
    expect((await env.core.call('sync.now')).state).toBe('offline');
    const queued = await env.core.call('import.queue', {
      rows,
      file,
      // A password sent along with a row that was not queued is not part of the record's schema: dropped.
      notQueued: notQueued.map((row) => ({ ...row, password: LEFT_OUT_PASSWORD })),
    });
    importId = queued.importId;
    ids = queued.entries.map((entry: { outboxId: string }) => entry.outboxId);
    const { imports } = await env.core.call('import.history');
    expect(imports).toHaveLength(1);
    expect(imports[0]).toMatchObject({ id: importId, fileName: 'google-cohort.csv', format: 'google', notHeld: 0 });
    expect(imports[0].rows).toEqual([
      {
        line: 2,
        email: 'hist.create@example.com',
        name: 'Hist Create',
        role: 'member',
        action: 'create',
        outboxId: ids[0],
        reason: '',
      },
      {
        line: 3,
        email: 'hist.generated@example.com',
        name: 'Hist Generated',
        role: expect.any(String),
        action: 'create',
        outboxId: ids[1],
        reason: '',
      },
      {
        line: 4,
        email: 'hist.invite@example.com',
        name: '',
        role: 'member',
        action: 'invite',
        outboxId: ids[2],
        reason: '',
      },
      { ...notQueued[0], outboxId: null },
      {
        line: 6,
        email: DEMO.outsider,
        name: 'Dana Elsewhere',
        role: 'member',
        action: 'create',
        outboxId: ids[3],
        reason: '',
      },
    ]);
    expect(JSON.stringify(imports)).not.toContain(FILE_PASSWORD);
    expect(JSON.stringify(imports)).not.toContain(LEFT_OUT_PASSWORD);
  });

  it('bad input is refused with the field named, and nothing is queued or recorded', async () => {
    const outboxBefore = (await env.core.call('outbox.list')).items.length;
    const refused = await env.core.fail('import.queue', {
      rows: [{ ...rows[2], email: 'other.invite@example.com' }],
      file: { name: 'x.csv', format: 'excel' },
    });
    expect(refused.code).toBe('invalid_input');
    expect(refused.fields?.[0]?.path).toBe('file.format');
    const unnamed = await env.core.fail('import.queue', {
      rows: [{ ...rows[2], email: 'other.invite@example.com' }],
      file: { name: '   ', format: 'console' },
    });
    expect(unnamed.fields?.[0]?.path).toBe('file.name');
    expect((await env.core.call('outbox.list')).items).toHaveLength(outboxBefore);
    expect((await env.core.call('import.history')).imports.map((i: { id: string }) => i.id)).toEqual([importId]);
  });

  it('after a restart the record is still there; outcomes follow the outbox: created, invited, rejected with the reason', async () => {
    const generated = await batchedSecretStore(env.secretStore).get(`outbox:${ids[1]}`);
    expect(generated).toBeTruthy();
    await env.core.close();
    // The byte scan: neither the file's nor the generated password is in local.db / cache.db.
    expect(expectNoSecretsOnDisk(env.dataDir, [FILE_PASSWORD, generated!, LEFT_OUT_PASSWORD])).toBe(3);
    await env.startSandbox();
    await env.startCore();
    const { imports } = await env.core.call('import.history');
    expect(imports.map((i: { id: string; fileName: string }) => [i.id, i.fileName])).toEqual([
      [importId, 'google-cohort.csv'],
    ]);

    expect((await env.core.call('sync.now')).state).toBe('idle');
    const results = (await env.core.call('import.results', { outboxIds: ids })).items;
    expect(results.map((r: { state: string }) => r.state)).toEqual(['done', 'done', 'done', 'needs_attention']);
    expect(results[3].error).toMatchObject({ code: 'user_exists' });
    await env.core.close();
    expect(expectNoSecretsOnDisk(env.dataDir, [FILE_PASSWORD, generated!])).toBe(2);
    await env.startCore();
  });

  it('a week later the sent entries are pruned from the outbox, and the results still say they were sent', async () => {
    await env.core.close();
    clock += 8 * DAY;
    await env.startCore();
    const results = (await env.core.call('import.results', { outboxIds: ids })).items;
    expect(results.map((r: { state: string }) => r.state)).toEqual(['done', 'done', 'done', 'needs_attention']);
    expect(results[0].memberId).toBeTruthy();
    // Pruned indeed: the outbox no longer has them.
    const local = new LocalStore(
      env.dataDir,
      createLogger(() => {}),
    );
    try {
      const left = local.db.prepare('SELECT id FROM outbox WHERE id IN (SELECT value FROM json_each(?))').pluck();
      expect(left.all(JSON.stringify(ids))).toEqual([ids[3]]);
    } finally {
      local.close();
    }
  });

  it(`only the newest ${IMPORT_HISTORY_KEPT} imports of an account and org are kept, each with its rows`, async () => {
    await env.sandbox.close();
    expect((await env.core.call('sync.now')).state).toBe('offline');
    for (let i = 0; i < IMPORT_HISTORY_KEPT; i++) {
      clock += 1000;
      await env.core.call('import.queue', {
        rows: [{ line: 2, action: 'invite', email: `bound.${i}@example.com`, name: '', roleId: ROLE.member }],
        file: { name: `bound-${i}.csv`, format: 'console' },
      });
    }
    const { imports } = await env.core.call('import.history');
    expect(imports).toHaveLength(IMPORT_HISTORY_KEPT);
    expect(imports[0].fileName).toBe(`bound-${IMPORT_HISTORY_KEPT - 1}.csv`);
    expect(imports.map((i: { id: string }) => i.id)).not.toContain(importId);
    await env.core.close();
    const local = new LocalStore(
      env.dataDir,
      createLogger(() => {}),
    );
    try {
      expect(local.db.prepare('SELECT COUNT(*) FROM import_row').pluck().get()).toBe(IMPORT_HISTORY_KEPT);
    } finally {
      local.close();
    }
    await env.startCore();
  });

  it("sign-out with 'remove this computer's copy' removes the records; local.db no longer holds them", async () => {
    await env.startSandbox();
    expect((await env.core.call('sync.now')).state).toBe('idle');
    // The refused create still waits under Pending changes: kept, yet the records go.
    await env.core.call('session.signOut', { removeLocalData: true, queuedChanges: 'keep' });
    await env.core.close();
    const bytes = diskBytes(env.dataDir);
    expect(bytes.includes(Buffer.from('bound-3.csv'))).toBe(false);
    expect(bytes.includes(Buffer.from('google-cohort.csv'))).toBe(false);
    await env.startCore();
    await signIn(env.core, env.sandbox.url);
    expect((await env.core.call('import.history')).imports).toEqual([]);
  });
});
