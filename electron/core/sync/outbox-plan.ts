import type { OutboxKind, OutboxState } from '../../../shared/contract/outbox';
import { isLocalId, localMemberId, makesMember } from '../local-store/outbox-ids';

/** What the plan needs to know of an outbox entry (an `OutboxRow` has it all). */
export interface PlannedEntry {
  id: string;
  kind: OutboxKind;
  state: OutboxState;
  member_id: string | null;
  summary: string;
}

/**
 * What to do with one entry, in outbox order:
 * - `send`: nothing earlier holds it back;
 * - `attention`: it was rejected; it waits for the admin, and holds back what depends on it;
 * - `wait`: it depends on an earlier entry. `waitingFor` is the summary of the held-back change
 *   it waits behind (a rejected or rate-limited change on the same member, or the rejected
 *   invite/create of its `local:` row), or null when it simply waits for its member's invite or
 *   create to reach the server first.
 */
export type Decision =
  { action: 'send' } | { action: 'attention' } | { action: 'done' } | { action: 'wait'; waitingFor: string | null };

/**
 * The outbox's one dependency rule. Entries go out oldest first; an entry that cannot go holds
 * back the later entries on the same member, and a rejected invite/create also holds back the
 * entries on its `local:` row. Everything else goes on. Pure: the sync engine asks it entry by
 * entry while it sends (reporting what happened with `hold`), and `outbox.list` reads it at rest
 * (`planOutbox`) to tell the admin what each entry waits for.
 */
export class OutboxPlan {
  /** Member id (server or `local:`) → the summary of the change holding it back. */
  private readonly held = new Map<string, string>();

  decide(entry: PlannedEntry): Decision {
    if (entry.state === 'done') return { action: 'done' };
    if (entry.state === 'needs_attention') {
      this.hold(entry);
      return { action: 'attention' };
    }
    const member = entry.member_id;
    if (member === null) return { action: 'send' };
    const waitingFor = this.held.get(member);
    if (waitingFor !== undefined) return { action: 'wait', waitingFor };
    // A `local:` member id not yet remapped: its invite/create has not reached the server.
    if (isLocalId(member)) return { action: 'wait', waitingFor: null };
    return { action: 'send' };
  }

  /**
   * An entry that cannot go (rejected, or deferred by a rate limit) holds back the later
   * entries on its member, and an invite/create also those on its `local:` row. The latest
   * holder is the one named.
   */
  hold(entry: PlannedEntry): void {
    if (entry.member_id !== null) this.held.set(entry.member_id, entry.summary);
    if (makesMember(entry.kind)) this.held.set(localMemberId(entry.id), entry.summary);
  }
}

/** The decision for every open entry, in order: what `outbox.list` shows as "waiting for". */
export function planOutbox(entries: readonly PlannedEntry[]): Map<string, Decision> {
  const plan = new OutboxPlan();
  return new Map(entries.map((entry) => [entry.id, plan.decide(entry)]));
}
