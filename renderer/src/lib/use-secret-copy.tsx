import { useCallback, useState } from 'react';
import { Text } from '@mantine/core';
import { useInterval } from '@mantine/hooks';
import { errorMessage } from './error-message';
import { call, toConsoleError } from './nexus';
import { useNexusEvent } from './use-nexus-event';
import { useSettingsStore } from '../stores/settings-store';

type ClipboardState =
  | { kind: 'idle' }
  | { kind: 'copied'; what: string; clearsAt: number }
  | { kind: 'cleared' }
  | { kind: 'failed'; message: string };

/**
 * Copy-with-clear for secrets: the shell writes the text (marked as a secret where it can) and
 * clears the clipboard after the configured delay, only if it still holds it. Used by the
 * show-once credentials dialog and by the Handover screen; `CopyStatus` says what happened.
 */
export function useSecretCopy() {
  const [clipboard, setClipboard] = useState<ClipboardState>({ kind: 'idle' });
  useNexusEvent('clipboard.cleared', () => {
    setClipboard((state) => (state.kind === 'copied' ? { kind: 'cleared' } : state));
  });

  /** Copies `text`; resolves true once the clipboard has it. */
  async function copy(what: string, text: string): Promise<boolean> {
    try {
      const clearAfterMs = useSettingsStore.getState().values.ClipboardClearSeconds * 1000;
      const { clearsAt } = await call('clipboard.copySecret', { text, clearAfterMs });
      setClipboard({ kind: 'copied', what, clearsAt: Date.parse(clearsAt) });
      return true;
    } catch (error) {
      setClipboard({ kind: 'failed', message: errorMessage(toConsoleError(error)) });
      return false;
    }
  }

  const reset = useCallback(() => setClipboard({ kind: 'idle' }), []);
  return { clipboard, copy, reset };
}

/** The one status line under the copy buttons (polite live region). */
export function CopyStatus({ copying }: { copying: ReturnType<typeof useSecretCopy> }) {
  const { clipboard } = copying;
  return (
    <Text size="sm" aria-live="polite" role="status" mih={20}>
      {clipboard.kind === 'copied' && <ClearCountdown what={clipboard.what} clearsAt={clipboard.clearsAt} />}
      {clipboard.kind === 'cleared' && 'The clipboard has been cleared.'}
      {clipboard.kind === 'failed' && <span className="text-error">Couldn't copy: {clipboard.message}</span>}
    </Text>
  );
}

/** Mounted only while a copy waits to be cleared, so no timer runs otherwise. */
function ClearCountdown({ what, clearsAt }: { what: string; clearsAt: number }) {
  const [now, setNow] = useState(() => Date.now());
  useInterval(() => setNow(Date.now()), 1000, { autoInvoke: true });
  const secondsLeft = Math.max(0, Math.ceil((clearsAt - now) / 1000));
  return secondsLeft > 0
    ? `${what} copied. The clipboard will be cleared in ${secondsLeft} s.`
    : `${what} copied. Clearing the clipboard…`;
}
