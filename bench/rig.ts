import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestSandbox, TEST_ADMIN_PASSWORD } from '../sandbox/testing';
import { restoreSeed, saveSeed } from './seed-cache';
import type { RunningSandbox } from '../sandbox/server';
import { createKeyringSecretStore } from '../electron/core/secrets/keyring-secret-store';
import type { SecretStore } from '../electron/core/secrets/secret-store';

export const ORG = 'org_acme';
export const OWNER = 'owner@acme.test';
/** The other admin who changes members behind the console's back (HR Manager: read + manage). */
export const OTHER_ADMIN = 'hr@acme.test';
export const ROLE_MEMBER = 'role_acme_member';
export const ROLE_ACCOUNTANT = 'role_acme_accountant';

/**
 * The sandbox the bench talks to, on a fixed port once started so it can be stopped (the console
 * goes offline) and started again on the same data dir, plus the temp dirs and keychain service.
 */
export class BenchRig {
  sandbox: RunningSandbox | null = null;
  port = 0;
  readonly password = TEST_ADMIN_PASSWORD;
  readonly secretStore: SecretStore = createKeyringSecretStore({
    service: `Nexus Admin Bench ${randomUUID().slice(0, 8)}`,
  });
  /**
   * A second keychain service for a core started on a copy of another core's data dir: with the
   * same one it would restore (and so rotate) the first core's session on start.
   */
  readonly copySecretStore: SecretStore = createKeyringSecretStore({
    service: `Nexus Admin Bench copy ${randomUUID().slice(0, 8)}`,
  });
  private dirs: string[] = [];

  private constructor(
    readonly members: number,
    readonly sandboxDir: string,
  ) {}

  /** Starts the seeded sandbox; `cached`: the seeded file came from the seed cache (seed-cache.ts). */
  static async start(members: number): Promise<{ rig: BenchRig; seedMs: number; cached: boolean }> {
    const rig = new BenchRig(members, await mkdtemp(join(tmpdir(), 'nexus-bench-sandbox-')));
    rig.dirs.push(rig.sandboxDir);
    const start = performance.now();
    const cached = await restoreSeed(members, rig.sandboxDir);
    await rig.startSandbox();
    if (!cached) await saveSeed(members, rig.sandboxDir);
    return { rig, seedMs: performance.now() - start, cached };
  }

  get url(): string {
    if (!this.sandbox) throw new Error('the sandbox is stopped');
    return this.sandbox.url;
  }

  get apiUrl(): string {
    return `${this.url}/api/v1`;
  }

  async startSandbox(): Promise<void> {
    // The bulk seed runs once per data dir; a restart finds it done and only opens the file.
    // The data dir is ours, so the sandbox's close() leaves it in place for the next start.
    this.sandbox = await startTestSandbox({ dataDir: this.sandboxDir, port: this.port, seed: `large:${this.members}` });
    this.port = Number(new URL(this.sandbox.url).port);
  }

  async stopSandbox(): Promise<void> {
    await this.sandbox?.close();
    this.sandbox = null;
  }

  async tempDir(prefix: string): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), prefix));
    this.dirs.push(dir);
    return dir;
  }

  /** A bearer token the plain way: what the floor measurements and the "other admin" use. */
  async token(email = OWNER): Promise<string> {
    const response = await plainFetch(`${this.apiUrl}/auth/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: this.password }),
    });
    if (response.status !== 201)
      throw new Error(`sign-in of ${email} answered ${response.status}: ${await response.text()}`);
    return ((await response.json()) as { accessToken: string }).accessToken;
  }

  async close(): Promise<void> {
    await this.stopSandbox().catch(() => undefined);
    for (const store of [this.secretStore, this.copySecretStore])
      for (const account of await store.list().catch(() => [])) await store.delete(account).catch(() => false);
    for (const dir of this.dirs) await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Plain fetch, once more on a reset: the sandbox drops idle keep-alive sockets after 5 s and
 * undici can pick one just as it goes. Safe to repeat: reads, and changes carry an Idempotency-Key.
 */
export async function plainFetch(url: string | URL, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    if (code !== 'ECONNRESET' && code !== 'UND_ERR_SOCKET') throw error;
    return fetch(url, init);
  }
}
