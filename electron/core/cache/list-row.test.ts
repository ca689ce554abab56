import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logger';
import { removeDir, tempDir } from '../test/harness';
import { memberFixture } from '../test/member-fixture';
import { CacheStore } from './cache-store';
import type { MembersQuery } from './members-query';

const at = '2030-01-01T00:00:00.000Z';
const query: MembersQuery = {
  text: '',
  badges: [],
  roleIds: [],
  includeRemoved: true,
  sort: { field: 'name', direction: 'asc' },
  offset: 0,
  limit: 100,
};

/** A list page maps rows without zod (list-row.ts): it must give what the parsed read gives. */
describe('list pages read members as the parsed single read does', () => {
  let dir: string;
  let cache: CacheStore;
  beforeEach(() => {
    dir = tempDir();
    cache = new CacheStore(
      dir,
      createLogger(() => {}),
    );
    cache.transaction(() => {
      cache.upsertMember(
        'org',
        memberFixture({
          id: 'mem_invited',
          userId: 'usr_1',
          email: 'inv@acme.test',
          name: '',
          at,
          status: 'invited',
          invitation: { id: 'inv_1', expiresAt: at, lastSentAt: at, sendCount: 2 },
        }),
      );
      cache.upsertMember(
        'org',
        memberFixture({
          id: 'mem_created',
          userId: 'usr_2',
          email: 'made@acme.test',
          name: 'Made By Admin',
          at,
          origin: 'admin_created',
          mustChangePassword: true,
          lastSignInAt: at,
          version: 7,
          work: { tasks: 3, files: 1, notes: 2 },
        }),
      );
      cache.upsertMember(
        'org',
        memberFixture({ id: 'local:x', userId: 'local', email: 'q@acme.test', name: 'Queued', at }),
        { local: true },
      );
      cache.upsertMember(
        'org',
        memberFixture({
          id: 'mem_gone',
          userId: 'usr_3',
          email: 'gone@acme.test',
          name: 'Gone',
          at,
          status: 'removed',
        }),
      );
    });
  });
  afterEach(() => {
    cache.close();
    removeDir(dir);
  });

  it.each([
    ['from the member index', query],
    ['by SQL (a role filter)', { ...query, roleIds: ['role_member'] }],
  ])('%s', (_, asked) => {
    if (asked.roleIds.length === 0) cache.memberIndex.build('org');
    const page = cache.queryMembers('org', asked, new Date(at));
    expect(page.rows).toHaveLength(4);
    for (const row of page.rows) expect(row).toEqual(cache.getMember(row.member.id));
  });
});
