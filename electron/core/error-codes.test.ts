import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isKnownErrorCode } from '../../shared/contract/errors';
import { toConsoleErrorShape } from './errors';
import { NexusNetworkError } from './nexus-client/nexus-api-error';
import { NexusClient } from './nexus-client/nexus-client';

/**
 * Every error code the console itself puts on the boundary has its place in the contract
 * (shared/contract/errors.ts), and the network failures map to the codes the screens expect:
 * "Can't reach …" for a server that cannot be reached, "did not answer" for a timeout.
 */
const ROOT = join(import.meta.dirname, '../..');
const SCANNED = ['electron', 'shared/shell'];
const CODE_LITERALS = [
  /\bcode:\s*'([a-z][a-z0-9_]*)'/g,
  /\bconsoleError\(\s*'([a-z][a-z0-9_]*)'/g,
  /\bEntryRejected\(\s*'([a-z][a-z0-9_]*)'/g,
];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.|[\\/]test[\\/]|reliability/.test(path) ? [path] : [];
  });
}

describe('error codes', () => {
  it('every code the console emits is in the contract', () => {
    const emitted = new Map<string, string>();
    for (const file of SCANNED.flatMap((dir) => sources(join(ROOT, dir)))) {
      const text = readFileSync(file, 'utf8');
      for (const pattern of CODE_LITERALS)
        for (const match of text.matchAll(pattern)) emitted.set(match[1]!, file.slice(ROOT.length + 1));
    }
    // The scan is meaningful: it finds the codes of core, the host and the bridge.
    for (const code of ['not_signed_in', 'busy', 'host_unavailable', 'secret_missing', 'unknown_command'])
      expect([...emitted.keys()]).toContain(code);
    const missing = [...emitted].filter(([code]) => !isKnownErrorCode(code)).map(([code, file]) => `${code} (${file})`);
    expect(missing).toEqual([]);
  });

  it('an unreachable server is server_unreachable; a timeout is no_answer', () => {
    expect(toConsoleErrorShape(new NexusNetworkError('unreachable', 'x')).code).toBe('server_unreachable');
    expect(toConsoleErrorShape(new NexusNetworkError('timeout', 'x')).code).toBe('no_answer');
    expect(toConsoleErrorShape(new NexusNetworkError('broken', 'x')).code).toBe('no_answer');
  });

  it('for real: a closed port is server_unreachable, a server that never answers is no_answer', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const call = (url: string, timeoutMs: number) =>
      new NexusClient({ serverUrl: url, fetch: globalThis.fetch, timeoutMs }).signIn('owner@acme.test', 'x').then(
        () => null,
        (error: unknown) => toConsoleErrorShape(error).code,
      );
    expect(await call(`http://127.0.0.1:${closedPort}`, 5000)).toBe('server_unreachable');

    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as { port: number };
      expect(await call(`http://127.0.0.1:${port}`, 300)).toBe('no_answer');
    } finally {
      silent.close();
    }
  });
});
