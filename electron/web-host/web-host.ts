import { createServer, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { contentSecurityPolicy, securityHeaders } from '../../shared/shell/content-security-policy';
import type { Core } from '../core/core-api';
import { createAccountsCore } from '../core/accounts/create-accounts-core';
import { createKeyringSecretStore } from '../core/secrets/keyring-secret-store';
import type { SecretStore } from '../core/secrets/secret-store';
import { WS_PATH, WS_PROTOCOL, type EventFrame } from './bridge-protocol';
import { newLaunchSecret } from './launch-secret';
import { readHostPolicies } from './policy-file';
import { ensureWebBuild, type WebBuild } from './renderer-build';
import { checkHost, checkWebSocketHandshake } from './request-guard';
import { serveSocket } from './socket-session';
import { staticSite } from './static-site';

/**
 * The console in a browser window: the same core as the Electron shell, behind a loopback HTTP +
 * WebSocket server. Tokens stay in this process; the page gets what the preload would give it.
 */
export interface WebHostOptions {
  /** 0 or absent: a free port chosen by the OS. */
  port?: number;
  dataDir: string;
  /** The Nexus server suggested on the sign-in screen (the local sandbox by default). */
  defaultServerUrl?: string | null;
  secretStore?: SecretStore;
  /** Passed to core; tests turn periodic sync off with 0. */
  syncIntervalMs?: number;
  /** A prebuilt renderer folder and bridge script; default: out/web + out/web-bridge, built when missing or stale. */
  web?: WebBuild;
  log?: (line: string) => void;
  /** Organization policy file; default `NEXUS_POLICY_FILE` or /etc/nexus-admin/policies.json. */
  policyFile?: string;
  /** Core's clock (tests move it together with the sandbox's instead of waiting). */
  now?: () => Date;
}

export interface WebHost {
  /** `http://127.0.0.1:PORT/#launch=SECRET` — open this; it is the only way in. */
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const log = options.log ?? (() => undefined);
  const web = options.web ?? (await ensureWebBuild({ log }));
  const core: Core = await createAccountsCore({
    dataDir: options.dataDir,
    secretStore: options.secretStore ?? createKeyringSecretStore({ service: 'Nexus Admin' }),
    defaultServerUrl: options.defaultServerUrl ?? null,
    policies: readHostPolicies(options.policyFile),
    versions: { app: process.env.npm_package_version ?? 'dev', host: 'browser host' },
    ...(options.syncIntervalMs !== undefined ? { syncIntervalMs: options.syncIntervalMs } : {}),
    ...(options.now ? { now: options.now } : {}),
  });

  const secret = newLaunchSecret();
  const server: Server = createServer();
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: 1024 * 1024,
    // Select our protocol; the launch-secret "protocol" is never echoed back.
    handleProtocols: (offered) => (offered.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
  });

  let port = 0;
  const connections = new Set<WebSocket>();
  const stopEvents = core.onEvent((event, payload) => {
    const frame: EventFrame = { type: 'event', event, payload };
    const text = JSON.stringify(frame);
    for (const socket of connections) if (socket.readyState === socket.OPEN) socket.send(text);
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('The web host has no TCP address');
    port = address.port;

    const origin = `http://127.0.0.1:${port}`;
    const headers = securityHeaders(
      contentSecurityPolicy({ connectSrc: [`ws://127.0.0.1:${port}`, `ws://localhost:${port}`] }),
    );
    const site = await staticSite({ dir: web.webDir, bridgeFile: web.bridgeFile, headers });

    server.on('request', (request, response) => {
      const host = checkHost(request.headers, port);
      if (!host.ok) {
        response.writeHead(host.status, { 'Content-Type': 'text/plain; charset=utf-8' });
        response.end('This console only answers on its own loopback address.');
        return;
      }
      site(request, response).catch(() => {
        if (!response.headersSent) response.writeHead(500);
        response.end();
      });
    });

    server.on('upgrade', (request, socket: Duplex, head) => {
      const pathname = new URL(request.url ?? '/', origin).pathname;
      const verdict =
        pathname === WS_PATH
          ? checkWebSocketHandshake(request.headers, { port, secret })
          : ({ ok: false, status: 400, reason: 'unknown path' } as const);
      if (!verdict.ok) {
        log(`web-host: refused a WebSocket (${verdict.reason})`);
        socket.end(`HTTP/1.1 ${verdict.status} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
        return;
      }
      sockets.handleUpgrade(request, socket, head, (ws) => {
        connections.add(ws);
        ws.on('close', () => connections.delete(ws));
        serveSocket(ws, { dispatch: (command, input) => core.dispatch(command, input), log });
      });
    });
  } catch (error) {
    stopEvents();
    await core.close();
    server.close();
    throw error;
  }

  let closed: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}/#launch=${secret}`,
    port,
    close() {
      closed ??= (async () => {
        stopEvents();
        for (const socket of connections) socket.terminate();
        sockets.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await core.close();
      })();
      return closed;
    },
  };
}
