/**
 * The frames between the browser bridge and the host over the loopback WebSocket. The page
 * offers two subprotocols: `nexus.v1` (which the host selects) and `nexus.launch.<secret>`, which
 * carries the launch secret on the handshake and is never echoed back.
 * No zod here: the page's bridge opens its connection with these before zod is even set up.
 */
export const WS_PATH = '/ws';
export const WS_PROTOCOL = 'nexus.v1';
export const LAUNCH_PROTOCOL_PREFIX = 'nexus.launch.';
export const BRIDGE_SCRIPT_PATH = '/nexus-bridge.js';

/** Page → host; checked by the host with `callFrameSchema` (socket-session.ts). */
export type CallFrame = { type: 'call'; id: number; command: string; input?: unknown };

export type ResultFrame = {
  type: 'result';
  id: number;
  result:
    { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } & Record<string, unknown> };
};
export type EventFrame = { type: 'event'; event: string; payload: unknown };
export type HostFrame = ResultFrame | EventFrame;
