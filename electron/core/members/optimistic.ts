import { INVITATION_TTL_MS, memberSchema, type Member } from '../../../shared/api';
import type { CacheStore } from '../cache/cache-store';
import type { OutboxRow } from '../local-store/local-rows';
import { localMemberId, makesMember } from '../local-store/outbox-ids';

const plusTtl = (iso: string) => new Date(Date.parse(iso) + INVITATION_TTL_MS).toISOString();

export function parseSnapshot(row: OutboxRow): Member | null {
  if (!row.snapshot_json) return null;
  try {
    const parsed = memberSchema.safeParse(JSON.parse(row.snapshot_json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The row a queued invite or create shows as until the server answers. */
export function localMemberFor(row: OutboxRow): Member {
  const invite = row.kind === 'invite';
  return {
    id: localMemberId(row.id),
    userId: 'local',
    email: row.email ?? '',
    name: invite ? '' : (row.name ?? ''),
    roleId: row.role_id ?? 'unknown',
    status: invite ? 'invited' : 'active',
    origin: invite ? 'invitation' : 'admin_created',
    mustChangePassword: !invite,
    invitation: invite
      ? { id: 'local', expiresAt: plusTtl(row.created_at), lastSentAt: row.created_at, sendCount: 1 }
      : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastSignInAt: null,
    version: 1,
    work: { tasks: 0, files: 0, notes: 0 },
  };
}

/**
 * Shows a queued change on its row at once. Idempotent, so it is simply applied again over fresh
 * server data after every pull, until the server has the change. A refused change on an existing
 * member is not shown: the row keeps the server's truth (marked refused, see `pending`). A refused
 * invite or create keeps its local row, the one place to fix it from.
 */
export function applyOptimistic(cache: CacheStore, row: OutboxRow): void {
  if (row.state === 'done') return;
  if (makesMember(row.kind)) {
    if (!row.result_member_id) cache.upsertMember(row.org_id, localMemberFor(row), { local: true });
    return;
  }
  if (row.state === 'needs_attention') return;
  if (!row.member_id) return;
  const cached = cache.getMember(row.member_id);
  if (!cached) return;
  const member = { ...cached.member };
  switch (row.kind) {
    case 'resendInvite': {
      const before = parseSnapshot(row)?.invitation ?? member.invitation;
      if (!member.invitation || !before) return;
      // Judged against the snapshot, so applying it twice does not count two sends.
      if (Date.parse(member.invitation.lastSentAt) > Date.parse(row.created_at)) return;
      member.invitation = {
        ...member.invitation,
        expiresAt: plusTtl(row.created_at),
        lastSentAt: row.created_at,
        sendCount: before.sendCount + 1,
      };
      break;
    }
    case 'setPassword':
      if (member.origin === 'admin_created') member.mustChangePassword = true;
      break;
    case 'changeRole':
      if (row.role_id) member.roleId = row.role_id;
      break;
    case 'remove':
      member.status = 'removed';
      member.invitation = null;
      break;
    case 'cancelInvite':
      // The row stays, marked pending, until the server's tombstone removes it.
      return;
  }
  cache.upsertMember(row.org_id, member, { local: cached.local });
}

/** Undoes what `applyOptimistic` showed, for a discarded entry. */
export function revertOptimistic(cache: CacheStore, row: OutboxRow): void {
  if (makesMember(row.kind)) {
    if (!row.result_member_id) cache.deleteMember(localMemberId(row.id));
    return;
  }
  const snapshot = parseSnapshot(row);
  if (!snapshot || !row.member_id) return;
  const cached = cache.getMember(row.member_id);
  if (!cached) return;
  const restored: Member = { ...cached.member };
  if (row.kind === 'changeRole') restored.roleId = snapshot.roleId;
  if (row.kind === 'remove') {
    restored.status = snapshot.status;
    restored.invitation = snapshot.invitation;
  }
  if (row.kind === 'setPassword') restored.mustChangePassword = snapshot.mustChangePassword;
  if (row.kind === 'resendInvite') restored.invitation = snapshot.invitation;
  cache.upsertMember(row.org_id, restored, { local: cached.local });
}

/**
 * Shows every open entry again, over whatever the server sent (after a pull, a discard, or a
 * rebuilt cache.db). One transaction: a commit per row made each cycle O(queued) commits.
 */
export function reapplyOutbox(cache: CacheStore, open: readonly OutboxRow[]): void {
  cache.transaction(() => {
    for (const row of open) {
      try {
        applyOptimistic(cache, row);
      } catch {
        // A row that cannot be shown stays in the outbox list.
      }
    }
  });
}
