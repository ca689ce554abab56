import { Alert, Button, Center, Stack, Text, Title } from '@mantine/core';
import { errorMessage } from '../lib/error-message';
import { useSessionStore } from '../stores/session-store';

export function StartupErrorScreen() {
  const loadError = useSessionStore((s) => s.loadError);
  const load = useSessionStore((s) => s.load);
  return (
    <Center h="100vh" p="md" component="main">
      <Stack maw={480}>
        <Title order={1} size="h2">
          Nexus Admin couldn't start
        </Title>
        <Alert color="red" role="alert" title="Not connected">
          <Text size="sm">
            {loadError
              ? errorMessage(loadError)
              : 'This page talks to the Nexus Admin background service, which is not running. Start Nexus Admin again.'}
          </Text>
        </Alert>
        {window.nexus && (
          <Button onClick={() => void load()} w="fit-content">
            Try again
          </Button>
        )}
      </Stack>
    </Center>
  );
}
