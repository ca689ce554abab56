import { useEffect, useState } from 'react';
import { Alert, Button, Checkbox, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import type { ConsoleErrorShape } from '../../../shared/contract/errors';
import type { OutboxEntry } from '../../../shared/contract/outbox';
import { checkPasswordRules } from '../../../shared/password-policy';
import { errorMessage, fieldErrors } from '../lib/error-message';
import { call, toConsoleError } from '../lib/nexus';
import { useGrantableRoles } from '../stores/roles-store';
import { FIELD_MAX } from '../../../shared/field-limits';
import { MemoryPasswordNote } from './memory-password-note';
import { PasswordField } from './password-field';

interface Props {
  entry: OutboxEntry | null;
  onClose(): void;
  /** With the new temporary password when one was set, for the show-once dialog. */
  onSaved(newPassword?: { email: string; password: string }): void;
}

/**
 * Fix a refused change (a typo in the email, another role) before retrying it, or change a queued
 * one before it is sent. A create can become an invite (no password: they use their own). A change
 * carrying a temporary password (create, Change Password, Resend credentials) can be given a new
 * one, and must be when the old one was lost.
 */
export function OutboxEditDialog({ entry, onClose, onSaved }: Props) {
  const roles = useGrantableRoles();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [roleId, setRoleId] = useState<string | null>(null);
  const [asInvite, setAsInvite] = useState(false);
  const [password, setPassword] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ConsoleErrorShape | null>(null);

  useEffect(() => {
    setEmail(entry?.email ?? '');
    setName(entry?.name ?? '');
    setRoleId(entry?.roleId ?? null);
    setAsInvite(false);
    setPassword('');
    setSubmitted(false);
    setError(null);
  }, [entry]);

  if (!entry) return <Modal opened={false} onClose={onClose} title="Edit change" />;
  const hasEmail = entry.email !== null && (entry.kind === 'invite' || entry.kind === 'create');
  const hasName = entry.name !== null && entry.kind === 'create' && !asInvite;
  const hasRole = entry.roleId !== null;
  // An invite needs no password: they join with their own.
  const hasPassword = (entry.kind === 'create' && !asInvite) || entry.kind === 'setPassword';
  const passwordLost = entry.lastError?.code === 'secret_missing';
  const accountEmail = (hasEmail ? email.trim() : entry.email) ?? '';
  const changes = {
    ...(hasEmail && email.trim() !== entry.email ? { email: email.trim() } : {}),
    ...(hasName && name.trim() !== entry.name ? { name: name.trim() } : {}),
    ...(hasRole && roleId && roleId !== entry.roleId ? { roleId } : {}),
    ...(asInvite ? { kind: 'invite' as const } : {}),
    ...(hasPassword && password ? { temporaryPassword: password } : {}),
  };
  const fields = error ? fieldErrors(error) : {};

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (!entry || Object.keys(changes).length === 0) return;
    if (hasPassword && passwordLost && !password) return;
    if (password && checkPasswordRules(password, accountEmail)) return;
    setBusy(true);
    setError(null);
    try {
      await call('outbox.edit', { id: entry.id, changes });
      onSaved(password ? { email: accountEmail, password } : undefined);
    } catch (err) {
      setError(toConsoleError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened onClose={onClose} title="Edit change">
      <form onSubmit={(event) => void save(event)} noValidate aria-label="Edit change">
        <Stack>
          {error && (
            <Alert color="red" role="alert" title="Couldn't save">
              {errorMessage(error)}
            </Alert>
          )}
          {hasEmail && (
            <TextInput
              label="Email"
              maxLength={FIELD_MAX.email}
              type="email"
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={fields['changes.email']}
              data-autofocus
            />
          )}
          {entry.kind === 'create' && (
            <Checkbox
              label="Send an invite instead"
              description="No temporary password: they get an email and join with their own password."
              checked={asInvite}
              onChange={(e) => setAsInvite(e.currentTarget.checked)}
            />
          )}
          {hasName && (
            <TextInput
              label="Name"
              maxLength={FIELD_MAX.name}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={fields['changes.name']}
            />
          )}
          {hasRole && (
            <Select
              label="Role"
              data={roles.map((role) => ({ value: role.id, label: role.name }))}
              value={roleId}
              onChange={setRoleId}
              allowDeselect={false}
              error={fields['changes.roleId']}
            />
          )}
          {hasPassword && (
            <>
              {passwordLost && (
                <Text size="sm">Its temporary password was lost. Type or generate a new one to send it.</Text>
              )}
              <PasswordField
                label={passwordLost ? 'New temporary password' : 'New temporary password (optional)'}
                value={password}
                onChange={setPassword}
                email={accountEmail}
                showErrors={submitted && (passwordLost || password.length > 0)}
              />
              {fields['changes.temporaryPassword'] && (
                <Text size="sm" className="text-error">
                  {fields['changes.temporaryPassword']}
                </Text>
              )}
              <MemoryPasswordNote />
            </>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Close
            </Button>
            <Button
              type="submit"
              loading={busy}
              disabled={Object.keys(changes).length === 0 && !(hasPassword && passwordLost && !password)}
            >
              {entry.state === 'needs_attention' ? 'Save and retry' : 'Save'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
