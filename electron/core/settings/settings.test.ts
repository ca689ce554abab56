import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandResult } from '../../../shared/contract/errors';
import type { SettingsState } from '../../../shared/contract/settings';
import type { PolicyReading } from '../../../shared/settings/resolve-settings';
import { createCore } from '../create-core';
import { DEMO, PASSWORD, ROLE, removeDir, signIn, startTestSandbox, tempDir, testSecretStore } from '../test/harness';

const policy = (values: Record<string, unknown>, problems: string[] = []): PolicyReading => ({
  origin: '/etc/nexus-admin/policies.json',
  values,
  problems,
});

async function start(dataDir: string, policies: PolicyReading | null, extra: { fetch?: typeof fetch } = {}) {
  const core = await createCore({ dataDir, secretStore: testSecretStore(), syncIntervalMs: 0, policies, ...extra });
  const dispatch = async <T>(command: string, input: unknown = {}) =>
    (await core.dispatch(command, input)) as CommandResult<T>;
  const settings = async () => {
    const result = await dispatch<SettingsState>('settings.get');
    if (!result.ok) throw new Error(result.error.message);
    return Object.fromEntries(result.value.settings.map((s) => [s.key, s])) as Record<
      string,
      SettingsState['settings'][number]
    >;
  };
  return { core, dispatch, settings };
}

describe('settings: stored per user, policy wins, bad values change nothing', () => {
  const dataDir = tempDir();
  afterAll(() => removeDir(dataDir));

  it('saves valid values owner-only, refuses bad ones field by field, and announces changes', async () => {
    const { core, dispatch, settings } = await start(dataDir, null);
    const events: string[] = [];
    core.onEvent((event) => events.push(event));
    expect((await settings()).ClipboardClearSeconds).toMatchObject({ value: 30, source: 'default', locked: false });

    const ok = await dispatch<SettingsState>('settings.update', { set: { ClipboardClearSeconds: 45, Theme: 'dark' } });
    expect(ok.ok).toBe(true);
    expect(events).toContain('settings.changed');
    const file = join(dataDir, 'settings.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ ClipboardClearSeconds: 45, Theme: 'dark' });

    const before = readFileSync(file, 'utf8');
    const bad = await dispatch('settings.update', {
      set: {
        ClipboardClearSeconds: 2,
        HandoverMaxHours: 8,
        Theme: 'neon',
        AllowedServers: ['https://x.test'],
        Nope: 1,
      },
    });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error.code).toBe('invalid_input');
    const fields = Object.fromEntries(bad.error.fields!.map((f) => [f.path, f.message]));
    expect(fields).toEqual({
      ClipboardClearSeconds: 'At least 5 seconds',
      Theme: 'Choose one of auto, light, dark',
      AllowedServers: 'Only your organization can set this.',
      Nope: 'There is no such setting.',
    });
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect((await settings()).HandoverMaxHours?.source).toBe('default');
    await core.close();
  });

  it('a policy presets and locks at the next start; without it the user value is back', async () => {
    const locked = await start(dataDir, policy({ ClipboardClearSeconds: 10, HandoverMaxHours: 2 }));
    const withPolicy = await locked.settings();
    expect(withPolicy.ClipboardClearSeconds).toMatchObject({ value: 10, source: 'policy', locked: true });
    expect(withPolicy.Theme).toMatchObject({ value: 'dark', source: 'user' });
    const refused = await locked.dispatch('settings.update', { set: { ClipboardClearSeconds: 60 } });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        fields: [{ path: 'ClipboardClearSeconds', message: 'Set by your organization; it cannot be changed here.' }],
      },
    });
    await locked.core.close();

    const free = await start(dataDir, null);
    expect((await free.settings()).ClipboardClearSeconds).toMatchObject({ value: 45, source: 'user', locked: false });
    await free.core.close();
  });

  it('a broken policy file or settings file is reported and logged, never fatal', async () => {
    writeFileSync(join(dataDir, 'settings.json'), '{ not json');
    const broken = await start(
      dataDir,
      policy({ ClipboardClearSeconds: 'soon' }, ['The policy file x could not be read']),
    );
    const state = await broken.dispatch<SettingsState>('settings.get');
    expect(state.ok).toBe(true);
    if (!state.ok) return;
    expect(state.value.notices.join('\n')).toMatch(/settings file could not be read and was moved aside/);
    expect(state.value.notices.join('\n')).toMatch(/policy file x could not be read/);
    expect(state.value.notices.join('\n')).toMatch(/ClipboardClearSeconds has a value the console cannot use/);
    expect(readdirSync(dataDir).some((name) => name.startsWith('settings.json.corrupt-'))).toBe(true);
    await broken.core.close();
    const log = readFileSync(join(dataDir, 'logs', 'core.log'), 'utf8');
    expect(log).toMatch(/WARN settings: The organization policy ClipboardClearSeconds/);
  });
});

describe('what the settings govern in core', () => {
  const sandboxDir = tempDir('nexus-sandbox-');
  let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
  beforeAll(async () => {
    sandbox = await startTestSandbox({ dataDir: sandboxDir });
  });
  afterAll(async () => {
    await sandbox?.close();
    removeDir(sandboxDir);
  });

  it('signs in only to a server the organization allows, without contacting any other', async () => {
    const dataDir = tempDir();
    let requests = 0;
    const counted: typeof fetch = (input, init) => {
      requests++;
      return fetch(input, init);
    };
    const rig = await start(dataDir, policy({ AllowedServers: ['https://nexus.corp.test'] }), { fetch: counted });
    const refused = await rig.dispatch('session.signIn', {
      serverUrl: sandbox.url,
      email: DEMO.owner,
      password: PASSWORD,
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'server_not_allowed', fields: [{ path: 'serverUrl' }] },
    });
    expect(requests).toBe(0);
    await rig.core.close();

    const allowed = await start(dataDir, policy({ AllowedServers: [sandbox.url] }));
    const ok = await allowed.dispatch('session.signIn', {
      serverUrl: sandbox.url,
      email: DEMO.owner,
      password: PASSWORD,
    });
    expect(ok.ok).toBe(true);
    await allowed.core.close();
    removeDir(dataDir);
  });

  it('refuses to queue a temporary password offline when the organization says so', async () => {
    const dataDir = tempDir();
    const ownSandboxDir = tempDir('nexus-sandbox-');
    const own = await startTestSandbox({ dataDir: ownSandboxDir });
    const rig = await start(dataDir, policy({ AllowOfflineTemporaryPasswords: false }));
    const core = Object.assign(rig.core, {
      call: async (command: string, input?: unknown) => {
        const result = await rig.dispatch<never>(command, input);
        if (!result.ok) throw new Error(result.error.message);
        return result.value;
      },
      fail: async () => ({ code: '', message: '' }),
    });
    await signIn(core, own.url);
    await own.close();
    await rig.dispatch('sync.now');
    const refused = await rig.dispatch('members.create', {
      email: 'offline.create@example.com',
      name: 'Offline Create',
      roleId: ROLE.member,
      temporaryPassword: 'Amber-Falcon-Drift-2291',
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'offline_passwords_not_allowed' } });
    expect(refused.ok || refused.error.message).toMatch(/does not allow temporary passwords to be queued offline/);
    const invite = await rig.dispatch('members.invite', { email: 'offline.invite@example.com', roleId: ROLE.member });
    expect(invite.ok).toBe(true);
    const outbox = await rig.dispatch<{ items: { kind: string }[] }>('outbox.list');
    expect(outbox.ok && outbox.value.items.map((item) => item.kind)).toEqual(['invite']);
    await rig.core.close();
    removeDir(dataDir);
    removeDir(ownSandboxDir);
    expect(existsSync(dataDir)).toBe(false);
  });
});
