import type { CacheStore } from './cache/cache-store';
import type { EventBus } from './event-bus';
import type { LocalStore } from './local-store/local-store';
import type { Logger } from './logger';
import type { SecretStore } from './secrets/secret-store';
import type { PendingRevocations } from './session/revocation';
import type { SessionManager } from './session/session-manager';

/** What every service of core shares; built once in create-core.ts. */
export interface CoreContext {
  cache: CacheStore;
  local: LocalStore;
  secrets: SecretStore;
  logger: Logger;
  bus: EventBus;
  session: SessionManager;
  /** Sessions signed out offline, revoked at the next chance. */
  revocations: PendingRevocations;
  now: () => Date;
  /** Asks the sync engine for a cycle soon (after a change). */
  kickSync: () => void;
  /** Tells the shells the outbox and the list changed. */
  notifyChanged: (orgId: string | null) => void;
}
