/**
 * The frames between the browser bridge and the host over the loopback WebSocket. The page
 * offers two subprotocols: `nexus.v1` (which the host selects) and `nexus.launch.<credential>`,
 * which carries a one-time launch code or the tab's session token on the handshake and is never
 * echoed back (see `launch-gate.ts`).
 * No zod here: the page's bridge opens its connection with these before zod is even set up.
 */
export const WS_PATH = '/ws';
export const WS_PROTOCOL = 'nexus.v1';
export const LAUNCH_PROTOCOL_PREFIX = 'nexus.launch.';
export const BRIDGE_SCRIPT_PATH = '/nexus-bridge.js';

/** Page → host; checked by the host with `callFrameSchema` (socket-session.ts). */
export type CallFrame = { type: 'call'; id: number; command: string; input?: unknown };
/** Page → host when the socket has been quiet: is the host still answering? (`bridge-heartbeat.ts`) */
export type PingFrame = { type: 'ping' };

export type ResultFrame = {
  type: 'result';
  id: number;
  result:
    { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } & Record<string, unknown> };
};
export type EventFrame = { type: 'event'; event: string; payload: unknown };
/** The first frame on an admitted socket: the token that lets a reload of this tab back in. */
export type SessionFrame = { type: 'session'; token: string };
/** The host's answer to a ping. */
export type PongFrame = { type: 'pong' };
export type HostFrame = ResultFrame | EventFrame | SessionFrame | PongFrame;

/**
 * Close codes with which the host refuses or ends a page's socket, and what the page tells the
 * admin (a close reason is limited to 123 bytes, so the sentences live here, not on the wire).
 */
export const CLOSE_NOT_VALID = 4401;
export const CLOSE_IN_USE = 4409;
export const CLOSE_REPLACED = 4410;
export const CLOSE_HOST_STOPPED = 4503;
export const CLOSE_MESSAGES: Record<number, string> = {
  [CLOSE_NOT_VALID]:
    'This link has already been used or is not valid: each link opens the console once. Start Nexus Admin again (npm start) for a new one.',
  [CLOSE_IN_USE]: 'Nexus Admin is already open in another window. Use that window, or close it and reload this one.',
  [CLOSE_REPLACED]: 'Nexus Admin was opened in another window with a new link. Use that window.',
  [CLOSE_HOST_STOPPED]:
    'Nexus Admin was stopped on this computer, so this tab can do nothing now and will not reconnect. Start it again (npm start) and open the new link it prints. Changes already queued are kept.',
};

/**
 * What the page says when the host it was connected to is gone. A session token dies with the
 * host (launch-gate.ts), so a restarted host cannot let this tab back in: only a new link can.
 */
export const HOST_RESTARTED_MESSAGE =
  'Nexus Admin was restarted on this computer, and this tab cannot reconnect to the new one. Open the new link it printed (or the window it opened). Changes already queued are kept.';
export const HOST_LOST_MESSAGE =
  'Lost the connection to Nexus Admin on this computer: it stopped or is not answering, so nothing can be done here now. If you stopped it, start it again (npm start) and open the new link it prints.';
