import { useCallback, useEffect, useState } from 'react';
import type { ConsoleErrorShape } from '../../../shared/contract/errors';
import type { MemberDetail } from '../../../shared/contract/members';
import { useMembersQueryStore } from '../stores/members-query-store';
import { call, toConsoleError } from './nexus';

/** One member from core, fetched again whenever members change (sync, a queued change). */
export function useMemberDetail(memberId: string) {
  const revision = useMembersQueryStore((s) => s.revision);
  const [detail, setDetail] = useState<MemberDetail | null>(null);
  const [error, setError] = useState<ConsoleErrorShape | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    call('members.get', { memberId })
      .then((value) => {
        if (cancelled) return;
        setDetail(value);
        setError(null);
      })
      .catch((err: unknown) => {
        if (!cancelled) setError(toConsoleError(err));
      });
    return () => {
      cancelled = true;
    };
  }, [memberId, revision, attempt]);

  const retry = useCallback(() => setAttempt((a) => a + 1), []);
  return { detail, error, retry };
}
