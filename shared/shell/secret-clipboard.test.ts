import { describe, expect, it } from 'vitest';
import { createSecretClipboard, type TimerPort } from './secret-clipboard';

/** A clipboard that behaves like one (holds one string), and timers we fire by hand. */
function setup(defaultClearAfterMs?: number) {
  let text = 'what the admin had before';
  const clipboard = { readText: () => text, writeText: (next: string) => void (text = next) };
  const scheduled: Array<{ callback: () => void; ms: number; cancelled: boolean }> = [];
  const timers: TimerPort = {
    setTimeout: (callback, ms) => {
      const entry = { callback, ms, cancelled: false };
      scheduled.push(entry);
      return entry;
    },
    clearTimeout: (handle) => void ((handle as { cancelled: boolean }).cancelled = true),
  };
  const cleared: Date[] = [];
  const fixedNow = new Date('2030-01-01T00:00:00.000Z');
  const secretClipboard = createSecretClipboard({
    clipboard,
    timers,
    now: () => fixedNow,
    onCleared: (at) => cleared.push(at),
    ...(defaultClearAfterMs ? { defaultClearAfterMs } : {}),
  });
  const fireAll = async () => {
    for (const entry of scheduled.splice(0)) if (!entry.cancelled) entry.callback();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return {
    secretClipboard,
    scheduled,
    cleared,
    fireAll,
    read: () => text,
    userCopies: (next: string) => void (text = next),
  };
}

describe('secret clipboard', () => {
  it('writes the secret and clears it after 30 s by default when it is still there', async () => {
    const s = setup();
    const { clearsAt } = await s.secretClipboard.copy('Tmp-Pass-1234');
    expect(s.read()).toBe('Tmp-Pass-1234');
    expect(s.scheduled.map((entry) => entry.ms)).toEqual([30_000]);
    expect(clearsAt).toBe('2030-01-01T00:00:30.000Z');
    await s.fireAll();
    expect(s.read()).toBe('');
    expect(s.cleared).toHaveLength(1);
  });

  it('uses the delay the caller asks for', async () => {
    const s = setup();
    await s.secretClipboard.copy('secret', 5_000);
    expect(s.scheduled.map((entry) => entry.ms)).toEqual([5_000]);
  });

  it('leaves the clipboard alone when the admin copied something else since', async () => {
    const s = setup();
    await s.secretClipboard.copy('Tmp-Pass-1234');
    s.userCopies('an address the admin copied');
    await s.fireAll();
    expect(s.read()).toBe('an address the admin copied');
    expect(s.cleared).toHaveLength(0);
  });

  it('a newer copy replaces the pending clear, which then clears the newer secret only', async () => {
    const s = setup();
    await s.secretClipboard.copy('first');
    await s.secretClipboard.copy('second');
    expect(s.scheduled.filter((entry) => !entry.cancelled)).toHaveLength(1);
    await s.fireAll();
    expect(s.read()).toBe('');
    expect(s.cleared).toHaveLength(1);
  });

  it('flush clears at once if unchanged, and does nothing when nothing is pending', async () => {
    const s = setup();
    expect(await s.secretClipboard.flush()).toBe(false);
    await s.secretClipboard.copy('secret');
    expect(await s.secretClipboard.flush()).toBe(true);
    expect(s.read()).toBe('');
    await s.fireAll();
    expect(s.cleared).toHaveLength(1);
  });

  it('does not clear when the clipboard cannot be read (cannot tell it is ours)', async () => {
    let text = '';
    const secretClipboard = createSecretClipboard({
      clipboard: {
        readText: () => Promise.reject(new Error('read denied')),
        writeText: (next) => void (text = next),
      },
    });
    await secretClipboard.copy('secret');
    expect(await secretClipboard.flush()).toBe(false);
    expect(text).toBe('secret');
  });
});
