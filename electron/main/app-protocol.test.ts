import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appProtocolHandler } from './app-protocol';

describe('app:// protocol handler', () => {
  let dir: string;
  let handler: (request: Request) => Promise<Response>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'nexus-app-protocol-'));
    await mkdir(join(dir, 'renderer/assets'), { recursive: true });
    await writeFile(join(dir, 'renderer/index.html'), '<!doctype html><title>Nexus Admin</title>');
    await writeFile(join(dir, 'renderer/assets/app.js'), 'console.log(1)');
    await writeFile(join(dir, 'secret.txt'), 'outside the renderer');
    handler = appProtocolHandler({ rendererDir: join(dir, 'renderer') });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('serves the renderer with the CSP and security headers', async () => {
    const response = await handler(new Request('app://nexus/index.html'));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Nexus Admin');
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const js = await handler(new Request('app://nexus/assets/app.js'));
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('maps the root to index.html', async () => {
    expect((await handler(new Request('app://nexus/'))).status).toBe(200);
  });

  it.each([
    'app://nexus/../secret.txt',
    'app://nexus/%2e%2e/secret.txt',
    'app://nexus/assets/..%2f..%2fsecret.txt',
    'app://nexus/..%5csecret.txt',
  ])('never serves a file outside the renderer: %s', async (url) => {
    const response = await handler(new Request(url));
    expect([400, 404]).toContain(response.status);
    expect(await response.text()).not.toContain('outside the renderer');
  });

  it('refuses other hosts, missing files and non-GET methods', async () => {
    expect((await handler(new Request('app://other/index.html'))).status).toBe(404);
    expect((await handler(new Request('app://nexus/missing.js'))).status).toBe(404);
    expect((await handler(new Request('app://nexus/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });
});
