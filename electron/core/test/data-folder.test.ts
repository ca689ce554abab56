import { chmodSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeDir, startCore, tempDir, testSecretStore } from './harness';

/**
 * Another user on the machine must not read the org's members, the outbox or the audit trail:
 * the data folder is 0700 and every file in it 0600 — fresh, and after an older version left
 * 0755/0644 behind. The test process runs with the usual umask 022, under which SQLite and the
 * log would otherwise create 0644 files.
 */
const modes = (dir: string): Record<string, string> => {
  const out: Record<string, string> = {};
  const walk = (path: string, name: string) => {
    out[name] = (statSync(path).mode & 0o777).toString(8);
    if (statSync(path).isDirectory())
      for (const entry of readdirSync(path)) walk(join(path, entry), name === '.' ? entry : `${name}/${entry}`);
  };
  walk(dir, '.');
  return out;
};

const expectPrivate = (dir: string) => {
  const found = modes(dir);
  for (const [name, mode] of Object.entries(found)) {
    const isDir = statSync(name === '.' ? dir : join(dir, name)).isDirectory();
    expect(`${name} ${mode}`).toBe(`${name} ${isDir ? '700' : '600'}`);
  }
  return found;
};

describe.skipIf(process.platform === 'win32')('data folder permissions', () => {
  const root = tempDir();
  afterAll(() => removeDir(root));

  it('a fresh data folder: 0700, and the SQLite files (db, -wal, -shm) and the log 0600', async () => {
    const previous = process.umask(0o022);
    const dataDir = join(root, 'fresh', 'nested');
    try {
      const core = await startCore({ dataDir, secretStore: testSecretStore() });
      await core.call('session.status');
      const found = expectPrivate(dataDir);
      // The scan is meaningful: the database, its WAL and shared memory, and the log are there.
      expect(Object.keys(found)).toEqual(
        expect.arrayContaining(['cache.db', 'cache.db-wal', 'cache.db-shm', 'local.db', 'logs', 'logs/core.log']),
      );
      await core.close();
    } finally {
      process.umask(previous);
    }
  });

  it('an older folder left at 0755/0644 is tightened at start-up', async () => {
    const dataDir = join(root, 'older');
    const first = await startCore({ dataDir, secretStore: testSecretStore() });
    await first.close();
    mkdirSync(join(dataDir, 'exports'), { recursive: true });
    writeFileSync(join(dataDir, 'exports', 'members.csv'), 'email\n');
    const loosen = (path: string) => {
      chmodSync(path, statSync(path).isDirectory() ? 0o755 : 0o644);
      if (statSync(path).isDirectory()) for (const entry of readdirSync(path)) loosen(join(path, entry));
    };
    loosen(dataDir);
    expect(modes(dataDir)['cache.db']).toBe('644');

    const second = await startCore({ dataDir, secretStore: testSecretStore() });
    await second.close();
    expect(expectPrivate(dataDir)['exports/members.csv']).toBe('600');
  });
});
