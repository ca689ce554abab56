import { useEffect, useState } from 'react';
import { Alert, Button, Group, Modal, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import type { ConsoleErrorShape } from '../../../shared/contract/errors';
import { checkPasswordRules } from '../../../shared/password-policy';
import { announceQueued } from '../lib/change-outcomes';
import { errorMessage, fieldErrors } from '../lib/error-message';
import { runMemberChange } from '../lib/member-actions';
import { call, toConsoleError } from '../lib/nexus';
import { looksLikeEmail, useEmailLookup } from '../lib/use-email-lookup';
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

/**
 * Add Member: email and role, checked against Nexus as it is typed. With no password it sends an
 * invite; with **Set password manually** it creates the user with a temporary password, which is
 * only offered for emails that have no Nexus account yet.
 */
export function AddMemberDialog({ opened, onClose, onCreated, initialEmail = '', onOpenMember }: Props) {
  const roles = useGrantableRoles();
  const serverUrl = useSessionStore((s) => s.status?.serverUrl ?? null);
  const orgName = useSessionStore((s) => s.status?.org?.name ?? 'this org');
  const [email, setEmail] = useState(initialEmail);
  const [roleId, setRoleId] = useState<string | null>(null);
  const [manual, setManual] = useState(false);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ConsoleErrorShape | null>(null);
  const lookup = useEmailLookup(opened ? email : '');

  useEffect(() => {
    if (!opened) return;
    setEmail(initialEmail);
    setRoleId(defaultRoleId(useRolesStore.getState().roles));
    setManual(false);
    setName('');
    setPassword('');
    setSubmitted(false);
    setError(null);
  }, [opened, initialEmail]);

  useEffect(() => {
    if (roleId === null && roles.length > 0) setRoleId(defaultRoleId(roles));
  }, [roles, roleId]);

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
  const fields = error ? fieldErrors(error) : {};

  useEffect(() => {
    if (!canCreate) setManual(false);
  }, [canCreate]);

  const emailError =
    submitted && !looksLikeEmail(email) ? 'Enter an email address, for example ana@example.com' : fields.email;
  const roleError = submitted && !roleId ? 'Choose a role' : fields.roleId;
  const nameError = submitted && creating && !name.trim() ? 'Enter the person’s name' : fields.name;

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    setError(null);
    if (!looksLikeEmail(email) || !roleId || !canInvite) return;
    if (creating && (!name.trim() || !password || checkPasswordRules(password, email))) return;
    setBusy(true);
    try {
      const trimmed = email.trim();
      if (creating) {
        const { outboxId } = await call('members.create', {
          email: trimmed,
          name: name.trim(),
          roleId,
          temporaryPassword: password,
          ...holdForHandoverInput(),
        });
        announceQueued(outboxId, {
          what: `Create an account for ${trimmed}`,
          done: `The account for ${trimmed} was created.`,
        });
        onCreated({ email: trimmed, password, serverUrl, outboxId });
      } else {
        const { outboxId } = await call('members.invite', { email: trimmed, roleId });
        announceQueued(outboxId, { what: `Invite ${trimmed}`, done: `Invitation sent to ${trimmed}.` });
      }
      onClose();
    } catch (err) {
      setError(toConsoleError(err));
    } finally {
      setBusy(false);
    }
  }

  const roleData = roles.map((role) => ({ value: role.id, label: role.name }));

  return (
    <Modal opened={opened} onClose={onClose} title="Add Member" size="lg" closeOnClickOutside={false}>
      <form onSubmit={(event) => void submit(event)} noValidate aria-label="Add Member">
        <Stack>
          {error && !fields.email && !fields.name && !fields.roleId && (
            <Alert color="red" role="alert" title="Couldn't add the member">
              {errorMessage(error)}
            </Alert>
          )}
          <div>
            <TextInput
              label="Email"
              maxLength={FIELD_MAX.email}
              type="email"
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={emailError}
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
            value={roleId}
            onChange={setRoleId}
            allowDeselect={false}
            error={roleError}
            required
            description={roles.length === 0 ? 'Roles appear after the first sync with the server.' : undefined}
          />
          <div>
            <Switch
              label="Set password manually"
              checked={manual}
              disabled={!canCreate}
              onChange={(e) => setManual(e.currentTarget.checked)}
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
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                error={nameError}
                required
                autoComplete="off"
              />
              <PasswordField
                label="Temporary password"
                value={password}
                onChange={setPassword}
                email={email}
                showErrors={submitted}
              />
              <MemoryPasswordNote />
              <HoldForHandoverSwitch />
            </Stack>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Close
            </Button>
            <Button type="submit" loading={busy} disabled={!canInvite}>
              {creating ? 'Create User' : readding ? 'Re-add' : 'Send Invite'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
