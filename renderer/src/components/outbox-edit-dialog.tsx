import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Checkbox, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { z } from 'zod';
import type { ConsoleErrorShape } from '../../../shared/contract/errors';
import { outboxEditInputSchema, type OutboxEntry } from '../../../shared/contract/outbox';
import { enteredPasswordSchema, passwordRules } from '../../../shared/password-policy';
import { errorMessage, fieldErrors } from '../lib/error-message';
import { call, toConsoleError } from '../lib/nexus';
import { useGrantableRoles } from '../stores/roles-store';
import { FIELD_MAX } from '../../../shared/field-limits';
import { MemoryPasswordNote } from './memory-password-note';
import { PasswordField } from './password-field';

interface Props {
  entry: OutboxEntry | null;
  onClose(): void;
  /**
   * With the new temporary password when one was set, for the show-once dialog; `notHeld` when
   * the entry was held for the handover and the keychain refused to hold the new password.
   */
  onSaved(newPassword?: { email: string; password: string; notHeld?: boolean; kind?: 'create' | 'password' }): void;
}

type EditValues = { email: string; name: string; roleId: string | null; asInvite: boolean; temporaryPassword: string };

const editable = outboxEditInputSchema.shape.changes.shape;

/**
 * The contract's `outbox.edit` changes as this entry's form: the fields it shows, a password
 * required when the old one was lost, and the policy for the account's (possibly new) email.
 */
function editFormSchema(entry: OutboxEntry | null) {
  const shows = fieldsOf(entry, false);
  return z
    .object({
      email: shows.email ? editable.email.unwrap() : z.string(),
      name: shows.name ? editable.name.unwrap() : z.string(),
      asInvite: z.boolean(),
      temporaryPassword: z.string().max(FIELD_MAX.password),
    })
    .superRefine((values, ctx) => {
      if (!fieldsOf(entry, values.asInvite).password) return;
      if (entry?.lastError?.code === 'secret_missing') {
        const entered = enteredPasswordSchema.safeParse(values.temporaryPassword);
        if (!entered.success)
          ctx.addIssue({ code: 'custom', message: entered.error.issues[0]!.message, path: ['temporaryPassword'] });
      }
      passwordRules(accountEmail(entry, values.email), ['temporaryPassword'])(values.temporaryPassword, ctx);
    });
}

/** Which fields an entry's edit shows. An invite needs no password: they join with their own. */
function fieldsOf(entry: OutboxEntry | null, asInvite: boolean) {
  const kind = entry?.kind;
  return {
    email: entry?.email != null && (kind === 'invite' || kind === 'create'),
    name: entry?.name != null && kind === 'create' && !asInvite,
    role: entry?.roleId != null,
    password: (kind === 'create' && !asInvite) || kind === 'setPassword',
  };
}

/** A create's password makes an account; the others replace one (the show-once dialog's words). */
const passwordKind = (entry: OutboxEntry) => (entry.kind === 'create' ? ('create' as const) : ('password' as const));

/** The account a new temporary password is for: the edited email, else the entry's. */
function accountEmail(entry: OutboxEntry | null, typedEmail: string): string {
  return (fieldsOf(entry, false).email ? typedEmail.trim() : entry?.email) ?? '';
}

/**
 * Fix a refused change (a typo in the email, another role) before retrying it, or change a queued
 * one before it is sent. A create can become an invite (no password: they use their own). A change
 * carrying a temporary password (create, Change Password, Resend credentials) can be given a new
 * one, and must be when the old one was lost.
 */
export function OutboxEditDialog({ entry, onClose, onSaved }: Props) {
  const roles = useGrantableRoles();
  const validate = useMemo(() => schemaResolver(editFormSchema(entry), { sync: true }), [entry]);
  const form = useForm<EditValues>({
    mode: 'controlled',
    initialValues: { email: '', name: '', roleId: null, asInvite: false, temporaryPassword: '' },
    validate,
  });
  // Errors that belong to no field (offline, the entry is being sent…) are shown above the form.
  const [error, setError] = useState<ConsoleErrorShape | null>(null);

  const { setInitialValues, reset } = form;
  useEffect(() => {
    setInitialValues({
      email: entry?.email ?? '',
      name: entry?.name ?? '',
      roleId: entry?.roleId ?? null,
      asInvite: false,
      temporaryPassword: '',
    });
    reset();
    setError(null);
  }, [entry, setInitialValues, reset]);

  if (!entry) return <Modal opened={false} onClose={onClose} title="Edit change" />;
  const { email, name, roleId, asInvite, temporaryPassword: password } = form.values;
  const shows = fieldsOf(entry, asInvite);
  const passwordLost = entry.lastError?.code === 'secret_missing';
  const account = accountEmail(entry, email);
  const changes = {
    ...(shows.email && email.trim() !== entry.email ? { email: email.trim() } : {}),
    ...(shows.name && name.trim() !== entry.name ? { name: name.trim() } : {}),
    ...(shows.role && roleId && roleId !== entry.roleId ? { roleId } : {}),
    ...(asInvite ? { kind: 'invite' as const } : {}),
    ...(shows.password && password ? { temporaryPassword: password } : {}),
  };

  const save = form.onSubmit(async () => {
    if (Object.keys(changes).length === 0) return;
    setError(null);
    try {
      const { held } = await call('outbox.edit', { id: entry.id, changes });
      onSaved(
        changes.temporaryPassword
          ? {
              email: account,
              password: changes.temporaryPassword,
              ...(held === false ? { notHeld: true, kind: passwordKind(entry) } : {}),
            }
          : undefined,
      );
    } catch (err) {
      const shape = toConsoleError(err);
      setError(shape);
      // Core names `changes.<field>`: onto the form's field of that name.
      form.setErrors(fieldErrors(shape, 'changes'));
    }
  });

  return (
    <Modal opened onClose={onClose} title="Edit change">
      <form onSubmit={save} noValidate aria-label="Edit change">
        <Stack>
          {error && (
            <Alert color="red" role="alert" title="Couldn't save">
              {errorMessage(error)}
            </Alert>
          )}
          {shows.email && (
            <TextInput
              label="Email"
              maxLength={FIELD_MAX.email}
              type="email"
              {...form.getInputProps('email')}
              data-autofocus
            />
          )}
          {entry.kind === 'create' && (
            <Checkbox
              label="Send an invite instead"
              description="No temporary password: they get an email and join with their own password."
              {...form.getInputProps('asInvite', { type: 'checkbox' })}
            />
          )}
          {shows.name && <TextInput label="Name" maxLength={FIELD_MAX.name} {...form.getInputProps('name')} />}
          {shows.role && (
            <Select
              label="Role"
              data={roles.map((role) => ({ value: role.id, label: role.name }))}
              {...form.getInputProps('roleId')}
              allowDeselect={false}
            />
          )}
          {shows.password && (
            <>
              {passwordLost && (
                <Text size="sm">Its temporary password was lost. Type or generate a new one to send it.</Text>
              )}
              <PasswordField
                label={passwordLost ? 'New temporary password' : 'New temporary password (optional)'}
                value={password}
                onChange={(value) => form.setFieldValue('temporaryPassword', value)}
                email={account}
                error={form.errors.temporaryPassword}
              />
              <MemoryPasswordNote />
            </>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Close
            </Button>
            <Button
              type="submit"
              loading={form.submitting}
              disabled={Object.keys(changes).length === 0 && !(shows.password && passwordLost && !password)}
            >
              {entry.state === 'needs_attention' ? 'Save and retry' : 'Save'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
