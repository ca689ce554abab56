import { describe, expect, it } from 'vitest';
import { isServerAllowed, resolveSettings } from './resolve-settings';
import { settingTable } from './setting-table';

const reading = (values: Record<string, unknown>, problems: string[] = []) => ({
  origin: '/etc/nexus-admin/policies.json',
  values,
  problems,
});

describe('effective settings: policy > user > default', () => {
  it('gives each setting its value and source', () => {
    const resolved = resolveSettings(reading({ ClipboardClearSeconds: 15, ServerUrl: 'https://nexus.corp.test/' }), {
      ClipboardClearSeconds: 45,
      HandoverMaxHours: 4,
    });
    const byKey = Object.fromEntries(resolved.settings.map((s) => [s.key, s]));
    expect(byKey.ClipboardClearSeconds).toMatchObject({ value: 15, source: 'policy', locked: true });
    expect(byKey.ServerUrl).toMatchObject({ value: 'https://nexus.corp.test', source: 'policy', locked: true });
    expect(byKey.HandoverMaxHours).toMatchObject({ value: 4, source: 'user', locked: false });
    expect(byKey.Theme).toMatchObject({ value: settingTable.Theme.default, source: 'default', locked: false });
    expect(resolved.values.ClipboardClearSeconds).toBe(15);
    expect(resolved.notices).toEqual([]);
  });

  it('ignores an invalid or unknown policy value with a notice, keeping the user value', () => {
    const resolved = resolveSettings(
      reading({ ClipboardClearSeconds: 1, HandoverMaxHours: 'eight', Theme: 'neon', Bogus: 1, ServerUrl: 'ftp://x' }),
      { ClipboardClearSeconds: 45 },
    );
    expect(resolved.values.ClipboardClearSeconds).toBe(45);
    expect(resolved.values.HandoverMaxHours).toBe(8);
    expect(resolved.values.Theme).toBe('auto');
    expect(resolved.values.ServerUrl).toBeNull();
    expect(resolved.settings.every((s) => !s.locked)).toBe(true);
    expect(resolved.notices).toHaveLength(5);
    expect(resolved.notices.join('\n')).toMatch(/ClipboardClearSeconds .*At least 5 seconds/);
    expect(resolved.notices.join('\n')).toMatch(/"Bogus" is not one this console knows/);
  });

  it('reads registry-shaped values losslessly and nothing more', () => {
    const resolved = resolveSettings(
      reading({
        AllowCsvImport: 0,
        AllowInsecureHttp: 2,
        ClipboardClearSeconds: '20',
        AllowedServers: 'https://a.test,https://b.test',
      }),
      {},
    );
    expect(resolved.values.AllowCsvImport).toBe(false);
    expect(resolved.values.AllowInsecureHttp).toBe(false);
    expect(resolved.notices.join()).toMatch(/AllowInsecureHttp/);
    expect(resolved.values.ClipboardClearSeconds).toBe(20);
    expect(resolved.values.AllowedServers).toEqual(['https://a.test', 'https://b.test']);
  });

  it('passes a broken policy file on as a notice', () => {
    const resolved = resolveSettings(reading({}, ['The policy file x could not be read']), { Theme: 'dark' });
    expect(resolved.notices).toEqual(['The policy file x could not be read']);
    expect(resolved.values.Theme).toBe('dark');
  });

  it('never takes a policy-only setting or a bad value from the user', () => {
    const resolved = resolveSettings(null, { AllowedServers: ['https://x.test'], AllowCsvImport: false, Theme: 3 });
    expect(resolved.values.AllowedServers).toEqual([]);
    expect(resolved.values.AllowCsvImport).toBe(true);
    expect(resolved.values.Theme).toBe('auto');
    expect(resolved.notices.join()).toMatch(/Your saved Theme/);
  });
});

describe('servers an organization allows', () => {
  it('a locked ServerUrl allows only itself; AllowedServers only its entries', () => {
    const locked = resolveSettings(reading({ ServerUrl: 'https://nexus.corp.test' }), {});
    const lockedKeys = new Set(locked.settings.filter((s) => s.locked).map((s) => s.key));
    expect(isServerAllowed(locked.values, lockedKeys, 'https://NEXUS.corp.test/')).toBe(true);
    expect(isServerAllowed(locked.values, lockedKeys, 'https://evil.test')).toBe(false);
    const list = resolveSettings(reading({ AllowedServers: ['https://a.test', 'https://b.test/nexus'] }), {});
    expect(isServerAllowed(list.values, new Set(), 'https://b.test/nexus/')).toBe(true);
    expect(isServerAllowed(list.values, new Set(), 'https://c.test')).toBe(false);
    expect(isServerAllowed(resolveSettings(null, {}).values, new Set(), 'https://any.test')).toBe(true);
  });
});
