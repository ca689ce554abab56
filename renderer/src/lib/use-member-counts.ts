import { useEffect, useState } from 'react';
import type { MemberCounts } from '../../../shared/contract/members';
import { call } from './nexus';

/**
 * The org's members per badge, from core (`members.counts`, one SQL pass over the cache), asked
 * again whenever the list is (`revision` bumps on `members.changed`). null until the first
 * answer, and after a failure: the counts are a summary, the list itself still works.
 */
export function useMemberCounts(orgId: string | null, revision: number): MemberCounts | null {
  const [counts, setCounts] = useState<MemberCounts | null>(null);
  useEffect(() => {
    if (!orgId) return;
    let current = true;
    call('members.counts')
      .then((answer) => current && setCounts(answer))
      .catch(() => current && setCounts(null));
    return () => {
      current = false;
    };
  }, [orgId, revision]);
  return counts;
}

/** The members the list shows without a status filter (removed ones only when asked for). */
export function visibleTotal(counts: MemberCounts, includeRemoved: boolean): number {
  return (
    counts.Active + counts.Pending + counts.Expired + counts['Created by admin'] + (includeRemoved ? counts.Removed : 0)
  );
}
