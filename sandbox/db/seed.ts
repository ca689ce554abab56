import type { SandboxContext } from '../context';
import { hashPassword } from '../auth/password-hash';
import { newId } from '../auth/tokens';
import { createInvitation } from '../invitations/invitation-store';
import { currentSeq, getMeta, nextSeq, setMeta } from './schema';
import { DEMO_PEOPLE, type DemoPerson } from './demo-people';

export type SeedSpec = 'demo' | 'none' | `large:${number}`;

export const DEMO_ORG_ID = 'org_acme';
export const DEMO_LABS_ORG_ID = 'org_acme_labs';
export const DEMO_GLOBEX_ORG_ID = 'org_globex';
export const DEMO_ACCOUNTS = {
  owner: 'owner@acme.test',
  hr: 'hr@acme.test',
  accountant: 'accountant@acme.test',
  outsider: 'dana@globex.test',
  newHire: 'new.hire@acme.test',
} as const;

const ALL = ['members.read', 'members.manage'];
const DAY = 24 * 60 * 60 * 1000;

export function parseSeed(value: string): SeedSpec {
  if (value === 'demo' || value === 'none' || /^large:\d+$/.test(value)) return value as SeedSpec;
  throw new Error(`--seed must be demo, none or large:N, got "${value}"`);
}

function createOrg(ctx: SandboxContext, id: string, name: string, customRoles: [string, string[]][]): void {
  ctx.db.prepare('INSERT INTO orgs (id, name, created_at) VALUES (?, ?, ?)').run(id, name, ctx.now().toISOString());
  const roles: [string, string, boolean, string[]][] = [
    ['owner', 'owner', true, ALL],
    ['admin', 'admin', true, ALL],
    ['member', 'member', true, ['members.read']],
    ...customRoles.map(([name, perms]): [string, string, boolean, string[]] => [
      name.toLowerCase().replace(/\s+/g, '_'),
      name,
      false,
      perms,
    ]),
  ];
  const insert = ctx.db.prepare(
    'INSERT INTO roles (id, org_id, name, builtin, permissions, position) VALUES (?, ?, ?, ?, ?, ?)',
  );
  roles.forEach(([slug, name, builtin, perms], position) =>
    insert.run(`role_${id.replace(/^org_/, '')}_${slug}`, id, name, builtin ? 1 : 0, JSON.stringify(perms), position),
  );
}

export function roleId(orgId: string, slug: string): string {
  return `role_${orgId.replace(/^org_/, '')}_${slug}`;
}

function createUser(ctx: SandboxContext, email: string, name: string, hash: string | null, mustChange = false): string {
  const id = newId('usr');
  ctx.db
    .prepare(
      'INSERT INTO users (id, email, name, password_hash, must_change_password, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    )
    .run(id, email, name, hash, mustChange ? 1 : 0, ctx.now().toISOString());
  return id;
}

function addMembership(
  ctx: SandboxContext,
  input: {
    orgId: string;
    userId: string;
    role: string;
    status: string;
    origin: string;
    ageDays: number;
    work?: DemoPerson['work'];
  },
): string {
  const id = newId('mem');
  const at = new Date(ctx.now().getTime() - input.ageDays * DAY).toISOString();
  const [tasks, files, notes] = input.work ?? [0, 0, 0];
  ctx.db
    .prepare(
      `INSERT INTO memberships (id, org_id, user_id, role_id, status, origin, created_at, updated_at, version, seq,
         work_tasks, work_files, work_notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)`,
    )
    .run(
      id,
      input.orgId,
      input.userId,
      roleId(input.orgId, input.role),
      input.status,
      input.origin,
      at,
      at,
      nextSeq(ctx.db),
      tasks,
      files,
      notes,
    );
  return id;
}

async function seedDemo(ctx: SandboxContext, demoPassword: string): Promise<void> {
  // Five real hashes, one salt each; the other demo people never signed in or are not meant to.
  const [ownerHash, hrHash, accountantHash, danaHash, newHireHash] = await Promise.all(
    Array.from({ length: 5 }, () => hashPassword(demoPassword, ctx.scryptCost)),
  );
  ctx.db.transaction(() => {
    createOrg(ctx, DEMO_ORG_ID, 'Acme Corp', [
      ['HR Manager', ALL],
      ['Accountant', ['members.read']],
    ]);
    createOrg(ctx, DEMO_LABS_ORG_ID, 'Acme Labs', []);
    createOrg(ctx, DEMO_GLOBEX_ORG_ID, 'Globex', []);
    const owner = createUser(ctx, DEMO_ACCOUNTS.owner, 'Olivia Owner', ownerHash!);
    const hr = createUser(ctx, DEMO_ACCOUNTS.hr, 'Harper Reyes', hrHash!);
    const accountant = createUser(ctx, DEMO_ACCOUNTS.accountant, 'Avery Ledger', accountantHash!);
    const dana = createUser(ctx, DEMO_ACCOUNTS.outsider, 'Dana Whitfield', danaHash!);
    const newHire = createUser(ctx, DEMO_ACCOUNTS.newHire, 'Noah Newhire', newHireHash!, true);
    const base = { orgId: DEMO_ORG_ID, status: 'active' };
    addMembership(ctx, {
      ...base,
      userId: owner,
      role: 'owner',
      origin: 'invitation',
      ageDays: 400,
      work: [42, 17, 9],
    });
    addMembership(ctx, {
      ...base,
      userId: hr,
      role: 'hr_manager',
      origin: 'invitation',
      ageDays: 300,
      work: [12, 30, 21],
    });
    addMembership(ctx, {
      ...base,
      userId: accountant,
      role: 'accountant',
      origin: 'invitation',
      ageDays: 200,
      work: [5, 60, 3],
    });
    addMembership(ctx, { ...base, userId: newHire, role: 'member', origin: 'admin_created', ageDays: 1 });
    addMembership(ctx, {
      ...base,
      orgId: DEMO_LABS_ORG_ID,
      userId: owner,
      role: 'owner',
      origin: 'invitation',
      ageDays: 90,
    });
    addMembership(ctx, {
      ...base,
      orgId: DEMO_GLOBEX_ORG_ID,
      userId: dana,
      role: 'owner',
      origin: 'invitation',
      ageDays: 500,
      work: [8, 2, 1],
    });

    for (const person of DEMO_PEOPLE) {
      const orgId = person.org === 'labs' ? DEMO_LABS_ORG_ID : DEMO_ORG_ID;
      const userId = createUser(
        ctx,
        person.email,
        person.kind.startsWith('invite') ? '' : person.name,
        null,
        person.kind === 'created',
      );
      const status = person.kind.startsWith('invite') ? 'invited' : person.kind === 'removed' ? 'removed' : 'active';
      const origin = person.kind === 'created' || person.kind === 'created-signed-in' ? 'admin_created' : 'invitation';
      const membershipId = addMembership(ctx, {
        orgId,
        userId,
        role: person.role,
        status,
        origin,
        ageDays: person.ageDays,
        work: person.work,
      });
      if (status === 'invited') {
        const daysAgo = person.kind === 'invite-expired' ? 10 : 1;
        createInvitation(ctx, {
          orgId,
          membershipId,
          inviterUserId: owner,
          wasRemoved: false,
          sentAt: new Date(ctx.now().getTime() - daysAgo * DAY),
        });
      }
      if (person.kind === 'active' || person.kind === 'created-signed-in') {
        const at = new Date(ctx.now().getTime() - (person.ageDays % 7) * DAY).toISOString();
        ctx.db.prepare('UPDATE users SET last_sign_in_at = ? WHERE id = ?').run(at, userId);
      }
    }
  })();
}

/**
 * N extra active members of Acme Corp, generated inside SQLite by a recursive CTE in one
 * transaction, for benchmarks: 100,000 take a few seconds instead of 200,000 round trips.
 */
function seedLarge(ctx: SandboxContext, count: number): void {
  if (count <= 0) return;
  ctx.db.transaction(() => {
    const base = currentSeq(ctx.db);
    const startSeconds = Math.floor(ctx.now().getTime() / 1000) - count;
    const tag = Date.now().toString(36);
    const series = `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < @count)`;
    const at = `strftime('%Y-%m-%dT%H:%M:%fZ', @start + i, 'unixepoch')`;
    ctx.db
      .prepare(
        `${series} INSERT INTO users (id, email, name, created_at, last_sign_in_at)
         SELECT 'usr_bulk_' || @tag || '_' || i, 'member' || i || '.' || @tag || '@bulk.acme.test', 'Bulk Member ' || i,
           ${at}, CASE WHEN i % 3 = 0 THEN NULL ELSE ${at} END FROM n`,
      )
      .run({ count, start: startSeconds, tag });
    ctx.db
      .prepare(
        `${series} INSERT INTO memberships (id, org_id, user_id, role_id, status, origin, created_at, updated_at, version, seq,
           work_tasks, work_files, work_notes)
         SELECT 'mem_bulk_' || @tag || '_' || i, @org, 'usr_bulk_' || @tag || '_' || i, @role, 'active',
           CASE WHEN i % 10 = 0 THEN 'admin_created' ELSE 'invitation' END, ${at}, ${at}, 1, @base + i + 1,
           i % 13, i % 7, i % 5 FROM n`,
      )
      .run({ count, start: startSeconds, tag, org: DEMO_ORG_ID, role: roleId(DEMO_ORG_ID, 'member'), base });
    setMeta(ctx.db, 'seq', String(base + count));
  })();
}

/** Idempotent across restarts: each seed runs once per data dir. */
export async function seed(ctx: SandboxContext, spec: SeedSpec, demoPassword: string): Promise<void> {
  if (spec === 'none') return;
  if (!getMeta(ctx.db, 'seeded:demo')) {
    await seedDemo(ctx, demoPassword);
    setMeta(ctx.db, 'seeded:demo', ctx.now().toISOString());
  }
  if (spec.startsWith('large:') && !getMeta(ctx.db, `seeded:${spec}`)) {
    seedLarge(ctx, Number(spec.slice('large:'.length)));
    setMeta(ctx.db, `seeded:${spec}`, ctx.now().toISOString());
  }
}
