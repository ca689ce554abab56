import type { IncomingHttpHeaders } from 'node:http';

/**
 * The host answers only requests addressed to itself: `Host` must name the loopback address and
 * our port (a DNS-rebinding page sends its own host name), and a WebSocket handshake must also
 * come from our own page's `Origin`. Which page may have the console is `launch-gate.ts`'s call.
 */
export type GuardVerdict = { ok: true } | { ok: false; status: 400 | 403 | 421; reason: string };

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function checkHost(headers: IncomingHttpHeaders, port: number): GuardVerdict {
  const host = headers.host?.toLowerCase();
  if (!host || !allowedHosts(port).includes(host)) {
    return { ok: false, status: 421, reason: 'unexpected Host header' };
  }
  return { ok: true };
}

export function checkWebSocketHandshake(headers: IncomingHttpHeaders, port: number): GuardVerdict {
  const host = checkHost(headers, port);
  if (!host.ok) return host;
  const origin = headers.origin;
  if (!origin || !allowedHosts(port).some((allowed) => origin === `http://${allowed}`)) {
    return { ok: false, status: 403, reason: 'foreign Origin' };
  }
  return { ok: true };
}
