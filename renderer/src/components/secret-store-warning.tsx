import { useState } from 'react';
import { Alert, Button, Group, Text } from '@mantine/core';
import { errorMessage } from '../lib/error-message';
import { call, toConsoleError } from '../lib/nexus';
import { useSessionStore } from '../stores/session-store';

/**
 * Where sign-ins and queued passwords are kept, when that is not simply the OS keychain: kept
 * only until logout (kernel keyring), a locked keychain (with **Retry**, which makes core look
 * again), or none at all (memory only: sign-ins are not remembered on this computer).
 */
export function SecretStoreWarning() {
  const secretStore = useSessionStore((s) => s.status?.secretStore ?? null);
  const setStatus = useSessionStore((s) => s.setStatus);
  const [retrying, setRetrying] = useState(false);
  const [retryError, setRetryError] = useState<string | null>(null);
  if (!secretStore?.warning || secretStore.state === 'persistent') return null;

  async function retry() {
    setRetrying(true);
    setRetryError(null);
    try {
      setStatus(await call('session.retryKeychain'));
    } catch (error) {
      setRetryError(errorMessage(toConsoleError(error)));
    } finally {
      setRetrying(false);
    }
  }

  if (secretStore.state === 'locked') {
    return (
      <Alert color="yellow" title="The keychain is locked" role="status" data-testid="secret-store-notice">
        <Group justify="space-between" wrap="nowrap" gap="sm">
          <Text size="sm">{secretStore.warning}</Text>
          <Button size="xs" variant="default" loading={retrying} onClick={() => void retry()}>
            Retry
          </Button>
        </Group>
        {retryError && (
          <Text size="sm" className="text-error" mt={4}>
            {retryError}
          </Text>
        )}
      </Alert>
    );
  }
  return (
    <Alert color="yellow" role="status" data-testid="secret-store-notice" py="xs">
      <Text size="sm">{secretStore.warning}</Text>
    </Alert>
  );
}
