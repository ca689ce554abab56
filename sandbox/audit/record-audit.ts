import type { IncomingHttpHeaders } from 'node:http';
import { nexusClientSchema, type AuditAction, type AuditEvent } from '../../shared/api';
import type { SandboxContext } from '../context';
import { newId } from '../auth/tokens';
import { ApiError } from '../http/problem';

/**
 * The `X-Nexus-Client` a request names itself with: null when absent, `422 invalid_request` when
 * it is not 1–100 printable characters (checked before any handler runs, so nothing changes).
 */
export function readNexusClient(headers: IncomingHttpHeaders): string | null {
  const value = headers['x-nexus-client'];
  if (value === undefined) return null;
  const parsed = nexusClientSchema.safeParse(Array.isArray(value) ? value[0] : value);
  if (!parsed.success) {
    throw new ApiError(422, 'invalid_request', 'X-Nexus-Client must be 1 to 100 printable characters.', {
      errors: [{ path: 'X-Nexus-Client', message: 'Must be 1 to 100 printable ASCII characters' }],
    });
  }
  return parsed.data;
}

export interface AuditInput {
  orgId: string;
  action: AuditAction;
  /** The user whose request made the change. */
  actorUserId: string;
  memberId: string;
  details?: AuditEvent['details'];
  headers: IncomingHttpHeaders;
}

/**
 * Writes one audit event. Call it inside the change's `commit()` so the event and the change
 * land in the same SQLite transaction: no change without its event, no event without its change.
 * Names and emails are copied as they are now, so later renames do not rewrite history.
 */
export function recordAudit(ctx: SandboxContext, input: AuditInput): void {
  const actor = ctx.db.prepare('SELECT email, name FROM users WHERE id = ?').get(input.actorUserId) as
    { email: string; name: string } | undefined;
  const member = ctx.db
    .prepare('SELECT u.email, u.name FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.id = ?')
    .get(input.memberId) as { email: string; name: string } | undefined;
  if (!actor || !member) throw new Error(`audit: unknown actor or member (${input.action})`);
  ctx.db
    .prepare(
      `INSERT INTO audit (id, org_id, at, action, actor_user_id, actor_email, actor_name,
         member_id, member_email, member_name, details, client)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      newId('aud'),
      input.orgId,
      ctx.now().toISOString(),
      input.action,
      input.actorUserId,
      actor.email,
      actor.name,
      input.memberId,
      member.email,
      member.name,
      JSON.stringify(input.details ?? {}),
      readNexusClient(input.headers),
    );
}

/** The role fields of an event's details, by role id. */
export function roleDetails(
  ctx: SandboxContext,
  roleId: string,
  prefix: 'role' | 'previousRole' = 'role',
): AuditEvent['details'] {
  const row = ctx.db.prepare('SELECT name FROM roles WHERE id = ?').get(roleId) as { name: string } | undefined;
  return prefix === 'role'
    ? { roleId, roleName: row?.name ?? roleId }
    : { previousRoleId: roleId, previousRoleName: row?.name ?? roleId };
}
