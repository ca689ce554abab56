import { useEffect, useState } from 'react';
import { Alert, Button, Group, Modal, Radio, Select, Stack, Text } from '@mantine/core';
import type { ConsoleErrorShape } from '../../../shared/contract/errors';
import type { MemberDetail } from '../../../shared/contract/members';
import { checkPasswordRules } from '../../../shared/password-policy';
import { announceQueued } from '../lib/change-outcomes';
import { errorMessage } from '../lib/error-message';
import { formatWork } from '../lib/format';
import { call, toConsoleError } from '../lib/nexus';
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
export function ReaddDialog({ detail, onClose, onCreated }: Props) {
  const roles = useGrantableRoles();
  const serverUrl = useSessionStore((s) => s.status?.serverUrl ?? null);
  const orgName = useSessionStore((s) => s.status?.org?.name ?? 'the org');
  const member = detail?.member ?? null;
  const managed = member?.origin === 'admin_created';
  const [roleId, setRoleId] = useState<string | null>(null);
  const [how, setHow] = useState<'invite' | 'password'>('invite');
  const [password, setPassword] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ConsoleErrorShape | null>(null);

  // Reset when another member's dialog opens, not when a sync refreshes this one's details.
  const memberId = member?.id ?? null;
  const initialRoleId = member?.roleId ?? null;
  useEffect(() => {
    setRoleId(initialRoleId);
    setHow(managed ? 'password' : 'invite');
    setPassword('');
    setSubmitted(false);
    setError(null);
  }, [memberId, initialRoleId, managed]);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (!member || !roleId) return;
    const withPassword = managed && how === 'password';
    if (withPassword && (!password || checkPasswordRules(password, member.email))) return;
    setBusy(true);
    setError(null);
    try {
      if (withPassword) {
        const { outboxId } = await call('members.create', {
          email: member.email,
          name: member.name || member.email.split('@')[0]!,
          roleId,
          temporaryPassword: password,
        });
        announceQueued(outboxId, { what: `Re-add ${member.email}`, done: `${member.email} is back in ${orgName}.` });
        onCreated({ email: member.email, password, serverUrl, outboxId });
      } else {
        const { outboxId } = await call('members.invite', { email: member.email, roleId });
        announceQueued(outboxId, {
          what: `Re-add ${member.email} by invitation`,
          done: `Invitation sent to ${member.email}: they are back once they accept.`,
        });
      }
      onClose();
    } catch (err) {
      setError(toConsoleError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened={member !== null} onClose={onClose} title={`Re-add ${member?.email ?? ''}`} size="lg">
      {member && detail && (
        <form onSubmit={(event) => void submit(event)} noValidate aria-label="Re-add">
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
              value={roleId}
              onChange={setRoleId}
              allowDeselect={false}
              error={submitted && !roleId ? 'Choose a role' : undefined}
              required
            />
            {managed && (
              <Radio.Group label="How" value={how} onChange={(value) => setHow(value as 'invite' | 'password')}>
                <Stack gap={6} mt={6}>
                  <Radio value="password" label="Set a new temporary password (their account is managed by the org)" />
                  <Radio value="invite" label="Send an invitation" />
                </Stack>
              </Radio.Group>
            )}
            {managed && how === 'password' && (
              <PasswordField
                label="Temporary password"
                value={password}
                onChange={setPassword}
                email={member.email}
                showErrors={submitted}
              />
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Close
              </Button>
              <Button type="submit" loading={busy}>
                Re-add
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
