import type { MemberRow } from '../../../shared/contract/members';
import { runMemberChange } from '../lib/member-actions';
import { useSessionStore } from '../stores/session-store';
import { ConfirmDialog } from './confirm-dialog';

export type MemberConfirmKind = 'remove' | 'cancelInvite';

interface Props {
  pending: { kind: MemberConfirmKind; member: Pick<MemberRow, 'id' | 'email' | 'name'> } | null;
  onClose(): void;
  onDone?(kind: MemberConfirmKind): void;
}

/** Remove from org / Cancel invite, each with the reassurance the help article gives. */
export function MemberConfirmDialogs({ pending, onClose, onDone }: Props) {
  const orgName = useSessionStore((s) => s.status?.org?.name ?? 'the org');
  const who = pending ? pending.member.name || pending.member.email : '';

  async function confirm() {
    if (!pending) return;
    const { kind, member } = pending;
    const ok =
      kind === 'remove'
        ? await runMemberChange(
            'members.remove',
            { memberId: member.id },
            { what: `Remove ${member.email} from ${orgName}`, done: `${member.email} was removed from ${orgName}.` },
          )
        : await runMemberChange(
            'members.cancelInvite',
            { memberId: member.id },
            {
              what: `Cancel the invitation for ${member.email}`,
              done: `The invitation for ${member.email} was cancelled.`,
            },
          );
    onClose();
    if (ok) onDone?.(kind);
  }

  return (
    <>
      <ConfirmDialog
        opened={pending?.kind === 'remove'}
        title={`Remove ${who} from ${orgName}?`}
        confirmLabel="Remove from org"
        keepLabel="Keep member"
        onConfirm={confirm}
        onClose={onClose}
      >
        <p style={{ margin: 0 }}>
          {pending?.member.email} loses access to {orgName} right away. Their work (tasks, files and notes) stays in the
          org, and you can re-add them later by inviting them again.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        opened={pending?.kind === 'cancelInvite'}
        title={`Cancel the invitation for ${pending?.member.email ?? ''}?`}
        confirmLabel="Cancel invite"
        keepLabel="Keep invitation"
        onConfirm={confirm}
        onClose={onClose}
      >
        <p style={{ margin: 0 }}>
          The link in the invitation email stops working. Nothing else changes, and you can invite them again at any
          time.
        </p>
      </ConfirmDialog>
    </>
  );
}
