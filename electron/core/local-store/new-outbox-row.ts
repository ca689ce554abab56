import type { Member } from '../../../shared/api';
import type { OutboxKind } from '../../../shared/contract/outbox';
import type { OutboxRow } from './local-rows';

/** What a new change says; everything else a fresh entry starts with is decided here. */
export interface NewOutboxEntry {
  id: string;
  account: string;
  orgId: string;
  kind: OutboxKind;
  summary: string;
  /** ISO time of queueing: created and updated. */
  at: string;
  memberId?: string | null;
  email?: string | null;
  name?: string | null;
  roleId?: string | null;
  reason?: string | null;
  /** Its temporary password waits in the secret store under `outbox:<id>`, never in this row. */
  hasSecret: boolean;
  snapshot?: Member | null;
}

/**
 * A fresh outbox row, queued, with the entry's id as its idempotency key. The one place that
 * knows how an entry starts: single changes (members-service) and CSV imports both build it here.
 */
export function newOutboxRow(entry: NewOutboxEntry): Omit<OutboxRow, 'seq'> {
  return {
    id: entry.id,
    account: entry.account,
    org_id: entry.orgId,
    kind: entry.kind,
    state: 'queued',
    summary: entry.summary,
    member_id: entry.memberId ?? null,
    email: entry.email ?? null,
    name: entry.name ?? null,
    role_id: entry.roleId ?? null,
    reason: entry.reason ?? null,
    has_secret: entry.hasSecret ? 1 : 0,
    idempotency_key: entry.id,
    attempts: 0,
    created_at: entry.at,
    updated_at: entry.at,
    next_attempt_at: null,
    last_error_code: null,
    last_error_message: null,
    result_member_id: null,
    snapshot_json: entry.snapshot ? JSON.stringify(entry.snapshot) : null,
  };
}
