import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Member, SandboxStats } from '../../../../shared/api';
import { ApiClient } from '../../../../sandbox/test/api-client';
import { startTestSandbox, TEST_ADMIN_PASSWORD } from '../../../../sandbox/testing';
import { createKeyringSecretStore } from '../../secrets/keyring-secret-store';
import type { SecretStore } from '../../secrets/secret-store';

export const ACME = 'org_acme';
export const OWNER = 'owner@acme.test';
export { TEST_ADMIN_PASSWORD };

type Sandbox = Awaited<ReturnType<typeof startTestSandbox>>;

/**
 * A sandbox that can be stopped and started again on the same data dir and port (offline and
 * back), with a clock that can be moved forward (the once-a-minute resend limit), plus a
 * keychain service of its own for the core under test.
 */
export class StressRig {
  readonly sandboxDir = mkdtempSync(join(tmpdir(), 'nexus-stress-sandbox-'));
  readonly dataDir = mkdtempSync(join(tmpdir(), 'nexus-stress-core-'));
  readonly keychainService = `Nexus Admin Stress ${randomUUID().slice(0, 8)}`;
  readonly secrets: SecretStore = createKeyringSecretStore({ service: this.keychainService });
  skewMs = 0;
  private sandbox: Sandbox | null = null;
  private port = 0;
  private ownerToken: string | null = null;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  get api(): ApiClient {
    return new ApiClient(`${this.url}/api/v1`);
  }

  async start(faults = ''): Promise<void> {
    this.sandbox = await startTestSandbox({
      dataDir: this.sandboxDir,
      port: this.port,
      faults,
      now: () => new Date(Date.now() + this.skewMs),
    });
    this.port = Number(new URL(this.sandbox.url).port);
  }

  async stop(): Promise<void> {
    await this.sandbox?.close();
    this.sandbox = null;
  }

  /** A fresh owner token, via sign-in (the sandbox must be running without faults on auth). */
  async token(refresh = false): Promise<string> {
    if (!this.ownerToken || refresh) this.ownerToken = await this.api.token(OWNER, TEST_ADMIN_PASSWORD);
    return this.ownerToken;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read loosely typed JSON
  async call<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    return this.api.request<T>(method, path, { token: await this.token(), ...(body !== undefined ? { body } : {}) });
  }

  /** The full listing of Acme (every page), removed members included, tombstones not. */
  async members(): Promise<Member[]> {
    const items: Member[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: Member[]; nextCursor: string | null } } = await this.call(
        'GET',
        `/orgs/${ACME}/members?limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      if (page.status !== 200) throw new Error(`listing failed: ${page.status}`);
      items.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    return items;
  }

  async stats(): Promise<SandboxStats> {
    return (await (await fetch(`${this.url}/sandbox/stats`)).json()) as SandboxStats;
  }

  async mail(): Promise<{ to: string; acceptUrl: string | null; createdAt: string }[]> {
    return (
      (await (await fetch(`${this.url}/sandbox/outbox`)).json()) as {
        items: { to: string; acceptUrl: string | null; createdAt: string }[];
      }
    ).items;
  }

  /** Accepts the newest invitation mailed to `email` through the public endpoint, as a new account. */
  async accept(email: string, password: string): Promise<number> {
    const mail = (await this.mail()).find((m) => m.to === email && m.acceptUrl);
    if (!mail) throw new Error(`no invitation mail for ${email}`);
    const token = decodeURIComponent(mail.acceptUrl!.split('/invite/')[1]!);
    const result = await this.api.request('POST', `/invitations/${encodeURIComponent(token)}/accept`, {
      body: { name: `Accepted ${email.split('@')[0]}`, password },
    });
    return result.status;
  }

  async outboxSecrets(): Promise<string[]> {
    return (await this.secrets.list()).filter((account) => account.startsWith('outbox:'));
  }

  async close(): Promise<void> {
    await this.stop();
    for (const account of await this.secrets.list().catch(() => []))
      await this.secrets.delete(account).catch(() => false);
    if (process.env.NEXUS_STRESS_KEEP) {
      console.log(`kept: ${this.dataDir} ${this.sandboxDir}`);
      return;
    }
    rmSync(this.sandboxDir, { recursive: true, force: true });
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

let passwordSerial = 0;
/** Distinct, policy-passing temporary passwords (15+ chars, no email part, not common). */
export function temporaryPassword(random: () => number): string {
  passwordSerial++;
  const words = [
    'Amber',
    'Falcon',
    'Drift',
    'Cobalt',
    'Meadow',
    'Pine',
    'Quartz',
    'Harbor',
    'Lantern',
    'Orbit',
    'Willow',
    'Ember',
  ];
  const word = () => words[Math.floor(random() * words.length)]!;
  return `${word()}-${word()}-${word()}-${passwordSerial}-${Math.floor(random() * 1e6)}`;
}
