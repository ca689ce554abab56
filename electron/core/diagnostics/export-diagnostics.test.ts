import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO,
  PASSWORD,
  ROLE,
  countingFetch,
  removeDir,
  signIn,
  startCore,
  startTestSandbox,
  tempDir,
  testSecretStore,
  type TestCore,
} from '../test/harness';

const CREATED = {
  email: 'diag.created@example.com',
  name: 'Diag Created',
  temporaryPassword: 'Quartz-Harbor-Lime-4417',
};
const INVITED = 'diag.invited@example.com';

describe('Export diagnostics', () => {
  const sandboxDir = tempDir('nexus-sandbox-');
  const dataDir = tempDir();
  const wire = countingFetch();
  let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
  let core: TestCore;

  beforeAll(async () => {
    sandbox = await startTestSandbox({ dataDir: sandboxDir });
    core = await startCore({ dataDir, secretStore: testSecretStore(), fetch: wire.fetch });
    await signIn(core, sandbox.url);
    await core.call('members.create', { ...CREATED, roleId: ROLE.member });
    await core.call('members.invite', { email: INVITED, roleId: ROLE.member });
    // Rejected by the server: its reason (naming the member) is kept for the diagnostics.
    await core.call('members.invite', { email: DEMO.hr, roleId: ROLE.member });
    await core.call('sync.now');
  });
  afterAll(async () => {
    await core?.close();
    await sandbox?.close();
    removeDir(dataDir);
    removeDir(sandboxDir);
  });

  const unpack = (path: string) => {
    const files = unzipSync(new Uint8Array(readFileSync(path)));
    return Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, strFromU8(bytes)]));
  };

  it('holds logs, versions, settings with sources, keychain and sync state — and no token, password or email', async () => {
    const result = await core.call('diagnostics.export', {});
    expect(statSync(result.path).mode & 0o777).toBe(0o600);
    const files = unpack(result.path);
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining([
        'README.txt',
        'versions.json',
        'settings.json',
        'session.json',
        'keychain.json',
        'sync.json',
        'logs/core.log',
      ]),
    );
    const settings = JSON.parse(files['settings.json']!);
    expect(settings.settings.find((s: { key: string }) => s.key === 'ClipboardClearSeconds')).toMatchObject({
      value: 30,
      source: 'default',
    });
    expect(JSON.parse(files['keychain.json']!)).toMatchObject({ backend: 'Secret Service', refreshTokensStored: 1 });
    expect(JSON.parse(files['sync.json']!).outbox.needsAttention[0]).toMatchObject({
      kind: 'invite',
      email: '[email]',
    });
    expect(files['logs/core.log']).toMatch(/diagnostics exported|sync/);

    const everything = Object.values(files).join('\n');
    const secrets = [...wire.secrets, PASSWORD, CREATED.temporaryPassword].filter((s) => s.length >= 8);
    expect(secrets.length).toBeGreaterThanOrEqual(4);
    for (const secret of secrets) expect(everything.includes(secret), `secret of length ${secret.length}`).toBe(false);
    for (const email of [CREATED.email, INVITED, DEMO.hr, DEMO.owner]) expect(everything).not.toContain(email);
    expect(everything).not.toMatch(/@(acme\.test|example\.com)/);
  });

  it('includes member emails only when the admin ticks the box, and still no secret', async () => {
    const result = await core.call('diagnostics.export', { includeMemberEmails: true });
    const everything = Object.values(unpack(result.path)).join('\n');
    expect(everything).toContain(DEMO.hr);
    for (const secret of [...wire.secrets, PASSWORD, CREATED.temporaryPassword].filter((s) => s.length >= 8)) {
      expect(everything.includes(secret)).toBe(false);
    }
    expect(result.path.startsWith(join(dataDir, 'diagnostics'))).toBe(true);
  });
});
