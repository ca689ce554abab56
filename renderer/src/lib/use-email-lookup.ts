import { useEffect, useState } from 'react';
import { useDebouncedValue } from '@mantine/hooks';
import { emailSchema } from '../../../shared/api/common';
import type { LookupEmailResult } from '../../../shared/contract/members';
import { call } from './nexus';

/** The contract's email rule (the one core and the server apply), not a look-alike regex. */
export const looksLikeEmail = (email: string) => emailSchema.safeParse(email).success;

export type EmailLookupState =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'done'; result: LookupEmailResult }
  | { kind: 'failed'; message: string };

/** Checks an email with core once typing pauses; answers only for the email currently typed. */
export function useEmailLookup(email: string, delayMs = 400): EmailLookupState {
  const trimmed = email.trim().toLowerCase();
  const [debounced] = useDebouncedValue(trimmed, delayMs);
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
