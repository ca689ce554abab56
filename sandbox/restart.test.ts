import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member } from '../shared/api';
import { startSandbox } from './server';
import { startTestSandbox, TEST_SCRYPT_COST } from './testing';
import { ACME, ApiClient, OWNER, ROLE, uniqueEmail } from './test/api-client';

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'nexus-sandbox-restart-'));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe('persistence', () => {
  it('keeps everything across a restart with the same data dir and seeds only once', async () => {
    const first = await startTestSandbox({ dataDir });
    const api = new ApiClient(first.apiUrl);
    const session = await api.signIn(OWNER);
    const email = uniqueEmail('kept');
    expect(
      (
        await api.request('POST', `/orgs/${ACME}/invitations`, {
          token: session.accessToken,
          body: { email, roleId: ROLE.member },
        })
      ).status,
    ).toBe(201);
    const before = (await api.request('GET', `/orgs/${ACME}/members`, { token: session.accessToken })).body
      .items as Member[];
    await first.close();

    const second = await startTestSandbox({ dataDir });
    try {
      const api2 = new ApiClient(second.apiUrl);
      // The session itself survived: tokens are stored (hashed) in SQLite.
      const after = await api2.request('GET', `/orgs/${ACME}/members`, { token: session.accessToken });
      expect(after.status).toBe(200);
      expect(after.body.items).toEqual(before);
      expect((after.body.items as Member[]).filter((m) => m.email === OWNER)).toHaveLength(1);
      expect(
        (await api2.request('POST', '/auth/refresh', { body: { refreshToken: session.refreshToken } })).status,
      ).toBe(200);
    } finally {
      await second.close();
    }
  });

  it('remembers a generated demo password beside the database', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nexus-sandbox-pw-'));
    const saved = process.env.NEXUS_SANDBOX_ADMIN_PASSWORD;
    delete process.env.NEXUS_SANDBOX_ADMIN_PASSWORD;
    try {
      const a = await startSandbox({ dataDir: dir, port: 0, quiet: true, scryptCost: TEST_SCRYPT_COST });
      const password = a.adminPassword;
      expect(password.length).toBeGreaterThanOrEqual(15);
      await a.close();
      const b = await startSandbox({ dataDir: dir, port: 0, quiet: true, scryptCost: TEST_SCRYPT_COST });
      expect(b.adminPassword).toBe(password);
      expect((await new ApiClient(b.apiUrl).signIn(OWNER, password)).user.email).toBe(OWNER);
      await b.close();
    } finally {
      if (saved !== undefined) process.env.NEXUS_SANDBOX_ADMIN_PASSWORD = saved;
      await rm(dir, { recursive: true, force: true });
    }
  });

  // How fast is the bench's business (bench/sync-bench.ts seeds large orgs); here: all of them.
  it('bulk-seeds large:N in one transaction', async () => {
    const big = await startTestSandbox({ seed: 'large:20000' });
    try {
      const api = new ApiClient(big.apiUrl);
      const token = await api.token(OWNER);
      let count = 0;
      let cursor: string | null = null;
      do {
        const page: { body: { items: unknown[]; nextCursor: string | null } } = await api.request(
          'GET',
          `/orgs/${ACME}/members?limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          { token },
        );
        count += page.body.items.length;
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(count).toBeGreaterThan(20_000);
    } finally {
      await big.close();
    }
  });
});
