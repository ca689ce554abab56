import { useEffect, useState } from 'react';
import { Alert, Button, Group, Modal, Radio, Select, Stack, Text } from '@mantine/core';
import { schemaResolver, useForm, type FormErrors } from '@mantine/form';
import type { ConsoleErrorShape } from '../../../shared/contract/errors';
import { createInputSchema, inviteInputSchema, type MemberDetail } from '../../../shared/contract/members';
import { errorMessage, fieldErrors } from '../lib/error-message';
import { formatWork } from '../lib/format';
import { queueChange } from '../lib/commands';
import { toConsoleError } from '../lib/nexus';
import { useGrantableRoles } from '../stores/roles-store';
import { useSessionStore } from '../stores/session-store';
import type { Credentials } from './credentials-dialog';
import { PasswordField } from './password-field';

interface Props {
  detail: MemberDetail | null;
  onClose(): void;
  /** A new temporary password was set: the parent shows it once. */
  onCreated(credentials: Credentials): void;
}

/**
 * **Re-add** a removed member: choose the role, then invite them again or, for an account the
 * org manages, give them a new temporary password. Same account; their work comes back.
 */
type ReaddValues = { roleId: string | null; how: 'invite' | 'password'; temporaryPassword: string };

// Validated as the contract input it sends: `members.invite`, or `members.create` with the password
// policy for their email.
const validateInvite = schemaResolver(inviteInputSchema, { sync: true });
const validateCreate = schemaResolver(createInputSchema, { sync: true });

export function ReaddDialog({ detail, onClose, onCreated }: Props) {
  const roles = useGrantableRoles();
  const serverUrl = useSessionStore((s) => s.status?.serverUrl ?? null);
  const orgName = useSessionStore((s) => s.status?.org?.name ?? 'the org');
  const member = detail?.member ?? null;
  const managed = member?.origin === 'admin_created';
  const inputOf = (values: ReaddValues) => ({
    email: member?.email ?? '',
    name: member?.name || (member?.email.split('@')[0] ?? ''),
    roleId: values.roleId,
    temporaryPassword: values.temporaryPassword,
  });
  const form = useForm<ReaddValues>({
    mode: 'controlled',
    initialValues: { roleId: null, how: 'invite', temporaryPassword: '' },
    validate: (values: ReaddValues): FormErrors =>
      managed && values.how === 'password' ? validateCreate(inputOf(values)) : validateInvite(inputOf(values)),
  });
  const [error, setError] = useState<ConsoleErrorShape | null>(null);

  // Reset when another member's dialog opens, not when a sync refreshes this one's details.
  const memberId = member?.id ?? null;
  const initialRoleId = member?.roleId ?? null;
  const { setInitialValues, reset } = form;
  useEffect(() => {
    setInitialValues({ roleId: initialRoleId, how: managed ? 'password' : 'invite', temporaryPassword: '' });
    reset();
    setError(null);
  }, [memberId, initialRoleId, managed, setInitialValues, reset]);

  const submit = form.onSubmit(async (values) => {
    if (!member) return;
    setError(null);
    try {
      if (managed && values.how === 'password') {
        const input = createInputSchema.parse(inputOf(values));
        const { outboxId } = await queueChange('members.create', input, {
          what: `Re-add ${member.email}`,
          done: `${member.email} is back in ${orgName}.`,
        });
        onCreated({ email: member.email, password: input.temporaryPassword, serverUrl, outboxId });
      } else {
        await queueChange('members.invite', inviteInputSchema.parse(inputOf(values)), {
          what: `Re-add ${member.email} by invitation`,
          done: `Invitation sent to ${member.email}: they are back once they accept.`,
        });
      }
      onClose();
    } catch (err) {
      const shape = toConsoleError(err);
      setError(shape);
      form.setErrors(fieldErrors(shape));
    }
  });

  return (
    <Modal opened={member !== null} onClose={onClose} title={`Re-add ${member?.email ?? ''}`} size="lg">
      {member && detail && (
        <form onSubmit={submit} noValidate aria-label="Re-add">
          <Stack>
            <Text size="sm">Same Nexus account: their work ({formatWork(detail.work)}) comes back with them.</Text>
            {error && (
              <Alert color="red" role="alert" title="Couldn't re-add them">
                {errorMessage(error)}
              </Alert>
            )}
            <Select
              label="Role"
              data={roles.map((role) => ({ value: role.id, label: role.name }))}
              {...form.getInputProps('roleId')}
              allowDeselect={false}
              required
            />
            {managed && (
              <Radio.Group label="How" {...form.getInputProps('how')}>
                <Stack gap={6} mt={6}>
                  <Radio value="password" label="Set a new temporary password (their account is managed by the org)" />
                  <Radio value="invite" label="Send an invitation" />
                </Stack>
              </Radio.Group>
            )}
            {managed && form.values.how === 'password' && (
              <PasswordField
                label="Temporary password"
                value={form.values.temporaryPassword}
                onChange={(value) => form.setFieldValue('temporaryPassword', value)}
                email={member.email}
                error={form.errors.temporaryPassword}
              />
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Close
              </Button>
              <Button type="submit" loading={form.submitting}>
                Re-add
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
