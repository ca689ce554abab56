import type { Member } from '../../../../shared/api';

export const ROLES = ['role_acme_member', 'role_acme_admin', 'role_acme_hr_manager', 'role_acme_accountant'] as const;

/** What the server must show for one email once every action has synced. */
export interface ModelMember {
  email: string;
  /** Server id, or the `local:` id the console answered while offline. */
  id: string;
  local: boolean;
  /** `gone`: a cancelled invitation (a tombstone, absent from the listing); `absent`: never reached the server. */
  status: 'invited' | 'active' | 'removed' | 'gone' | 'absent';
  roleId: string;
  origin: 'invitation' | 'admin_created';
  version: number;
  sendCount: number | null;
  /** The temporary password the server must hold last (admin-created accounts). */
  password: string | null;
  /** Resends queued in this batch: the server allows one a minute. */
  resends: number;
  /** Outbox ids of queued actions on this member, in order (dropped together with a local cancel). */
  actions: string[];
}

export type ActionOutcome = { kind: 'applied' } | { kind: 'rejected'; code: string } | { kind: 'dropped' };

/** One dispatched command and what it must end as. */
export interface PlannedAction {
  command: string;
  input: Record<string, unknown>;
  /** Filled in by the model once dispatch answered with the outbox id. */
  label: string;
  apply(model: ActionModel, outboxId: string, memberId: string): void;
}

/**
 * The model the 1,000 actions are checked against: every member's expected final state, and
 * every outbox entry's expected outcome. Actions are generated against the model's *current*
 * state, so each is one the console accepts locally; the server's answer is predicted here.
 */
export class ActionModel {
  readonly members = new Map<string, ModelMember>();
  readonly outcomes = new Map<string, ActionOutcome>();
  readonly counts = new Map<string, number>();
  private serial = 0;

  constructor(
    population: Member[],
    readonly self: string,
    /** Active members reserved as targets of invitations the server must refuse (already_member). */
    readonly reservedActive: string[],
    /** Users of other orgs: creating them here is refused (user_exists). */
    readonly foreignUsers: string[],
    private readonly random: () => number,
    private readonly password: () => string,
  ) {
    for (const m of population) {
      this.members.set(m.email, {
        email: m.email,
        id: m.id,
        local: false,
        status: m.status,
        roleId: m.roleId,
        origin: m.origin,
        version: m.version,
        sendCount: m.invitation?.sendCount ?? null,
        password: null,
        resends: 0,
        actions: [],
      });
    }
  }

  private pick<T>(items: T[]): T | undefined {
    return items.length === 0 ? undefined : items[Math.floor(this.random() * items.length)];
  }

  private candidates(filter: (m: ModelMember) => boolean): ModelMember[] {
    return [...this.members.values()].filter(
      (m) => m.email !== this.self && !this.reservedActive.includes(m.email) && filter(m),
    );
  }

  private newEmail(kind: string): string {
    this.serial++;
    return `stress.${kind}.${this.serial}@example.test`;
  }

  private count(kind: string): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
  }

  private applied(outboxId: string, member: ModelMember | null, kind: string): void {
    this.outcomes.set(outboxId, { kind: 'applied' });
    member?.actions.push(outboxId);
    this.count(kind);
  }

  /** The next action, chosen by weight among those possible in the model's current state. */
  next(): PlannedAction {
    for (;;) {
      const roll = this.random();
      const action =
        roll < 0.16
          ? this.invite()
          : roll < 0.3
            ? this.create()
            : roll < 0.5
              ? this.changeRole()
              : roll < 0.57
                ? this.resend()
                : roll < 0.62
                  ? this.cancel()
                  : roll < 0.7
                    ? this.remove()
                    : roll < 0.85
                      ? this.setPassword()
                      : roll < 0.95
                        ? this.quickCreateThenChange()
                        : this.rejected();
      if (action) return action;
    }
  }

  private invite(): PlannedAction {
    const email = this.newEmail('invite');
    const roleId = this.pick([...ROLES])!;
    return {
      command: 'members.invite',
      input: { email, roleId },
      label: `invite ${email}`,
      apply: (model, outboxId, memberId) => {
        const member: ModelMember = {
          email,
          id: memberId,
          local: true,
          status: 'invited',
          roleId,
          origin: 'invitation',
          version: 1,
          sendCount: 1,
          password: null,
          resends: 0,
          actions: [],
        };
        model.members.set(email, member);
        model.applied(outboxId, member, 'invite');
      },
    };
  }

  private create(): PlannedAction {
    const email = this.newEmail('create');
    const roleId = this.pick([...ROLES])!;
    const temporaryPassword = this.password();
    return {
      command: 'members.create',
      input: { email, name: `Stress ${email.split('@')[0]}`, roleId, temporaryPassword },
      label: `create ${email}`,
      apply: (model, outboxId, memberId) => {
        const member: ModelMember = {
          email,
          id: memberId,
          local: true,
          status: 'active',
          roleId,
          origin: 'admin_created',
          version: 1,
          sendCount: null,
          password: temporaryPassword,
          resends: 0,
          actions: [],
        };
        model.members.set(email, member);
        model.applied(outboxId, member, 'create');
      },
    };
  }

  /** A create followed by a role change on its `local:` id: the change must wait for the create. */
  private quickCreateThenChange(): PlannedAction | null {
    const fresh = this.candidates((m) => m.local && m.status === 'active' && m.actions.length === 1);
    const target = this.pick(fresh);
    return target ? this.changeRoleOf(target) : this.create();
  }

  private changeRole(): PlannedAction | null {
    const target = this.pick(this.candidates((m) => m.status === 'active' || m.status === 'invited'));
    return target ? this.changeRoleOf(target) : null;
  }

  private changeRoleOf(target: ModelMember): PlannedAction {
    const roleId = this.pick(ROLES.filter((r) => r !== target.roleId))!;
    return {
      command: 'members.changeRole',
      input: { memberId: target.id, roleId },
      label: `changeRole ${target.email}`,
      apply: (model, outboxId) => {
        target.roleId = roleId;
        target.version++;
        model.applied(outboxId, target, 'changeRole');
      },
    };
  }

  /** Pre-existing invitations only; a few get a second resend, which the server holds back a minute. */
  private resend(): PlannedAction | null {
    const open = this.candidates((m) => !m.local && m.status === 'invited');
    const first = open.filter((m) => m.resends === 0);
    const again = open.filter((m) => m.resends === 1);
    const doubles = [...this.members.values()].filter((m) => m.resends === 2).length;
    const target = doubles < 6 && this.random() < 0.15 ? this.pick(again) : this.pick(first);
    if (!target) return null;
    return {
      command: 'members.resendInvite',
      input: { memberId: target.id },
      label: `resend ${target.email}`,
      apply: (model, outboxId) => {
        target.resends++;
        target.sendCount = (target.sendCount ?? 0) + 1;
        target.version++;
        model.applied(outboxId, target, target.resends === 2 ? 'resend (second, rate-limited)' : 'resend');
      },
    };
  }

  /** A queued invite never sent is simply dropped with what waits on it; a sent one becomes a tombstone. */
  private dropLocal(target: ModelMember, outboxId: string, kind: string): void {
    for (const id of target.actions) this.outcomes.set(id, { kind: 'dropped' });
    target.status = 'absent';
    this.count(`${kind} (of a queued add: dropped locally)`);
    // The console answers with the dropped entry's id; nothing is sent for this action.
    if (!this.outcomes.has(outboxId)) this.outcomes.set(outboxId, { kind: 'dropped' });
  }

  private cancel(): PlannedAction | null {
    const target = this.pick(this.candidates((m) => m.status === 'invited' && (!m.local || m.actions.length <= 2)));
    if (!target) return null;
    return {
      command: 'members.cancelInvite',
      input: { memberId: target.id },
      label: `cancel ${target.email}`,
      apply: (model, outboxId) => {
        if (target.local) return model.dropLocal(target, outboxId, 'cancel');
        target.status = 'gone';
        model.applied(outboxId, target, 'cancel');
      },
    };
  }

  private remove(): PlannedAction | null {
    const target = this.pick(
      this.candidates((m) => m.status === 'active' || (m.status === 'invited' && m.resends === 0)),
    );
    if (!target) return null;
    return {
      command: 'members.remove',
      input: { memberId: target.id },
      label: `remove ${target.email}`,
      apply: (model, outboxId) => {
        if (target.local) return model.dropLocal(target, outboxId, 'remove');
        // Removing a pending invitation withdraws it: a tombstone, like a cancel.
        if (target.status === 'invited') target.status = 'gone';
        else {
          target.status = 'removed';
          target.version++;
        }
        model.applied(outboxId, target, 'remove');
      },
    };
  }

  private setPassword(): PlannedAction | null {
    const target = this.pick(this.candidates((m) => m.status === 'active' && m.origin === 'admin_created'));
    if (!target) return null;
    const password = this.password();
    return {
      command: 'members.setPassword',
      input: { memberId: target.id, password, reason: this.random() < 0.5 ? 'change' : 'resend_credentials' },
      label: `setPassword ${target.email}`,
      apply: (model, outboxId) => {
        target.password = password;
        target.version++;
        model.applied(outboxId, target, 'setPassword');
      },
    };
  }

  /** Changes the server must refuse: inviting a member, creating an account that exists. */
  private rejected(): PlannedAction | null {
    if (this.random() < 0.5) {
      const email = this.pick(this.reservedActive)!;
      return {
        command: 'members.invite',
        input: { email, roleId: 'role_acme_member' },
        label: `invite existing member ${email}`,
        apply: (model, outboxId) => {
          model.outcomes.set(outboxId, { kind: 'rejected', code: 'already_member' });
          model.count('rejected: invite of a member');
        },
      };
    }
    const email = this.pick(this.foreignUsers)!;
    return {
      command: 'members.create',
      input: { email, name: 'Existing Person', roleId: 'role_acme_member', temporaryPassword: this.password() },
      label: `create existing user ${email}`,
      apply: (model, outboxId) => {
        model.outcomes.set(outboxId, { kind: 'rejected', code: 'user_exists' });
        model.count('rejected: create of an existing user');
      },
    };
  }
}
