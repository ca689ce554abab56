import type { statementCache } from './statement-cache';

/** Per org: where the last listing left off (the server's sync token), when, and its generation. */
export interface SyncState {
  syncToken: string | null;
  lastSyncedAt: string | null;
  generation: number;
}

type Sql = ReturnType<typeof statementCache>;

export function readSyncState(sql: Sql, orgId: string): SyncState {
  const row = sql('SELECT sync_token, last_synced_at, generation FROM sync_state WHERE org_id = ?').get(orgId) as
    { sync_token: string | null; last_synced_at: string | null; generation: number } | undefined;
  return {
    syncToken: row?.sync_token ?? null,
    lastSyncedAt: row?.last_synced_at ?? null,
    generation: row?.generation ?? 0,
  };
}

/** Writes the given fields; the others keep their current value. */
export function writeSyncState(sql: Sql, orgId: string, state: Partial<SyncState>): void {
  const current = readSyncState(sql, orgId);
  sql(
    `INSERT INTO sync_state (org_id, sync_token, last_synced_at, generation) VALUES (?,?,?,?)
       ON CONFLICT(org_id) DO UPDATE SET sync_token = excluded.sync_token, last_synced_at = excluded.last_synced_at, generation = excluded.generation`,
  ).run(
    orgId,
    state.syncToken !== undefined ? state.syncToken : current.syncToken,
    state.lastSyncedAt !== undefined ? state.lastSyncedAt : current.lastSyncedAt,
    state.generation ?? current.generation,
  );
}
