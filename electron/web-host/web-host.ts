import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { contentSecurityPolicy, securityHeaders } from '../../shared/shell/content-security-policy';
import type { Core } from '../core/core-api';
import { createAccountsCore } from '../core/accounts/create-accounts-core';
import { allowHttpHostsFromEnv } from '../core/nexus-client/transport-policy';
import { createKeyringSecretStore } from '../core/secrets/keyring-secret-store';
import type { SecretStore } from '../core/secrets/secret-store';
import {
  CLOSE_HOST_STOPPED,
  CLOSE_IN_USE,
  CLOSE_NOT_VALID,
  CLOSE_REPLACED,
  WS_PATH,
  WS_PROTOCOL,
  type EventFrame,
  type SessionFrame,
} from './bridge-protocol';
import { LaunchGate } from './launch-gate';
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
  /** Hosts a lab may reach over plain http (core's transport-policy.ts); default: NEXUS_ALLOW_HTTP_HOSTS. */
  allowHttpHosts?: readonly string[];
  /** Passed to core; tests turn periodic sync off with 0. */
  syncIntervalMs?: number;
  /** Passed to core (issue 17): how often an idle console checks the server still answers. */
  reachabilityProbeMs?: number;
  /** A prebuilt renderer folder and bridge script; default: out/web + out/web-bridge, built when missing or stale. */
  web?: WebBuild;
  log?: (line: string) => void;
  /** Organization policy file; default `NEXUS_POLICY_FILE` or /etc/nexus-admin/policies.json. */
  policyFile?: string;
  /** Core's clock (tests move it together with the sandbox's instead of waiting). */
  now?: () => Date;
}

export interface WebHost {
  /** `http://127.0.0.1:PORT` — the address alone opens nothing. */
  origin: string;
  port: number;
  /**
   * `http://127.0.0.1:PORT/#launch=CODE` with a fresh one-time code: the first page to open it
   * gets the console (see launch-gate.ts). Hand it to one browser tab only, never to a command line.
   */
  launchUrl(): string;
  close(): Promise<void>;
}

/** How long a reloading tab's new socket waits for its old one to finish closing. */
const RELOAD_GRACE_MS = 3000;

function closedWithin(socket: WebSocket, ms: number): Promise<void> {
  return new Promise((resolve) => {
    if (socket.readyState === socket.CLOSED) return resolve();
    const timer = setTimeout(resolve, ms);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
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
    allowHttpHosts: options.allowHttpHosts ?? allowHttpHostsFromEnv(process.env),
    ...(options.syncIntervalMs !== undefined ? { syncIntervalMs: options.syncIntervalMs } : {}),
    ...(options.reachabilityProbeMs !== undefined ? { reachabilityProbeMs: options.reachabilityProbeMs } : {}),
    ...(options.now ? { now: options.now } : {}),
  });

  const gate = new LaunchGate();
  const server: Server = createServer();
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: 1024 * 1024,
    // Select our protocol; the launch "protocol" is never echoed back.
    handleProtocols: (offered) => (offered.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
  });
  // An unhandled 'error' would end the process (and the admin's session): log it, never throw.
  const logError = (where: string) => (error: Error) => log(`web-host: ${where}: ${error.message}`);
  server.on('error', logError('server'));
  sockets.on('error', logError('WebSocket server'));

  let port = 0;
  const connections = new Set<WebSocket>();
  /** The one socket that has the console; events go to it alone. */
  let live: WebSocket | null = null;
  const stopEvents = core.onEvent((event, payload) => {
    const frame: EventFrame = { type: 'event', event, payload };
    if (live?.readyState === live?.OPEN) live?.send(JSON.stringify(frame));
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
      socket.on('error', logError('socket'));
      const pathname = new URL(request.url ?? '/', origin).pathname;
      const verdict =
        pathname === WS_PATH
          ? checkWebSocketHandshake(request.headers, port)
          : ({ ok: false, status: 400, reason: 'unknown path' } as const);
      if (!verdict.ok) {
        log(`web-host: refused a WebSocket (${verdict.reason})`);
        socket.end(`HTTP/1.1 ${verdict.status} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
        return;
      }
      void admit(request, socket, head);
    });
  } catch (error) {
    stopEvents();
    await core.close();
    server.close();
    throw error;
  }

  /**
   * A page with our Host and Origin knocks: a fresh code starts a session (ending any other), the
   * session token lets the same tab back in when no other socket is open. A refusal is an open
   * socket closed at once with a code the page turns into a sentence (a browser never sees the
   * status of a refused handshake).
   */
  async function admit(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const offered = request.headers['sec-websocket-protocol'];
    let admission = gate.admit(offered, live !== null);
    if (!admission.ok && admission.reason === 'in_use' && live) {
      // A reload: the old page's socket may still be closing as the new page knocks.
      await closedWithin(live, RELOAD_GRACE_MS);
      admission = gate.admit(offered, live !== null);
    }
    if (socket.destroyed) return;
    sockets.handleUpgrade(request, socket, head, (ws) => {
      connections.add(ws);
      ws.on('error', logError('page socket'));
      ws.on('close', () => {
        connections.delete(ws);
        if (live === ws) live = null;
      });
      if (!admission.ok) {
        log(
          `web-host: refused a page (${admission.reason === 'in_use' ? 'another window is open' : 'used or unknown code'})`,
        );
        ws.close(admission.reason === 'in_use' ? CLOSE_IN_USE : CLOSE_NOT_VALID, admission.reason);
        return;
      }
      if (live) live.close(CLOSE_REPLACED, 'replaced');
      live = ws;
      const session: SessionFrame = { type: 'session', token: admission.sessionToken };
      ws.send(JSON.stringify(session));
      serveSocket(ws, { dispatch: (command, input) => core.dispatch(command, input), log });
    });
  }

  let closed: Promise<void> | null = null;
  const hostOrigin = `http://127.0.0.1:${port}`;
  return {
    origin: hostOrigin,
    port,
    launchUrl: () => `${hostOrigin}/#launch=${gate.mintCode()}`,
    close() {
      closed ??= (async () => {
        stopEvents();
        gate.close();
        // Say goodbye (the page then drops its dead session token), but do not wait long for it.
        await Promise.all(
          [...connections].map((socket) => {
            socket.close(CLOSE_HOST_STOPPED, 'host stopped');
            return closedWithin(socket, 500);
          }),
        );
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
