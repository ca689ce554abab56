import { useEffect, useState } from 'react';
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { ConsoleErrorShape } from '../../../shared/contract/errors';
import { checkPasswordRules } from '../../../shared/password-policy';
import { errorMessage } from '../lib/error-message';
import { call, toConsoleError } from '../lib/nexus';
import { MemoryPasswordNote } from './memory-password-note';
import { PasswordField } from './password-field';
import { HoldForHandoverSwitch, holdForHandoverInput } from './hold-for-handover-switch';

interface Props {
  member: { id: string; email: string } | null;
  onClose(): void;
  /** With the new password, for the show-once dialog. */
  onDone(password: string, outboxId: string): void;
}

/** **Change Password**: type one or generate one; the member must change it at next sign-in. */
export function SetPasswordDialog({ member, onClose, onDone }: Props) {
  const [password, setPassword] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ConsoleErrorShape | null>(null);

  // A new form per member, not per refresh: the detail screen re-reads the member on every sync
  // event (offline, the probe loop sends many), which must not wipe what the admin typed.
  const memberId = member?.id ?? null;
  useEffect(() => {
    setPassword('');
    setSubmitted(false);
    setError(null);
  }, [memberId]);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (!member || !password || checkPasswordRules(password, member.email)) return;
    setBusy(true);
    setError(null);
    try {
      const { outboxId } = await call('members.setPassword', {
        memberId: member.id,
        password,
        reason: 'change',
        ...holdForHandoverInput(),
      });
      onDone(password, outboxId);
    } catch (err) {
      setError(toConsoleError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      opened={member !== null}
      onClose={onClose}
      title={`Change Password for ${member?.email ?? ''}`}
      size="lg"
      closeOnClickOutside={false}
    >
      <form onSubmit={(event) => void submit(event)} noValidate aria-label="Change Password">
        <Stack>
          <Text size="sm">
            Their current password stops working. They sign in with this temporary one and must then choose their own.
          </Text>
          {error && (
            <Alert color="red" role="alert" title="Couldn't change the password">
              {errorMessage(error)}
            </Alert>
          )}
          <PasswordField
            label="New temporary password"
            value={password}
            onChange={setPassword}
            email={member?.email}
            showErrors={submitted}
          />
          <MemoryPasswordNote />
          <HoldForHandoverSwitch />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Close
            </Button>
            <Button type="submit" loading={busy}>
              Change Password
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
