import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { LocalStore } from '../local-store/local-store';
import { ACME, DEMO, ROLE, useSandboxCore } from './harness';

/**
 * An entry's result and its "done" mark are one local.db commit (push-outbox.ts finish): when
 * writing "done" fails, the server's answer is not half-recorded (no result member id on an entry
 * still open), and the next cycle sends the entry again with the same Idempotency-Key, which
 * the server answers with the member it already made: one member, recorded once.
 */
describe('outbox: an entry’s result and its done mark in one local.db commit', () => {
  const env = useSandboxCore();
  afterAll(() => {
    vi.restoreAllMocks();
  });

  const entryRow = (id: string) => {
    const db = new Database(join(env.dataDir, 'local.db'), { readonly: true, fileMustExist: true });
    try {
      return db.prepare('SELECT state, result_member_id, idempotency_key FROM outbox WHERE id = ?').get(id) as {
        state: string;
        result_member_id: string | null;
        idempotency_key: string;
      };
    } finally {
      db.close();
    }
  };

  it('a failed done mark leaves no result behind; the retry records the same member once', async () => {
    const email = 'one.commit@example.com';
    const { outboxId } = await env.core.call('members.invite', { email, roleId: ROLE.member });
    const key = entryRow(outboxId).idempotency_key;

    const update = LocalStore.prototype.updateOutbox;
    let failed = 0;
    const spy = vi.spyOn(LocalStore.prototype, 'updateOutbox').mockImplementation(function (
      this: LocalStore,
      id,
      changes,
    ) {
      if (id === outboxId && changes.state === 'done' && failed++ === 0) throw new Error('disk full (test)');
      return update.call(this, id, changes);
    });
    await env.core.dispatch('sync.now', undefined);
    expect(failed).toBe(1);
    const afterFailure = entryRow(outboxId);
    expect(afterFailure.state).not.toBe('done');
    expect(afterFailure.result_member_id).toBeNull();
    spy.mockRestore();

    await env.core.call('sync.now');
    const done = entryRow(outboxId);
    expect(done).toMatchObject({ state: 'done', idempotency_key: key });
    const token = await env.api.token(DEMO.owner);
    const listed = await env.api.request('GET', `/orgs/${ACME}/members?limit=1000`, { token });
    const made = (listed.body.items as { id: string; email: string }[]).filter((m) => m.email === email);
    expect(made).toHaveLength(1);
    expect(done.result_member_id).toBe(made[0]!.id);
    const detail = await env.core.call('members.get', { memberId: `local:${outboxId}` });
    expect(detail.member.id).toBe(made[0]!.id);
  });
});
