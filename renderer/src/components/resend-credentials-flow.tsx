import { useState } from 'react';
import { generatePassword } from '../../../shared/password-generator';
import { queueChange, withRefusalNotice } from '../lib/commands';
import { useSessionStore } from '../stores/session-store';
import { ConfirmDialog } from './confirm-dialog';
import { CredentialsDialog, type Credentials } from './credentials-dialog';
import { HoldForHandoverSwitch, holdForHandoverInput } from './hold-for-handover-switch';
import { MemoryPasswordNote } from './memory-password-note';

interface Props {
  /** The person to resend to; null when closed. */
  member: { id: string; email: string } | null;
  onClose(): void;
}

/**
 * **Resend credentials**: asks first, generates a new temporary password, queues it (held for the
 * handover when "Hold for handover" is on) and shows it once. The one flow, used by the member
 * page and the Handover screen's "Handed over" list.
 */
export function ResendCredentialsFlow({ member, onClose }: Props) {
  const serverUrl = useSessionStore((s) => s.status?.serverUrl ?? null);
  const [credentials, setCredentials] = useState<Credentials | null>(null);

  async function resend() {
    if (!member) return;
    const password = generatePassword();
    const queued = await withRefusalNotice("Couldn't resend credentials", () =>
      queueChange(
        'members.setPassword',
        { memberId: member.id, password, reason: 'resend_credentials', ...holdForHandoverInput() },
        { what: `Resend credentials to ${member.email}`, done: `${member.email} has a new temporary password.` },
      ),
    );
    onClose();
    if (queued)
      setCredentials({
        email: member.email,
        password,
        serverUrl,
        outboxId: queued.outboxId,
        kind: 'password',
        notHeld: queued.held === false,
      });
  }

  return (
    <>
      <ConfirmDialog
        opened={member !== null}
        title={`Resend credentials to ${member?.email ?? ''}?`}
        confirmLabel="Resend credentials"
        keepLabel="Keep current password"
        danger={false}
        onConfirm={resend}
        onClose={onClose}
      >
        A new temporary password is generated and replaces the one they have now; the old one stops working. You'll see
        the new one once, to hand over.
        <MemoryPasswordNote />
        <HoldForHandoverSwitch />
      </ConfirmDialog>
      <CredentialsDialog
        credentials={credentials}
        title="New temporary password"
        onClose={() => setCredentials(null)}
      />
    </>
  );
}
