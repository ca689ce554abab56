import { useMemo, useState } from 'react';
import { Alert, Button, Center, Group, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { z } from 'zod';
import type { ConsoleErrorShape } from '../../../shared/contract/errors';
import { changeOwnPasswordInputSchema } from '../../../shared/contract/session';
import { passwordRules } from '../../../shared/password-policy';
import { PasswordField } from '../components/password-field';
import { errorMessage, fieldErrors } from '../lib/error-message';
import { toConsoleError } from '../lib/nexus';
import { useSessionStore } from '../stores/session-store';

/** The contract's input for `session.changePassword`, with the policy and a confirmation. */
function changeOwnPasswordFormSchema(email: string) {
  return z
    .object({
      newPassword: changeOwnPasswordInputSchema.shape.newPassword.superRefine(passwordRules(email)),
      confirm: z.string(),
    })
    .refine((values) => values.confirm === values.newPassword, {
      path: ['confirm'],
      message: 'The passwords do not match',
    });
}

/** Shown when the server answers sign-in with "password change required" (a temporary password). */
export function ChangeOwnPasswordScreen() {
  const email = useSessionStore((s) => s.changePasswordEmail) ?? '';
  const changePassword = useSessionStore((s) => s.changePassword);
  const cancel = useSessionStore((s) => s.cancelChangePassword);
  const schema = useMemo(() => changeOwnPasswordFormSchema(email), [email]);
  const form = useForm({
    mode: 'controlled',
    initialValues: { newPassword: '', confirm: '' },
    validate: schemaResolver(schema, { sync: true }),
  });
  // Errors that belong to no field (the server's reason, offline…) are shown above the form.
  const [error, setError] = useState<ConsoleErrorShape | null>(null);

  const submit = form.onSubmit(async ({ newPassword }) => {
    setError(null);
    try {
      await changePassword(newPassword);
    } catch (err) {
      const shape = toConsoleError(err);
      setError(shape);
      // Core's field errors go back onto the fields they name.
      form.setErrors(fieldErrors(shape));
    }
  });

  return (
    <Center mih="100vh" p="md" component="main">
      <Stack w="100%" maw={480}>
        <div>
          <Title order={1} size="h2">
            Choose a new password
          </Title>
          <Text c="dimmed">{email} signed in with a temporary password. Choose your own password to continue.</Text>
        </div>
        <Paper withBorder p="lg" shadow="xs">
          <form onSubmit={submit} noValidate aria-label="Choose a new password">
            <Stack>
              {error && (
                <Alert color="red" role="alert" title="Couldn't change the password">
                  {errorMessage(error)}
                </Alert>
              )}
              <PasswordField
                label="New password"
                value={form.values.newPassword}
                onChange={(value) => form.setFieldValue('newPassword', value)}
                email={email}
                error={typeof form.errors.newPassword === 'string' ? form.errors.newPassword : undefined}
              />
              <PasswordInput
                label="Confirm new password"
                {...form.getInputProps('confirm')}
                autoComplete="new-password"
              />
              <Group justify="space-between">
                <Button variant="subtle" onClick={cancel}>
                  Back to sign in
                </Button>
                <Button type="submit" loading={form.submitting}>
                  Change password
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      </Stack>
    </Center>
  );
}
