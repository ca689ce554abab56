import { auditQuerySchema, type AuditEvent, type AuditPage } from '../../shared/api';
import { requireAuth, type ApiRequest, type ApiResponse, type SandboxContext } from '../context';
import { validate } from '../http/body';
import { ApiError } from '../http/problem';
import { orgAccess } from '../members/org-access';
import { sign, unsign } from '../members/sync-token';

interface AuditRow {
  seq: number;
  id: string;
  at: string;
  action: AuditEvent['action'];
  actor_user_id: string;
  actor_email: string;
  actor_name: string;
  member_id: string;
  member_email: string;
  member_name: string;
  details: string;
  client: string | null;
}

function toEvent(row: AuditRow): AuditEvent {
  return {
    id: row.id,
    at: row.at,
    action: row.action,
    actor: { id: row.actor_user_id, email: row.actor_email, name: row.actor_name },
    member: { id: row.member_id, email: row.member_email, name: row.member_name },
    details: JSON.parse(row.details) as AuditEvent['details'],
    client: row.client,
  };
}

/** A cursor is a signed position (the last event's sequence number) in this org's log. */
function readCursor(ctx: SandboxContext, orgId: string, cursor: string): number {
  const payload = unsign(ctx, 'audit', cursor);
  if (payload?.o === orgId && typeof payload.s === 'number') return payload.s;
  throw new ApiError(422, 'invalid_request', 'The cursor is not valid for this log. Start the listing again.', {
    errors: [{ path: 'cursor', message: 'Unknown cursor' }],
  });
}

const likeEscape = (text: string) => text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);

/** Repeated query parameters (`action=a&action=b`) arrive as arrays; the rest as single values. */
function queryObject(params: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(params.keys())) out[key] = key === 'action' ? params.getAll(key) : params.get(key);
  return out;
}

/** `GET /orgs/{orgId}/audit`: newest first, keyset-paged, filters combined with AND. Needs `members.read`. */
export function listAudit(ctx: SandboxContext, req: ApiRequest): ApiResponse {
  const access = orgAccess(ctx, requireAuth(req), req.params.orgId!);
  const query = validate(auditQuerySchema, queryObject(req.query), 'query');
  const where = ['org_id = ?'];
  const args: unknown[] = [access.orgId];
  if (query.cursor) {
    where.push('seq < ?');
    args.push(readCursor(ctx, access.orgId, query.cursor));
  }
  if (query.memberId) {
    where.push('member_id = ?');
    args.push(query.memberId);
  }
  if (query.actorId) {
    where.push('actor_user_id = ?');
    args.push(query.actorId);
  }
  if (query.action?.length) {
    where.push(`action IN (${query.action.map(() => '?').join(', ')})`);
    args.push(...query.action);
  }
  // ISO strings in UTC compare as text; normalise so "+02:00" offsets compare correctly too.
  if (query.from) {
    where.push('at >= ?');
    args.push(new Date(query.from).toISOString());
  }
  if (query.to) {
    where.push('at < ?');
    args.push(new Date(query.to).toISOString());
  }
  for (const word of query.q?.split(/\s+/).filter(Boolean) ?? []) {
    where.push(
      `lower(member_email || ' ' || member_name || ' ' || actor_email || ' ' || actor_name) LIKE ? ESCAPE '\\'`,
    );
    args.push(`%${likeEscape(word)}%`);
  }
  const rows = ctx.db
    .prepare(`SELECT * FROM audit WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT ?`)
    .all(...args, query.limit + 1) as AuditRow[];
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const body: AuditPage = {
    items: page.map(toEvent),
    nextCursor: rows.length > query.limit && last ? sign(ctx, 'audit', { o: access.orgId, s: last.seq }) : null,
  };
  return { status: 200, body };
}
