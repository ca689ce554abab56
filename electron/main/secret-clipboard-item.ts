import type { ClipboardPort } from '../../shared/shell/secret-clipboard';

/**
 * What a secret copied in the Electron shell is written with: the text, plus the markers that
 * clipboard history and clipboard managers honour, so the password is not kept after we clear
 * it (clearing later cannot take back what a history already captured):
 * - Windows: `ExcludeClipboardContentFromMonitorProcessing` (any payload), and the DWORD-0
 *   formats `CanIncludeInClipboardHistory` (Win+V) and `CanUploadToCloudClipboard`;
 * - macOS: `org.nspasteboard.ConcealedType` (nspasteboard.org; the payload is not read);
 * - Linux: `x-kde-passwordManagerHint` = `secret` (Klipper and others that follow it).
 * Electron 45's `clipboard.write([ClipboardItem])` commits every format of an item atomically;
 * a raw platform format is named `electron application/osclipboard;format="<name>"`.
 */
export const osFormat = (name: string): string => `electron application/osclipboard;format="${name}"`;

const DWORD_ZERO = new Uint8Array(4);

export function secretClipboardEntries(text: string, platform: NodeJS.Platform): Record<string, string | Uint8Array> {
  const entries: Record<string, string | Uint8Array> = { 'text/plain': text };
  if (platform === 'win32') {
    entries[osFormat('ExcludeClipboardContentFromMonitorProcessing')] = new Uint8Array(0);
    entries[osFormat('CanIncludeInClipboardHistory')] = DWORD_ZERO;
    entries[osFormat('CanUploadToCloudClipboard')] = DWORD_ZERO;
  } else if (platform === 'darwin') {
    entries[osFormat('org.nspasteboard.ConcealedType')] = '';
  } else {
    entries[osFormat('x-kde-passwordManagerHint')] = 'secret';
  }
  return entries;
}

/** The slice of Electron's clipboard and ClipboardItem used here (injected: tests pass fakes). */
export interface ElectronClipboardLike<Item> {
  readText(): Promise<string> | string;
  writeText(text: string): Promise<void> | void;
  write(items: Item[]): Promise<void>;
}
export type ClipboardItemClass<Item> = new (items: Record<string, string | Blob>) => Item;

/** The port `createSecretClipboard` uses in main: secrets go out in one write with the markers. */
export function electronSecretClipboardPort<Item>(
  clipboard: ElectronClipboardLike<Item>,
  ClipboardItem: ClipboardItemClass<Item>,
  platform: NodeJS.Platform,
): ClipboardPort {
  return {
    readText: () => clipboard.readText(),
    writeText: (text) => clipboard.writeText(text),
    writeSecret: async (text) => {
      const items: Record<string, string | Blob> = {};
      for (const [format, payload] of Object.entries(secretClipboardEntries(text, platform)))
        items[format] = typeof payload === 'string' ? payload : new Blob([payload]);
      await clipboard.write([new ClipboardItem(items)]);
    },
  };
}
