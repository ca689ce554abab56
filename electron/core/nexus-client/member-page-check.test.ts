import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  invitationSummarySchema,
  memberListPageSchema,
  memberSchema,
  memberTombstoneSchema,
  memberWorkSchema,
} from '../../../shared/api';
import { fastMemberListPage, memberListPageCheck } from './member-page-check';
import { NexusClient } from './nexus-client';
import { NexusResponseError } from './nexus-api-error';

/**
 * The member list page's fast check must give zod's answer: whatever it accepts, zod accepts with
 * the same output (unknown keys dropped), and the pages a server really sends are accepted by it
 * (else every page silently pays for zod again). Anything it does not accept goes to zod.
 */

const seed = Number(process.env.NEXUS_PROPERTY_SEED ?? Date.now() % 100_000);

const iso = fc
  .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2999-12-31T23:59:59Z'), noInvalidDate: true })
  .chain((date) =>
    fc.constantFrom(
      date.toISOString(),
      date.toISOString().replace('Z', '+02:00'),
      date.toISOString().replace(/\.\d+Z$/, 'Z'),
      date.toISOString().replace(/\.\d+Z$/, '.123456-11:30'),
    ),
  );
const id = fc.string({ minLength: 1, maxLength: 200 });
const count = fc.nat();

const member = fc.record({
  id,
  userId: id,
  email: fc.string(),
  name: fc.string(),
  roleId: id,
  status: fc.constantFrom('invited', 'active', 'removed'),
  origin: fc.constantFrom('invitation', 'admin_created'),
  mustChangePassword: fc.boolean(),
  invitation: fc.option(fc.record({ id, expiresAt: iso, lastSentAt: iso, sendCount: count }), { nil: null }),
  createdAt: iso,
  updatedAt: iso,
  lastSignInAt: fc.option(iso, { nil: null }),
  version: fc.integer({ min: 1 }),
  work: fc.record({ tasks: count, files: count, notes: count }),
});
const tombstone = fc.record({ id, deleted: fc.constant(true as const), updatedAt: iso });
const page = fc.record({
  items: fc.array(fc.oneof(member, tombstone), { maxLength: 20 }),
  nextCursor: fc.option(fc.string(), { nil: null }),
  syncToken: fc.string(),
});

/** Values a broken or hostile server might put anywhere. */
const hostile = fc.oneof(
  fc.constantFrom(
    null,
    undefined,
    true,
    0,
    -0,
    -1,
    1.5,
    Number.MAX_SAFE_INTEGER + 2,
    '',
    'x'.repeat(201),
    '2026-02-30T00:00:00Z',
    '2026-02-29T00:00:00Z',
    '2024-02-29T00:00:00Z',
    '2026-01-01T24:00:00Z',
    '2026-01-01T00:00:00',
    '2026-01-01 00:00:00Z',
    '2026-01-01T00:00:00.Z',
    'active',
    'invited',
    'deleted',
    [],
    {},
    { tasks: 1, files: 1, notes: 1 },
    { id: 'i', expiresAt: '2026-01-01T00:00:00Z', lastSentAt: '2026-01-01T00:00:00Z', sendCount: 1 },
  ),
  fc.anything(),
);

type Json = Record<string, unknown>;

/** A valid page with one value somewhere replaced, removed, or an unknown key added. */
const brokenPage = fc
  .tuple(page, fc.nat(), fc.nat(), hostile, fc.constantFrom('replace', 'remove', 'extra'))
  .map(([valid, itemAt, keyAt, value, how]) => {
    const copy = structuredClone(valid) as Json & { items: Json[] };
    const targets: Json[] = [copy, ...copy.items];
    for (const item of copy.items) {
      if (item.work) targets.push(item.work as Json);
      if (item.invitation) targets.push(item.invitation as Json);
    }
    const target = targets[itemAt % targets.length]!;
    const keys = Object.keys(target);
    const key = keys.length > 0 ? keys[keyAt % keys.length]! : 'items';
    if (how === 'replace') target[key] = value;
    else if (how === 'remove') delete target[key];
    else target[`extra${keyAt}`] = value;
    return copy as unknown;
  });

describe('member list page check', () => {
  it(`accepts what a server sends, with zod's output (seed ${seed})`, () => {
    fc.assert(
      fc.property(page, (raw) => {
        const zod = memberListPageSchema.safeParse(raw);
        expect(zod.success).toBe(true);
        expect(fastMemberListPage(raw)).toStrictEqual(zod.data);
      }),
      { seed, numRuns: 300 },
    );
  });

  it(`accepts nothing zod refuses, and gives zod's output for what it accepts (seed ${seed})`, () => {
    let refused = 0;
    fc.assert(
      fc.property(brokenPage, (raw) => {
        const zod = memberListPageSchema.safeParse(raw);
        const fast = fastMemberListPage(raw);
        if (!zod.success) {
          refused++;
          expect(fast).toBeNull();
        } else expect(fast).toStrictEqual(zod.data);
        expect(memberListPageCheck.safeParse(raw).success).toBe(zod.success);
      }),
      { seed, numRuns: 3000 },
    );
    // The mutations do break pages (else the property above says little).
    expect(refused).toBeGreaterThan(1000);
  });

  // The properties above only see the fields the generators make: a field added to the schema
  // (an optional one would pass them) must be added to the fast pass and to the generators too.
  it('knows every field of the schema', () => {
    const [sample] = fc.sample(member, { seed, numRuns: 1 });
    const [dead] = fc.sample(tombstone, { seed, numRuns: 1 });
    const keys = (value: object) => Object.keys(value).sort();
    expect(keys(sample!)).toEqual(keys(memberSchema.shape));
    expect(keys(fastMemberListPage({ items: [sample], nextCursor: null, syncToken: '' })!.items[0]!)).toEqual(
      keys(memberSchema.shape),
    );
    expect(keys(dead!)).toEqual(keys(memberTombstoneSchema.shape));
    expect(keys(memberListPageSchema.shape)).toEqual(['items', 'nextCursor', 'syncToken']);
    expect(keys(invitationSummarySchema.shape)).toEqual(['expiresAt', 'id', 'lastSentAt', 'sendCount']);
    expect(keys(memberWorkSchema.shape)).toEqual(['files', 'notes', 'tasks']);
  });

  it('refuses a page with a broken member as an unexpected answer, through the client', async () => {
    const good = fc.sample(page, { seed, numRuns: 1 })[0]!;
    const bad = { ...good, items: [...good.items, { ...fc.sample(member, { seed, numRuns: 1 })[0]!, version: 0 }] };
    const fetchPage =
      (body: unknown): typeof fetch =>
      async () =>
        new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    const client = (body: unknown) =>
      new NexusClient({ serverUrl: 'http://127.0.0.1:9', fetch: fetchPage(body), timeoutMs: 5000 });
    await expect(client(good).listMembers('t', 'org_x', {})).resolves.toStrictEqual(memberListPageSchema.parse(good));
    await expect(client(bad).listMembers('t', 'org_x', {})).rejects.toBeInstanceOf(NexusResponseError);
  });
});
