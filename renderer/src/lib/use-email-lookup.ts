import { useEffect, useState } from 'react';
import type { LookupEmailResult } from '../../../shared/contract/members';
import { useDebouncedValue } from './debounced-value';
import { call } from './nexus';

export const looksLikeEmail = (email: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim());

export type EmailLookupState =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'done'; result: LookupEmailResult }
  | { kind: 'failed'; message: string };

/** Checks an email with core once typing pauses; answers only for the email currently typed. */
export function useEmailLookup(email: string, delayMs = 400): EmailLookupState {
  const trimmed = email.trim().toLowerCase();
  const debounced = useDebouncedValue(trimmed, delayMs);
  const [state, setState] = useState<{ email: string; lookup: EmailLookupState }>({
    email: '',
    lookup: { kind: 'idle' },
  });

  useEffect(() => {
    if (!looksLikeEmail(debounced)) return;
    let cancelled = false;
    setState({ email: debounced, lookup: { kind: 'checking' } });
    call('members.lookupEmail', { email: debounced })
      .then((result) => !cancelled && setState({ email: debounced, lookup: { kind: 'done', result } }))
      .catch((error: { message?: string }) => {
        if (!cancelled)
          setState({ email: debounced, lookup: { kind: 'failed', message: error.message ?? 'The check failed.' } });
      });
    return () => {
      cancelled = true;
    };
  }, [debounced]);

  if (!looksLikeEmail(trimmed)) return { kind: 'idle' };
  if (state.email !== trimmed) return { kind: 'checking' };
  return state.lookup;
}
