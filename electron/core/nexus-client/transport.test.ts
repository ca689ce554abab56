import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, startCore, tempDir, testSecretStore, type TestCore } from '../test/harness';
import { NexusApiError } from './nexus-api-error';
import { NexusClient } from './nexus-client';
import { serverUrlRefusal } from './transport-policy';

/**
 * Where a password or token may go: only over TLS (loopback excepted, or a lab host allowed by
 * name), and only to the address the admin entered — a 307/308 would re-post the password or the
 * refresh token wherever it points, so redirects are refused with the target named.
 */
async function listen(handler: (request: IncomingMessage, body: string) => [number, Record<string, string>]) {
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const [status, headers] = handler(request, body);
      response.writeHead(status, headers);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('redirects are never followed with a secret', () => {
  const caught: string[] = [];
  let catcher: Awaited<ReturnType<typeof listen>>;
  let redirector: Awaited<ReturnType<typeof listen>>;
  let client: NexusClient;
  beforeAll(async () => {
    catcher = await listen((request, body) => {
      caught.push(`${request.method} ${request.url} ${body}`);
      return [200, { 'content-type': 'application/json' }];
    });
    let status = 307;
    redirector = await listen((request) => {
      status = status === 307 ? 308 : 307;
      return [status, { location: `${catcher.url}${request.url}` }];
    });
    client = new NexusClient({ serverUrl: redirector.url, fetch: globalThis.fetch, timeoutMs: 5000 });
  });
  afterAll(async () => {
    await redirector?.close();
    await catcher?.close();
  });

  const refused = async (call: Promise<unknown>) => {
    const error = await call.then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(NexusApiError);
    return error as NexusApiError;
  };

  it('sign-in, refresh, password change and a temporary password are refused, naming the target', async () => {
    const signIn = await refused(client.signIn('owner@acme.test', 'Sign-In-Password-1'));
    expect(signIn.code).toBe('redirect_refused');
    expect([307, 308]).toContain(signIn.status);
    expect(signIn.detail).toContain(`${catcher.url}/api/v1/auth/sessions`);
    expect((await refused(client.refresh('nxr_refresh_token_value'))).code).toBe('redirect_refused');
    expect((await refused(client.changePassword('nxp_change_token', 'New-Password-123'))).code).toBe(
      'redirect_refused',
    );
    expect((await refused(client.setPassword('nxa_token', 'org', 'mem', 'Temp-Password-1', 'key'))).code).toBe(
      'redirect_refused',
    );
    // Nothing reached the address the redirect pointed at.
    expect(caught).toEqual([]);
  });

  it('crosses the boundary as a typed error the admin can act on', async () => {
    const dataDir = tempDir();
    const core = await startCore({ dataDir, secretStore: testSecretStore() });
    try {
      const error = await core.fail('session.signIn', {
        serverUrl: redirector.url,
        email: 'owner@acme.test',
        password: 'Sign-In-Password-1',
      });
      expect(error.code).toBe('redirect_refused');
      expect(error.message).toContain(catcher.url);
      expect(caught).toEqual([]);
    } finally {
      await core.close();
      removeDir(dataDir);
    }
  });
});

describe('plain http only for this computer, or a lab host allowed by name', () => {
  it('the rule', () => {
    for (const url of [
      'https://nexus.example.com',
      'http://127.0.0.1:4010',
      'http://127.8.9.10',
      'http://localhost:1',
      'http://[::1]:8080',
    ]) {
      expect(serverUrlRefusal(url, { allowHttpHosts: [] }), url).toBeNull();
    }
    for (const url of [
      'http://nexus.example.com',
      'http://10.0.0.5:8080',
      'http://127.0.0.1.evil.example',
      'ftp://nexus.example.com',
    ]) {
      expect(serverUrlRefusal(url, { allowHttpHosts: [] }), url).toMatch(/https:\/\//);
    }
    expect(serverUrlRefusal('http://lab.example.local:8080', { allowHttpHosts: ['lab.example.local'] })).toBeNull();
  });

  let core: TestCore;
  let dataDir: string;
  const requests: string[] = [];
  const recordingFetch: typeof fetch = async (input) => {
    requests.push(String(input instanceof Request ? input.url : input));
    return new Response(
      JSON.stringify({ type: 'about:blank', title: 'No', status: 401, detail: 'No.', code: 'invalid_credentials' }),
      {
        status: 401,
        headers: { 'content-type': 'application/problem+json' },
      },
    );
  };
  beforeAll(async () => {
    dataDir = tempDir();
  });
  afterAll(() => removeDir(dataDir));

  it('sign-in to http://<a network host> is refused before anything is sent, saying to use https', async () => {
    core = await startCore({ dataDir, secretStore: testSecretStore(), fetch: recordingFetch });
    try {
      const error = await core.fail('session.signIn', {
        serverUrl: 'http://nexus.example.com',
        email: 'owner@acme.test',
        password: 'Sign-In-Password-1',
      });
      expect(error.code).toBe('invalid_input');
      expect(error.fields?.[0]?.path).toBe('serverUrl');
      expect(error.message).toMatch(/Use https:\/\/ for nexus\.example\.com/);
      expect(requests).toEqual([]);
    } finally {
      await core.close();
    }
  });

  it('a lab host allowed by name is reached over http', async () => {
    requests.length = 0;
    const { createCore } = await import('../create-core');
    const lab = await createCore({
      dataDir,
      secretStore: testSecretStore(),
      fetch: recordingFetch,
      syncIntervalMs: 0,
      allowHttpHosts: ['nexus.example.com'],
    });
    try {
      const result = await lab.dispatch('session.signIn', {
        serverUrl: 'http://nexus.example.com',
        email: 'owner@acme.test',
        password: 'Sign-In-Password-1',
      });
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_credentials' } });
      expect(requests).toEqual(['http://nexus.example.com/api/v1/auth/sessions']);
    } finally {
      await lab.close();
    }
  });
});
