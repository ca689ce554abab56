import { describe, expect, it } from 'vitest';
import { createSecretClipboard, isSignOutEvent, type TimerPort } from '../../shared/shell/secret-clipboard';
import { electronSecretClipboardPort, osFormat, secretClipboardEntries } from './secret-clipboard-item';

/**
 * The seam between the secret clipboard and Electron's clipboard, run here with a fake of
 * Electron 45's async clipboard and ClipboardItem: one atomic write carrying the markers that
 * clipboard history and managers honour, and the clear-only-if-unchanged rule kept.
 */
class FakeItem {
  constructor(readonly items: Record<string, string | Blob>) {}
}

function fakeClipboard() {
  let text = '';
  const writes: FakeItem[][] = [];
  return {
    writes,
    get text() {
      return text;
    },
    set text(value: string) {
      text = value;
    },
    readText: async () => text,
    writeText: async (value: string) => {
      text = value;
    },
    write: async (items: FakeItem[]) => {
      writes.push(items);
      const plain = items[0]?.items['text/plain'];
      text = typeof plain === 'string' ? plain : '';
    },
  };
}

function manualTimers(): TimerPort & { fire(): void } {
  let pending: (() => void) | null = null;
  return {
    setTimeout: (callback) => ((pending = callback), 1),
    clearTimeout: () => (pending = null),
    fire: () => pending?.(),
  };
}

async function payloads(item: FakeItem): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [format, value] of Object.entries(item.items))
    out[format] =
      typeof value === 'string' ? `text:${value}` : `bytes:${[...new Uint8Array(await value.arrayBuffer())].join(',')}`;
  return out;
}

describe('secret clipboard in the Electron shell', () => {
  it('Windows: one write with the text, ExcludeClipboardContentFromMonitorProcessing and the two DWORD-0 formats', async () => {
    const clipboard = fakeClipboard();
    const secret = createSecretClipboard({
      clipboard: electronSecretClipboardPort(clipboard, FakeItem, 'win32'),
      timers: manualTimers(),
    });
    await secret.copy('Tmp-Pass-Word-1');
    expect(clipboard.writes).toHaveLength(1);
    expect(clipboard.writes[0]).toHaveLength(1);
    expect(await payloads(clipboard.writes[0]![0]!)).toEqual({
      'text/plain': 'text:Tmp-Pass-Word-1',
      [osFormat('ExcludeClipboardContentFromMonitorProcessing')]: 'bytes:',
      [osFormat('CanIncludeInClipboardHistory')]: 'bytes:0,0,0,0',
      [osFormat('CanUploadToCloudClipboard')]: 'bytes:0,0,0,0',
    });
  });

  it('macOS: org.nspasteboard.ConcealedType; Linux: x-kde-passwordManagerHint = secret', () => {
    expect(Object.keys(secretClipboardEntries('x', 'darwin'))).toEqual([
      'text/plain',
      'electron application/osclipboard;format="org.nspasteboard.ConcealedType"',
    ]);
    expect(secretClipboardEntries('x', 'linux')).toEqual({
      'text/plain': 'x',
      'electron application/osclipboard;format="x-kde-passwordManagerHint"': 'secret',
    });
  });

  it('still clears only if the clipboard holds the secret unchanged', async () => {
    const clipboard = fakeClipboard();
    const timers = manualTimers();
    const secret = createSecretClipboard({
      clipboard: electronSecretClipboardPort(clipboard, FakeItem, 'linux'),
      timers,
    });
    await secret.copy('Tmp-Pass-Word-1');
    clipboard.text = 'something the admin copied';
    timers.fire();
    await new Promise((resolve) => setImmediate(resolve));
    expect(clipboard.text).toBe('something the admin copied');

    await secret.copy('Tmp-Pass-Word-2');
    expect(await secret.flush()).toBe(true);
    expect(clipboard.text).toBe('');
  });

  it('sign-out is a reason to clear', () => {
    expect(isSignOutEvent('session.changed', { state: 'signedOut' })).toBe(true);
    expect(isSignOutEvent('session.changed', { state: 'signedIn' })).toBe(false);
    expect(isSignOutEvent('sync.status', { state: 'signedOut' })).toBe(false);
  });
});
