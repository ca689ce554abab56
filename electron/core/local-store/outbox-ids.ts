import type { OutboxKind } from '../../../shared/contract/outbox';

/**
 * The names an outbox entry lends to other things. A queued invite or create shows as a member
 * row whose id is `local:<outbox id>` until the server gives the member its real id; the
 * temporary password of an entry waits in the keychain under `outbox:<outbox id>`
 * (`secrets/secret-store.ts`). Every module spells these through here.
 */
const LOCAL_MEMBER_PREFIX = 'local:';

export const localMemberId = (outboxId: string): string => `${LOCAL_MEMBER_PREFIX}${outboxId}`;

export const isLocalId = (id: string | null | undefined): id is string =>
  typeof id === 'string' && id.startsWith(LOCAL_MEMBER_PREFIX);

/** The outbox entry behind a `local:` member id. */
export const outboxIdOfLocal = (localId: string): string => localId.slice(LOCAL_MEMBER_PREFIX.length);

/** Invites and creates bring a member into being (shown as a `local:` row until they are sent). */
export const makesMember = (kind: OutboxKind): kind is 'invite' | 'create' => kind === 'invite' || kind === 'create';

/** The member row an entry shows on: its own `local:` row for an invite or create, else the member it changes. */
export const memberOfEntry = (row: { id: string; kind: OutboxKind; member_id: string | null }): string | null =>
  makesMember(row.kind) ? localMemberId(row.id) : row.member_id;
