import { useEffect, useState } from 'react';
import type { MemberCounts } from '../../../shared/contract/members';
import { call } from './nexus';

/**
 * The org's members per badge among those matching the list's search text and role filter
 * (`members.counts`, from core's member index), asked again whenever the list is (`revision`
 * bumps on `members.changed`) or the text or roles change: a count is what its filter would
 * show. null until the first answer, and after a failure: the counts are a summary, the list
 * itself still works.
 */
export function useMemberCounts(
  orgId: string | null,
  revision: number,
  filter: { text: string; roleIds: string[] } = { text: '', roleIds: [] },
): MemberCounts | null {
  const { text, roleIds } = filter;
  const [counts, setCounts] = useState<MemberCounts | null>(null);
  useEffect(() => {
    if (!orgId) return;
    let current = true;
    call('members.counts', { text, roleIds })
      .then((answer) => current && setCounts(answer))
      .catch(() => current && setCounts(null));
    return () => {
      current = false;
    };
  }, [orgId, revision, text, roleIds]);
  return counts;
}

/** The members the list shows without a status filter (removed ones only when asked for). */
export function visibleTotal(counts: MemberCounts, includeRemoved: boolean): number {
  return (
    counts.Active + counts.Pending + counts.Expired + counts['Created by admin'] + (includeRemoved ? counts.Removed : 0)
  );
}
