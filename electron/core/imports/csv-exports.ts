import type { z } from 'zod';
import type { membersExportInputSchema } from '../../../shared/contract/imports';
import { csvDocument } from '../../../shared/csv/csv-write';
import type { Member } from '../../../shared/api';
import { memberBadge } from '../../../shared/member-badge';
import type { CoreContext } from '../context';

type ExportQuery = z.output<typeof membersExportInputSchema>;

const fileStamp = (now: Date) => now.toISOString().slice(0, 16).replace(/[:T]/g, '-');
const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '') || 'org';

/** `<what>-<org slug>-<yyyy-mm-dd-hh-mm>.csv`, the name of every CSV the console hands out. */
export function exportFileName(what: string, orgName: string, now: Date): string {
  return `${what}-${slug(orgName)}-${fileStamp(now)}.csv`;
}

/**
 * The members list as it is filtered and sorted on screen, every matching row (not only the
 * pages loaded), as CSV with a BOM: email, name, role, status, added, last sign-in.
 */
export function exportMembers(ctx: CoreContext, query: ExportQuery): { csv: string; rows: number; fileName: string } {
  const { org } = ctx.session.requireOrg();
  const now = ctx.now();
  const roleNames = new Map(ctx.cache.roles(org.id).map((role) => [role.id, role.name]));
  const rows = ctx.cache
    .exportMembers(org.id, query, now)
    .map(([email, name, roleId, status, origin, mustChangePassword, invitationExpiresAt, createdAt, lastSignInAt]) => [
      email,
      name,
      roleNames.get(roleId) ?? roleId,
      memberBadge(
        {
          status,
          origin,
          mustChangePassword: mustChangePassword === 1,
          invitation: invitationExpiresAt
            ? ({ expiresAt: invitationExpiresAt } as NonNullable<Member['invitation']>)
            : null,
        },
        now,
      ),
      createdAt,
      lastSignInAt ?? '',
    ]);
  return {
    csv: csvDocument(['email', 'name', 'role', 'status', 'added', 'last sign-in'], rows),
    rows: rows.length,
    fileName: `members-${slug(org.name)}-${fileStamp(now)}.csv`,
  };
}

/**
 * The local activity log of this account in this org: who did what, when, and how the change
 * ended. Summaries are written by core and never hold a password.
 */
export function exportActivity(ctx: CoreContext): { csv: string; rows: number; fileName: string } {
  const { account, org } = ctx.session.requireOrg();
  const rows = ctx.local.activityLog(account, org.id);
  const outcome = (row: (typeof rows)[number]) =>
    row.state === null
      ? 'synced or discarded'
      : row.state === 'needs_attention'
        ? `rejected: ${row.last_error_message ?? row.last_error_code}`
        : row.state;
  return {
    csv: csvDocument(
      ['when', 'who', 'action', 'what', 'outcome'],
      rows.map((row) => [row.at, row.actor_email, row.action, row.summary, outcome(row)]),
    ),
    rows: rows.length,
    fileName: `activity-${slug(org.name)}-${fileStamp(ctx.now())}.csv`,
  };
}
