import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { startHeartbeat } from './bridge-heartbeat';

/** The heartbeat blames the host only for its own silence, never for the page's own nap. */
const options = { idleMs: 1_000, answerMs: 3_000 };
const timers = {
  setTimeout: (callback: () => void, ms: number) => setTimeout(callback, ms),
  clearTimeout: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

it('a page that was suspended (its timer fired late) pings again instead of declaring the host dead', async () => {
  let pings = 0;
  let dead = false;
  startHeartbeat(
    timers,
    options,
    () => (pings += 1),
    () => (dead = true),
  );
  await vi.advanceTimersByTimeAsync(options.idleMs + 500);
  expect(pings).toBe(1);
  // The laptop sleeps for a minute: the clock jumps, no timer ran meanwhile.
  vi.setSystemTime(Date.now() + 60_000);
  await vi.advanceTimersByTimeAsync(500);
  expect(dead).toBe(false);
  expect(pings).toBe(2);
  // Still nothing from the host after a fair wait: now it is dead.
  await vi.advanceTimersByTimeAsync(options.answerMs + 500);
  expect(dead).toBe(true);
});

it('any frame from the host answers the ping', async () => {
  let dead = false;
  const heartbeat = startHeartbeat(
    timers,
    options,
    () => undefined,
    () => (dead = true),
  );
  for (let i = 0; i < 10; i += 1) {
    await vi.advanceTimersByTimeAsync(options.idleMs);
    heartbeat.received();
  }
  expect(dead).toBe(false);
  heartbeat.stop();
});
