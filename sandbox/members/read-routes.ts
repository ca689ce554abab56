import { z } from 'zod';
import {
  emailSchema,
  memberListQuerySchema,
  PERMISSIONS,
  versionEtag,
  type EmailLookup,
  type MemberListPage,
} from '../../shared/api';
import { requireAuth, type ApiRequest, type ApiResponse, type SandboxContext } from '../context';
import { currentSeq } from '../db/schema';
import { validate } from '../http/body';
import { listRoles, orgAccess } from './org-access';
import { MEMBER_SELECT, getMemberRow, toMember, toTombstone, type MemberRow } from './member-view';
import { decodeCursor, encodeCursor, readSyncToken, syncToken } from './sync-token';

export function getRoles(ctx: SandboxContext, req: ApiRequest): ApiResponse {
  const access = orgAccess(ctx, requireAuth(req), req.params.orgId!);
  return { status: 200, body: { items: listRoles(ctx, access.orgId) } };
}

export function getMember(ctx: SandboxContext, req: ApiRequest): ApiResponse {
  const access = orgAccess(ctx, requireAuth(req), req.params.orgId!);
  const member = toMember(getMemberRow(ctx, access.orgId, req.params.memberId!));
  return { status: 200, body: member, headers: { ETag: versionEtag(member.version) } };
}

export function lookupUser(ctx: SandboxContext, req: ApiRequest): ApiResponse {
  const access = orgAccess(ctx, requireAuth(req), req.params.orgId!, PERMISSIONS.membersManage);
  const { email } = validate(z.object({ email: emailSchema }), Object.fromEntries(req.query), 'query');
  const user = ctx.db.prepare('SELECT id FROM users WHERE email = ?').get(email) as { id: string } | undefined;
  const membership = user
    ? (ctx.db
        .prepare('SELECT status FROM memberships WHERE org_id = ? AND user_id = ? AND deleted = 0')
        .get(access.orgId, user.id) as { status: EmailLookup['memberStatus'] } | undefined)
    : undefined;
  const body: EmailLookup = { exists: Boolean(user), memberStatus: membership?.status ?? null };
  return { status: 200, body };
}

/**
 * Full listing: keyset pages over (updatedAt, id), all carrying the sync token of the moment the
 * listing began so changes made meanwhile come back in the next delta. Delta: everything whose
 * change sequence is past the token, in sequence order, cancelled invitations as tombstones.
 */
export function listMembers(ctx: SandboxContext, req: ApiRequest): ApiResponse {
  const access = orgAccess(ctx, requireAuth(req), req.params.orgId!);
  const orgId = access.orgId;
  const query = validate(memberListQuerySchema, Object.fromEntries(req.query), 'query');
  const cursor = query.cursor ? decodeCursor(ctx, orgId, query.cursor) : null;

  if (query.since !== undefined || cursor?.kind === 'delta') {
    const since = cursor?.kind === 'delta' ? cursor.seq : readSyncToken(ctx, orgId, query.since!);
    const rows = ctx.db
      .prepare(`${MEMBER_SELECT} WHERE m.org_id = ? AND m.seq > ? ORDER BY m.seq LIMIT ?`)
      .all(orgId, since, query.limit + 1) as MemberRow[];
    const page = rows.slice(0, query.limit);
    const last = page.at(-1)?.seq ?? since;
    const body: MemberListPage = {
      items: page.map((row) => (row.deleted ? toTombstone(row) : toMember(row))),
      nextCursor: rows.length > query.limit ? encodeCursor(ctx, orgId, { kind: 'delta', seq: last }) : null,
      syncToken: syncToken(ctx, orgId, last),
    };
    return { status: 200, body };
  }

  const snapshot = cursor?.kind === 'full' ? cursor.snapshot : currentSeq(ctx.db);
  const rows = (
    cursor?.kind === 'full'
      ? ctx.db
          .prepare(
            `${MEMBER_SELECT} WHERE m.org_id = ? AND m.deleted = 0 AND (m.updated_at, m.id) > (?, ?)
             ORDER BY m.updated_at, m.id LIMIT ?`,
          )
          .all(orgId, cursor.updatedAt, cursor.id, query.limit + 1)
      : ctx.db
          .prepare(`${MEMBER_SELECT} WHERE m.org_id = ? AND m.deleted = 0 ORDER BY m.updated_at, m.id LIMIT ?`)
          .all(orgId, query.limit + 1)
  ) as MemberRow[];
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const body: MemberListPage = {
    items: page.map(toMember),
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor(ctx, orgId, { kind: 'full', updatedAt: last.updated_at, id: last.id, snapshot })
        : null,
    syncToken: syncToken(ctx, orgId, snapshot),
  };
  return { status: 200, body };
}
