import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { ApiClient } from '../../../sandbox/test/api-client';
import { startTestSandbox, TEST_ADMIN_PASSWORD } from '../../../sandbox/testing';
import type { CommandResult } from '../../../shared/contract/errors';
import { createCore } from '../create-core';
import { createKeyringSecretStore } from '../secrets/keyring-secret-store';
import type { SecretStore } from '../secrets/secret-store';

export const ACME = 'org_acme';
export const ROLE = {
  owner: 'role_acme_owner',
  admin: 'role_acme_admin',
  member: 'role_acme_member',
  hr: 'role_acme_hr_manager',
  accountant: 'role_acme_accountant',
} as const;
export const DEMO = {
  owner: 'owner@acme.test',
  hr: 'hr@acme.test',
  accountant: 'accountant@acme.test',
  outsider: 'dana@globex.test',
};
export const PASSWORD = TEST_ADMIN_PASSWORD;
export { startTestSandbox };
export type TestSandbox = Awaited<ReturnType<typeof startTestSandbox>>;

/** A keychain service of its own per test file, so parallel files never see each other's entries. */
export function testSecretStore(): SecretStore {
  return createKeyringSecretStore({ service: `Nexus Admin Test ${randomUUID().slice(0, 8)}` });
}

export function tempDir(prefix = 'nexus-core-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * Wraps fetch to count requests by "METHOD /path" (no query) and to collect every secret that
 * crossed the wire (tokens in answers, passwords in requests), for the tests that scan the disk.
 */
export function countingFetch() {
  const counts = new Map<string, number>();
  const secrets = new Set<string>();
  const collect = (value: unknown) => {
    if (!value || typeof value !== 'object') return;
    for (const [key, item] of Object.entries(value)) {
      // syncToken is a server cursor, not a credential: the cache must keep it.
      if (typeof item === 'string' && /token|password/i.test(key) && key !== 'syncToken') secrets.add(item);
      else collect(item);
    }
  };
  const fetchImpl: typeof fetch = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const key = `${request.method} ${new URL(request.url).pathname}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    const body = await request.clone().text();
    if (body) collect(JSON.parse(body));
    const auth = request.headers.get('authorization');
    if (auth) secrets.add(auth.replace(/^Bearer /, ''));
    const response = await fetch(request);
    const text = await response.clone().text();
    try {
      if (text) collect(JSON.parse(text));
    } catch {
      // not JSON
    }
    return response;
  };
  return { fetch: fetchImpl, count: (key: string) => counts.get(key) ?? 0, reset: () => counts.clear(), secrets };
}

export function expectNoSecretsOnDisk(dataDir: string, secrets: Iterable<string>): number {
  const bytes = diskBytes(dataDir);
  let checked = 0;
  for (const secret of secrets) {
    if (secret.length < 8) continue;
    checked++;
    if (bytes.includes(Buffer.from(secret, 'utf8')))
      throw new Error(`a secret of length ${secret.length} was found on disk in ${dataDir}`);
  }
  return checked;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- command outputs are checked by the contract at runtime; tests read them loosely */
export type TestCore = Awaited<ReturnType<typeof createCore>> & {
  call<T = any>(command: string, input?: unknown): Promise<T>;
  fail(
    command: string,
    input?: unknown,
  ): Promise<{ code: string; message: string; fields?: { path: string; message: string }[] }>;
};

export async function startCore(options: {
  dataDir: string;
  secretStore: SecretStore;
  fetch?: typeof fetch;
  now?: () => Date;
}): Promise<TestCore> {
  const core = await createCore({ syncIntervalMs: 0, requestTimeoutMs: 5000, ...options });
  const call = async (command: string, input?: unknown) => {
    const result = (await core.dispatch(command, input)) as CommandResult<any>;
    if (!result.ok) throw new Error(`${command} failed: ${JSON.stringify(result.error)}`);
    return result.value;
  };
  const fail = async (command: string, input?: unknown) => {
    const result = await core.dispatch(command, input);
    if (result.ok) throw new Error(`${command} unexpectedly succeeded: ${JSON.stringify(result.value)}`);
    return result.error;
  };
  return Object.assign(core, { call, fail });
}

/* eslint-enable @typescript-eslint/no-explicit-any */

export async function signIn(core: TestCore, serverUrl: string, email = DEMO.owner, password = PASSWORD) {
  const result = await core.call('session.signIn', { serverUrl, email, password });
  if (result.outcome !== 'signedIn') throw new Error('expected signedIn');
  await core.call('orgs.select', { orgId: ACME });
  await core.call('sync.now');
  return result;
}

/** Every byte of the SQLite files (db, -wal, -shm) and logs in a data dir. */
export function diskBytes(dataDir: string): Buffer {
  const parts: Buffer[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else parts.push(readFileSync(path));
    }
  };
  walk(dataDir);
  return Buffer.concat(parts);
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export interface SandboxCoreOptions {
  /** The sandbox's clock (tests that let time pass or skew it); core's is `now`. */
  sandboxNow?: () => Date;
  /** core's options besides its folder (fetch: a counting or failing wire; now: core's clock). */
  fetch?: typeof fetch;
  now?: () => Date;
  /** Default: a keychain service of the file's own (testSecretStore). */
  secretStore?: SecretStore;
  /** Signed in (and ACME selected and synced) before the tests as this admin; false: signed out. */
  signInAs?: string | false;
}

/** What useSandboxCore starts; `sandbox`, `core` and `api` are set once beforeAll has run. */
export interface SandboxCore {
  readonly dataDir: string;
  readonly sandboxDir: string;
  readonly secretStore: SecretStore;
  sandbox: TestSandbox;
  core: TestCore;
  /** The sandbox's API as another client (straight to the server, not through core). */
  api: ApiClient;
  /** A new core on the same folder, keychain and wire, for a restart (close the last one first). */
  startCore(): Promise<TestCore>;
  /** The sandbox again on its folder and port, after the test closed it to go offline. */
  startSandbox(): Promise<TestSandbox>;
}

/**
 * The setup most core tests share, for the enclosing describe: a sandbox on a folder of its own
 * and a core on another, started in beforeAll (signed in as the owner unless `signInAs` says
 * otherwise); in afterAll both closed (the ones current then), the keychain service emptied and
 * the folders removed. afterAll hooks a file registers after this call run before it (vitest's
 * "stack" order), while the core and the files are still there.
 */
export function useSandboxCore(options: SandboxCoreOptions = {}): SandboxCore {
  const { sandboxNow, signInAs = DEMO.owner, secretStore = testSecretStore(), ...coreOptions } = options;
  let port = 0;
  const env: SandboxCore = {
    dataDir: tempDir(),
    sandboxDir: tempDir('nexus-sandbox-'),
    secretStore,
    sandbox: undefined as unknown as TestSandbox,
    core: undefined as unknown as TestCore,
    api: undefined as unknown as ApiClient,
    async startCore() {
      env.core = await startCore({ dataDir: env.dataDir, secretStore, ...coreOptions });
      return env.core;
    },
    async startSandbox() {
      env.sandbox = await startTestSandbox({ dataDir: env.sandboxDir, port, now: sandboxNow });
      port = Number(new URL(env.sandbox.url).port);
      return env.sandbox;
    },
  };
  beforeAll(async () => {
    await env.startSandbox();
    env.api = new ApiClient(env.sandbox.apiUrl);
    await env.startCore();
    if (signInAs !== false) await signIn(env.core, env.sandbox.url, signInAs);
  });
  afterAll(async () => {
    await env.core?.close();
    await env.sandbox?.close();
    for (const account of await secretStore.list().catch(() => [])) await secretStore.delete(account);
    removeDir(env.dataDir);
    removeDir(env.sandboxDir);
  });
  return env;
}
