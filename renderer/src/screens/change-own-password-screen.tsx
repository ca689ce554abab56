import { useState } from 'react';
import { Alert, Button, Center, Group, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import type { ConsoleErrorShape } from '../../../shared/contract/errors';
import { checkPasswordRules } from '../../../shared/password-policy';
import { PasswordField } from '../components/password-field';
import { errorMessage } from '../lib/error-message';
import { toConsoleError } from '../lib/nexus';
import { useSessionStore } from '../stores/session-store';
import { FIELD_MAX } from '../../../shared/field-limits';

/** Shown when the server answers sign-in with "password change required" (a temporary password). */
export function ChangeOwnPasswordScreen() {
  const email = useSessionStore((s) => s.changePasswordEmail) ?? '';
  const changePassword = useSessionStore((s) => s.changePassword);
  const cancel = useSessionStore((s) => s.cancelChangePassword);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ConsoleErrorShape | null>(null);

  const mismatch = submitted && confirm !== password ? 'The passwords do not match' : undefined;

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (!password || checkPasswordRules(password, email) || confirm !== password) return;
    setBusy(true);
    setError(null);
    try {
      await changePassword(password);
    } catch (err) {
      setError(toConsoleError(err));
    } finally {
      setBusy(false);
    }
  }

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
          <form onSubmit={(event) => void submit(event)} noValidate aria-label="Choose a new password">
            <Stack>
              {error && (
                <Alert color="red" role="alert" title="Couldn't change the password">
                  {errorMessage(error)}
                </Alert>
              )}
              <PasswordField
                label="New password"
                value={password}
                onChange={setPassword}
                email={email}
                showErrors={submitted}
              />
              <PasswordInput
                label="Confirm new password"
                maxLength={FIELD_MAX.password}
                value={confirm}
                onChange={(e) => setConfirm(e.currentTarget.value)}
                error={mismatch}
                autoComplete="new-password"
              />
              <Group justify="space-between">
                <Button variant="subtle" onClick={cancel}>
                  Back to sign in
                </Button>
                <Button type="submit" loading={busy}>
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
