import { existsSync, readdirSync, readlinkSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { CacheStore } from '../cache/cache-store';
import { createLogger } from '../logger';
import { localMemberFor } from '../members/optimistic';
import { removeDir, tempDir } from '../test/harness';
import { newOutboxRow } from './new-outbox-row';
import { LocalStore } from './local-store';

const logger = createLogger(() => {});
const AT = '2026-01-01T00:00:00.000Z';

/**
 * Unlinked files this process holds open (SQLite's temp files: a statement journal that spilled
 * is an O_TMPFILE such as `/var/tmp/#15343633 (deleted)`), minus those open before.
 */
function openDeletedFiles(): string[] {
  return readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      return target.endsWith('(deleted)') ? [`${fd} ${target}`] : [];
    } catch {
      return [];
    }
  });
}
let before: string[] = [];
const newTempFiles = () => openDeletedFiles().filter((file) => !before.includes(file));

const entry = (i: number) =>
  newOutboxRow({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    account: 'http://x|a@b.test',
    orgId: 'org_1',
    kind: 'invite',
    summary: `Invite cohort.${i}@example.com as Member`,
    at: AT,
    email: `cohort.${i}@example.com`,
    roleId: 'role_1',
    hasSecret: false,
  });

/**
 * A CSV import writes thousands of rows in one transaction through statements that need a
 * statement journal (the outbox_counts trigger, the members upsert). On disk that journal became
 * a temp file rewritten for every row once it passed 64 KiB; it must stay in memory.
 */
describe.skipIf(!existsSync('/proc/self/fd'))('bulk writes keep the statement journal in memory', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach(removeDir));
  const dir = () => {
    const made = tempDir();
    dirs.push(made);
    return made;
  };

  it('3,000 outbox + audit rows in one local.db transaction open no temp file', () => {
    before = openDeletedFiles();
    const store = new LocalStore(dir(), logger);
    const seen = store.transaction(() => {
      for (let i = 0; i < 3000; i++) {
        const row = store.insertOutbox(entry(i));
        store.addAudit({
          id: `audit-${i}`,
          account: row.account,
          orgId: row.org_id,
          memberId: `local:${row.id}`,
          outboxId: row.id,
          at: AT,
          action: 'invite',
          summary: row.summary,
          actorEmail: 'admin@example.com',
        });
      }
      return newTempFiles();
    });
    expect(seen).toEqual([]);
    expect(store.outboxCounts('http://x|a@b.test').queued).toBe(3000);
    store.close();
  });

  it('3,000 optimistic member rows in one cache.db transaction open no temp file; compact still works', () => {
    before = openDeletedFiles();
    const cache = new CacheStore(dir(), logger);
    const seen = cache.transaction(() => {
      for (let i = 0; i < 3000; i++)
        cache.upsertMember('org_1', localMemberFor({ ...entry(i), seq: i + 1 }), { local: true });
      return newTempFiles();
    });
    expect(seen).toEqual([]);
    expect(cache.memberCount()).toBe(3000);
    // VACUUM runs with its temp copy on disk, and the connection goes back to memory after it.
    cache.compact();
    expect(cache.memberCount()).toBe(3000);
    const again = cache.transaction(() => {
      for (let i = 3000; i < 6000; i++)
        cache.upsertMember('org_1', localMemberFor({ ...entry(i), seq: i + 1 }), { local: true });
      return newTempFiles();
    });
    expect(again).toEqual([]);
    cache.close();
  });
});
