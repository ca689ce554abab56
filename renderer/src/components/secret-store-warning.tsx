import { Alert } from '@mantine/core';
import { useSessionStore } from '../stores/session-store';

/** Linux without a Secret Service: sessions and queued passwords would not survive a restart. */
export function SecretStoreWarning() {
  const warning = useSessionStore((s) => s.status?.secretStore.warning ?? null);
  if (!warning) return null;
  return (
    <Alert color="yellow" title="Secrets are not stored permanently" role="status">
      {warning}
    </Alert>
  );
}
