import type { AuditEvent, AuditQuery } from '../../../shared/api';
import { auditActionLabels, auditDetailText } from '../../../shared/audit-labels';
import { AUDIT_EXPORT_MAX_ROWS, type AuditFilter, type AuditListResult } from '../../../shared/contract/audit';
import { csvDocument } from '../../../shared/csv/csv-write';
import type { CoreContext } from '../context';
import { consoleError } from '../errors';
import { isLocalId } from '../local-store/outbox-ids';
import { NexusNetworkError } from '../nexus-client/nexus-api-error';
import { exportFileName } from '../imports/csv-exports';

const EXPORT_PAGE = 500;

/**
 * The server's audit log: every computer's and every admin's changes, credited by the server.
 * Only the server knows it, so offline this says so plainly; what this computer still has queued
 * is the outbox, which needs no server.
 */
function offline(): Error {
  return consoleError(
    'offline',
    'The activity of every admin and computer comes from the server, which cannot be reached right now. Changes still queued on this computer are under Pending changes; try again when you are back online.',
  );
}

/** The console's filter as the API's query; `null` when it can match nothing on the server. */
function toQuery(ctx: CoreContext, filter: AuditFilter): Partial<AuditQuery> | null {
  let memberId = filter.memberId;
  if (memberId && isLocalId(memberId)) {
    // A queued invite or create: once sent, its `local:` id maps to the server's id.
    const resolved = ctx.local.resolveLocalId(memberId);
    if (!resolved) return null;
    memberId = resolved;
  }
  return {
    ...(memberId ? { memberId } : {}),
    ...(filter.actions?.length ? { action: filter.actions } : {}),
    ...(filter.text ? { q: filter.text } : {}),
    ...(filter.from ? { from: filter.from } : {}),
    ...(filter.to ? { to: filter.to } : {}),
  };
}

async function fetchPage(ctx: CoreContext, query: Partial<AuditQuery>): Promise<AuditListResult> {
  const { org } = ctx.session.requireOrg();
  try {
    return await ctx.session.authed((client, token) => client.audit(token, org.id, query));
  } catch (error) {
    if (error instanceof NexusNetworkError) throw offline();
    throw error;
  }
}

export async function listAudit(
  ctx: CoreContext,
  input: AuditFilter & { cursor?: string | undefined; limit: number },
): Promise<AuditListResult> {
  const query = toQuery(ctx, input);
  if (!query) return { items: [], nextCursor: null };
  return fetchPage(ctx, { ...query, limit: input.limit, ...(input.cursor ? { cursor: input.cursor } : {}) });
}

const row = (event: AuditEvent) => [
  event.at,
  event.actor.email,
  event.actor.name,
  auditActionLabels[event.action],
  event.member.email,
  event.member.name,
  auditDetailText(event),
  event.client ?? '',
];

/**
 * **Export CSV** of the Activity screen: every event matching the filters (not only the rows
 * loaded), from the server, up to `AUDIT_EXPORT_MAX_ROWS`. Events never hold a password.
 */
export async function exportAudit(
  ctx: CoreContext,
  filter: AuditFilter,
): Promise<{ csv: string; rows: number; fileName: string }> {
  const { org } = ctx.session.requireOrg();
  const query = toQuery(ctx, filter);
  const events: AuditEvent[] = [];
  let cursor: string | null = null;
  while (query) {
    const page = await fetchPage(ctx, { ...query, limit: EXPORT_PAGE, ...(cursor ? { cursor } : {}) });
    events.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
    if (events.length >= AUDIT_EXPORT_MAX_ROWS) {
      throw consoleError(
        'invalid_input',
        `More than ${AUDIT_EXPORT_MAX_ROWS.toLocaleString('en')} events match. Narrow the dates or filters and export again.`,
      );
    }
  }
  return {
    csv: csvDocument(
      ['when', 'who', 'who (name)', 'action', 'member', 'member (name)', 'details', 'client'],
      events.map(row),
    ),
    rows: events.length,
    fileName: exportFileName('activity-all', org.name, ctx.now()),
  };
}
