import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger';
import { removeDir, tempDir } from '../test/harness';
import { localMigrations } from './local-schema';
import type { OutboxRow } from './local-rows';
import { LocalStore } from './local-store';

const logger = createLogger(() => {});
const A = 'http://x|a@b.test';
const B = 'http://x|c@d.test';
const entry = (id: string, account = A): Omit<OutboxRow, 'seq'> => ({
  id,
  account,
  org_id: 'org_1',
  kind: 'invite',
  state: 'queued',
  summary: `Invite ${id}`,
  member_id: null,
  email: `${id}@example.com`,
  name: null,
  role_id: 'role_1',
  reason: null,
  has_secret: 0,
  idempotency_key: id,
  attempts: 0,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
  next_attempt_at: null,
  last_error_code: null,
  last_error_message: null,
  result_member_id: null,
  snapshot_json: null,
});

/** What the counts must be: the outbox counted row by row. */
function counted(store: LocalStore, account: string) {
  const open = store.openOutbox(account);
  return {
    queued: open.filter((row) => row.state === 'queued' || row.state === 'sending').length,
    needsAttention: open.filter((row) => row.state === 'needs_attention').length,
  };
}

describe('outbox counts kept by triggers (constant-time sync status)', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach(removeDir));
  const dir = () => {
    const made = tempDir();
    dirs.push(made);
    return made;
  };

  it('follow every insert, state change, move, delete and prune, per account', () => {
    const store = new LocalStore(dir(), logger);
    for (let i = 0; i < 12; i++) store.insertOutbox(entry(`e${i}`, i % 3 === 0 ? B : A));
    const steps: (() => void)[] = [
      () => store.updateOutbox('e1', { state: 'sending' }),
      () => store.updateOutbox('e2', { state: 'needs_attention', last_error_code: 'x' }),
      () => store.updateOutbox('e1', { state: 'done', updated_at: '2026-01-01T00:00:00.000Z' }),
      () => store.updateOutbox('e4', { summary: 'renamed only' }),
      () => store.updateOutbox('e5', { account: B }),
      () => store.updateOutbox('e2', { state: 'queued' }),
      () => store.deleteOutbox('e7'),
      () => store.updateOutbox('e8', { state: 'done', updated_at: '2026-01-01T00:00:00.000Z' }),
      () => store.pruneDone('2027-01-01T00:00:00.000Z'),
      () => store.forgetAccount(B),
      () => store.transaction(() => store.insertOutbox(entry('late'))),
    ];
    for (const step of steps) {
      step();
      expect(store.outboxCounts(A)).toEqual(counted(store, A));
      expect(store.outboxCounts(B)).toEqual(counted(store, B));
    }
    expect(store.outboxCounts('nobody')).toEqual({ queued: 0, needsAttention: 0 });
    store.close();
  });

  it('an outbox written before the counts existed is counted when the file is upgraded', () => {
    const folder = dir();
    const old = new Database(join(folder, 'local.db'));
    old.exec('CREATE TABLE schema_version (version INTEGER NOT NULL, applied_at TEXT NOT NULL)');
    localMigrations[0]!(old);
    localMigrations[1]!(old);
    old.exec("INSERT INTO schema_version (version, applied_at) VALUES (1, 'then'), (2, 'then')");
    const insert = old.prepare(
      `INSERT INTO outbox (id, account, org_id, kind, state, summary, idempotency_key, created_at, updated_at)
       VALUES (?, ?, 'org_1', 'invite', ?, 's', ?, 'now', 'now')`,
    );
    for (const [id, state] of [
      ['o1', 'queued'],
      ['o2', 'queued'],
      ['o3', 'needs_attention'],
      ['o4', 'done'],
      ['o5', 'sending'],
    ])
      insert.run(id, A, state, id);
    old.close();
    const store = new LocalStore(folder, logger);
    expect(store.outboxCounts(A)).toEqual({ queued: 3, needsAttention: 1 });
    store.close();
  });
});
