import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// electron-builder's own loader and schema validation, so a typo in electron-builder.yml fails here.
const require = createRequire(import.meta.url);
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(dir: string, path: string | null, options: null): Promise<Record<string, unknown>>;
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

const root = resolve(import.meta.dirname, '../..');

describe('electron-builder.yml', () => {
  it('is valid for electron-builder and sets every Electron fuse explicitly', async () => {
    const config = await getConfig(root, null, null);
    await validateConfiguration(config, new DebugLogger(false));
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('builds the five installer targets and unpacks the native modules', async () => {
    const config = (await getConfig(root, null, null)) as {
      appId: string;
      productName: string;
      asarUnpack: string[];
      linux: { target: string[] };
      win: { target: string[] };
      mac: { target: string[] };
    };
    expect(config.productName).toBe('Nexus Admin');
    expect(config.appId).toMatch(/^[a-z0-9.-]+$/);
    expect([...config.linux.target, ...config.win.target, ...config.mac.target].sort()).toEqual(
      ['AppImage', 'deb', 'dmg', 'nsis', 'rpm'].sort(),
    );
    expect(config.asarUnpack.join(' ')).toContain('better-sqlite3');
    expect(config.asarUnpack.join(' ')).toContain('@napi-rs/keyring');
  });
});
