/**
 * Notices a socket that is open but dead: a host that is frozen (stopped in a debugger, `kill
 * -STOP`, a machine that hangs) never closes the page's socket, and without this every call made
 * meanwhile would wait for ever. When the socket has been quiet for `idleMs` the page sends a
 * ping (the host answers at once, whatever core is busy with, `socket-session.ts`); any frame
 * counts as an answer. No answer within `answerMs` of the ping: the socket is dead.
 *
 * A tab that was itself suspended (a laptop asleep, a background tab's throttled timers) sees its
 * timer fire late; then the wait starts again rather than blaming the host for the page's nap.
 * A long command is not a dead socket: the pings go on while it runs and are answered.
 */
export interface HeartbeatTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

export interface HeartbeatOptions {
  idleMs: number;
  answerMs: number;
}

export const DEFAULT_HEARTBEAT: HeartbeatOptions = { idleMs: 5_000, answerMs: 15_000 };

export interface Heartbeat {
  /** Call on every frame from the host. */
  received(): void;
  stop(): void;
}

export function startHeartbeat(
  timers: HeartbeatTimers,
  options: HeartbeatOptions,
  sendPing: () => void,
  onDead: () => void,
): Heartbeat {
  let lastFrameAt = timers.now();
  let pingSentAt: number | null = null;
  let stopped = false;
  let handle: unknown = null;
  const tickMs = Math.max(10, Math.min(options.idleMs, options.answerMs) / 2);

  function schedule(): void {
    const scheduledAt = timers.now();
    handle = timers.setTimeout(() => tick(scheduledAt), tickMs);
  }

  function tick(scheduledAt: number): void {
    if (stopped) return;
    const now = timers.now();
    const late = now - scheduledAt > tickMs + Math.max(options.idleMs, 1_000);
    if (pingSentAt !== null && late) {
      // This page was not running for a while: give the host a fair chance to answer again.
      pingSentAt = now;
      sendPing();
    } else if (pingSentAt !== null && now - pingSentAt >= options.answerMs) {
      stopped = true;
      onDead();
      return;
    } else if (pingSentAt === null && now - lastFrameAt >= options.idleMs) {
      pingSentAt = now;
      sendPing();
    }
    schedule();
  }

  schedule();
  return {
    received() {
      lastFrameAt = timers.now();
      pingSentAt = null;
    },
    stop() {
      stopped = true;
      timers.clearTimeout(handle);
    },
  };
}
