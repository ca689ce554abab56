import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import type { ConsoleErrorShape } from '../../../shared/contract/errors';
import { setPasswordInputFor } from '../../../shared/contract/members';
import { errorMessage, fieldErrors } from '../lib/error-message';
import { queueChange } from '../lib/commands';
import { toConsoleError } from '../lib/nexus';
import { MemoryPasswordNote } from './memory-password-note';
import { PasswordField } from './password-field';
import { HoldForHandoverSwitch, holdForHandoverInput } from './hold-for-handover-switch';

interface Props {
  member: { id: string; email: string } | null;
  onClose(): void;
  /** Queued (and announced): the new password, for the show-once dialog (`notHeld`: the keychain refused to hold it). */
  onDone(password: string, outboxId: string, notHeld: boolean): void;
}

/** **Change Password**: type one or generate one; the member must change it at next sign-in. */
export function SetPasswordDialog({ member, onClose, onDone }: Props) {
  const email = member?.email ?? '';
  // The contract's `members.setPassword` input for this member: the policy with their email.
  const validate = useMemo(
    () => schemaResolver(setPasswordInputFor(email).pick({ password: true }), { sync: true }),
    [email],
  );
  const form = useForm({ mode: 'controlled', initialValues: { password: '' }, validate });
  // Errors that belong to no field (offline, no permission…) are shown above the form.
  const [error, setError] = useState<ConsoleErrorShape | null>(null);

  // A new form per member, not per refresh: the detail screen re-reads the member on every sync
  // event (offline, the probe loop sends many), which must not wipe what the admin typed.
  const memberId = member?.id ?? null;
  const { reset } = form;
  useEffect(() => {
    reset();
    setError(null);
  }, [memberId, reset]);

  const submit = form.onSubmit(async ({ password }) => {
    if (!member) return;
    setError(null);
    try {
      const { outboxId, held } = await queueChange(
        'members.setPassword',
        { memberId: member.id, password, reason: 'change', ...holdForHandoverInput() },
        { what: `Set a new password for ${member.email}`, done: `${member.email} has a new temporary password.` },
      );
      onDone(password, outboxId, held === false);
    } catch (err) {
      const shape = toConsoleError(err);
      setError(shape);
      form.setErrors(fieldErrors(shape));
    }
  });

  return (
    <Modal
      opened={member !== null}
      onClose={onClose}
      title={`Change Password for ${member?.email ?? ''}`}
      size="lg"
      closeOnClickOutside={false}
    >
      <form onSubmit={submit} noValidate aria-label="Change Password">
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
            value={form.values.password}
            onChange={(value) => form.setFieldValue('password', value)}
            email={member?.email}
            error={form.errors.password}
          />
          <MemoryPasswordNote />
          <HoldForHandoverSwitch />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Close
            </Button>
            <Button type="submit" loading={form.submitting}>
              Change Password
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
