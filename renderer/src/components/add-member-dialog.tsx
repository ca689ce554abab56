import { useEffect, useState } from 'react';
import { Alert, Button, Group, Modal, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { schemaResolver, useForm, type FormErrors } from '@mantine/form';
import type { ConsoleErrorShape } from '../../../shared/contract/errors';
import { createInputSchema, inviteInputSchema } from '../../../shared/contract/members';
import { errorMessage, fieldErrors } from '../lib/error-message';
import { runMemberChange } from '../lib/member-actions';
import { queueChange } from '../lib/commands';
import { toConsoleError } from '../lib/nexus';
import { useEmailLookup } from '../lib/use-email-lookup';
import { useOpenedAfterMount } from '../lib/use-opened-after-mount';
import { defaultRoleId, useGrantableRoles, useRolesStore } from '../stores/roles-store';
import { useSessionStore } from '../stores/session-store';
import type { Credentials } from './credentials-dialog';
import { EmailLookupNotice } from './email-lookup-notice';
import { ExistingMemberNotice } from './existing-member-notice';
import { MemoryPasswordNote } from './memory-password-note';
import { PasswordField } from './password-field';
import { FIELD_MAX } from '../../../shared/field-limits';
import { HoldForHandoverSwitch, holdForHandoverInput } from './hold-for-handover-switch';

interface Props {
  opened: boolean;
  onClose(): void;
  /** After **Create User**: the parent shows the credentials once. */
  onCreated(credentials: Credentials): void;
  /** Prefill, e.g. re-adding a removed member. */
  initialEmail?: string;
  /** The email already belongs to a member of this org: open their page instead. */
  onOpenMember?(memberId: string): void;
}

type AddMemberValues = {
  email: string;
  roleId: string | null;
  manual: boolean;
  name: string;
  temporaryPassword: string;
};

// Validated by the contract's own inputs: `members.invite`, or `members.create` (with the password
// policy for this email) when the admin sets the password. The same rules core applies.
const validateInvite = schemaResolver(inviteInputSchema, { sync: true });
const validateCreate = schemaResolver(createInputSchema, { sync: true });

/**
 * Add Member: email and role, checked against Nexus as it is typed. With no password it sends an
 * invite; with **Set password manually** it creates the user with a temporary password, which is
 * only offered for emails that have no Nexus account yet.
 */
export function AddMemberDialog({ opened, onClose, onCreated, initialEmail = '', onOpenMember }: Props) {
  const roles = useGrantableRoles();
  const serverUrl = useSessionStore((s) => s.status?.serverUrl ?? null);
  const orgName = useSessionStore((s) => s.status?.org?.name ?? 'this org');
  const form = useForm<AddMemberValues>({
    mode: 'controlled',
    initialValues: { email: initialEmail, roleId: null, manual: false, name: '', temporaryPassword: '' },
    // Runs on submit, when `creating` (which needs the email's lookup, below) is known.
    validate: (values: AddMemberValues): FormErrors => (creating ? validateCreate(values) : validateInvite(values)),
  });
  // Errors that belong to no field (offline, no permission…) are shown above the form.
  const [error, setError] = useState<ConsoleErrorShape | null>(null);
  const { email, roleId, manual } = form.values;
  const lookup = useEmailLookup(opened ? email : '');

  const { setInitialValues, reset, setFieldValue } = form;
  useEffect(() => {
    if (!opened) return;
    const initial = {
      email: initialEmail,
      roleId: defaultRoleId(useRolesStore.getState().roles),
      manual: false,
      name: '',
      temporaryPassword: '',
    };
    setInitialValues(initial);
    reset();
    setError(null);
  }, [opened, initialEmail, setInitialValues, reset]);

  useEffect(() => {
    if (roleId === null && roles.length > 0) setFieldValue('roleId', defaultRoleId(roles));
  }, [roles, roleId, setFieldValue]);

  const result = lookup.kind === 'done' ? lookup.result : null;
  // Offline the console cannot know; the server decides when the change is sent.
  const canCreate = result ? !result.checked || result.canCreate : true;
  const canInvite = result ? !result.checked || result.canInvite : true;
  // Only what the server confirmed: offline, the console says it cannot check yet.
  const existing = result?.checked ? result.member : null;
  // A removed member is re-added by inviting them: same account, their work comes back.
  const readding = existing?.status === 'removed' || result?.memberStatus === 'removed';
  // The switch decides the action: on, it creates the user (a missing password is a field error).
  const creating = manual && canCreate;
  const coreFields = error ? fieldErrors(error) : {};

  useEffect(() => {
    if (!canCreate && manual) setFieldValue('manual', false);
  }, [canCreate, manual, setFieldValue]);

  const submit = form.onSubmit(async (values) => {
    setError(null);
    if (!canInvite) return;
    try {
      if (creating) {
        // The schema trims and lower-cases: send what it parsed, as core reads it.
        const input = { ...createInputSchema.parse(values), ...holdForHandoverInput() };
        const { outboxId, held } = await queueChange('members.create', input, {
          what: `Create an account for ${input.email}`,
          done: `The account for ${input.email} was created.`,
        });
        onCreated({
          email: input.email,
          password: input.temporaryPassword,
          serverUrl,
          outboxId,
          ...(held === false ? { notHeld: true } : {}),
        });
      } else {
        const input = inviteInputSchema.parse(values);
        await queueChange('members.invite', input, {
          what: `Invite ${input.email}`,
          done: `Invitation sent to ${input.email}.`,
        });
      }
      onClose();
    } catch (err) {
      const shape = toConsoleError(err);
      setError(shape);
      // Core's field errors go back onto the fields they name.
      form.setErrors(fieldErrors(shape));
    }
  });

  const shown = useOpenedAfterMount(opened);
  const roleData = roles.map((role) => ({ value: role.id, label: role.name }));

  return (
    <Modal opened={shown} onClose={onClose} title="Add Member" size="lg" closeOnClickOutside={false}>
      <form onSubmit={submit} noValidate aria-label="Add Member">
        <Stack>
          {error && !coreFields.email && !coreFields.name && !coreFields.roleId && (
            <Alert color="red" role="alert" title="Couldn't add the member">
              {errorMessage(error)}
            </Alert>
          )}
          <div>
            <TextInput
              label="Email"
              maxLength={FIELD_MAX.email}
              type="email"
              {...form.getInputProps('email')}
              autoComplete="off"
              required
              data-autofocus
            />
            {existing ? (
              <ExistingMemberNotice
                email={email.trim()}
                orgName={orgName}
                member={existing}
                onOpenMember={(memberId) => {
                  onClose();
                  onOpenMember?.(memberId);
                }}
                onResendInvite={(memberId) => {
                  onClose();
                  void runMemberChange(
                    'members.resendInvite',
                    { memberId },
                    {
                      what: `Resend the invitation to ${email.trim()}`,
                      done: `A new invitation was sent to ${email.trim()}.`,
                    },
                  );
                }}
              />
            ) : (
              <EmailLookupNotice lookup={lookup} email={email} />
            )}
          </div>
          <Select
            label="Role"
            data={roleData}
            {...form.getInputProps('roleId')}
            allowDeselect={false}
            required
            description={roles.length === 0 ? 'Roles appear after the first sync with the server.' : undefined}
          />
          <div>
            <Switch
              label="Set password manually"
              {...form.getInputProps('manual', { type: 'checkbox' })}
              disabled={!canCreate}
              aria-describedby="manual-password-hint"
            />
            <Text size="sm" id="manual-password-hint" mt={4} ml={50}>
              {canCreate
                ? 'Create the account now with a temporary password you hand over yourself, instead of an email invite.'
                : readding
                  ? 'Re-add invites them back to their own account. To give a new temporary password instead, open their page.'
                  : 'Not available: this email already has a Nexus account. Send an invite instead.'}
            </Text>
          </div>
          {manual && canCreate && (
            <Stack gap="sm">
              <TextInput
                label="Name"
                maxLength={FIELD_MAX.name}
                {...form.getInputProps('name')}
                required
                autoComplete="off"
              />
              <PasswordField
                label="Temporary password"
                value={form.values.temporaryPassword}
                onChange={(value) => form.setFieldValue('temporaryPassword', value)}
                email={email}
                error={form.errors.temporaryPassword}
              />
              <MemoryPasswordNote />
              <HoldForHandoverSwitch />
            </Stack>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Close
            </Button>
            <Button type="submit" loading={form.submitting} disabled={!canInvite}>
              {creating ? 'Create User' : readding ? 'Re-add' : 'Send Invite'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
