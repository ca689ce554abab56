import { Center, Paper, Stack, Text, Title } from '@mantine/core';
import { SignInForm } from '../components/sign-in-form';
import { SecretStoreWarning } from '../components/secret-store-warning';
import { ThemeToggle } from '../components/theme-toggle';
import { useSessionStore } from '../stores/session-store';

export function SignInScreen() {
  const status = useSessionStore((s) => s.status);
  const serverUrl = status?.serverUrl ?? status?.defaultServerUrl ?? '';
  return (
    <Center mih="100vh" p="md" component="main" pos="relative">
      <div style={{ position: 'absolute', top: 16, right: 16 }}>
        <ThemeToggle />
      </div>
      <Stack w="100%" maw={420}>
        <div>
          <Title order={1} size="h2">
            Nexus Admin
          </Title>
          <Text c="dimmed">Sign in with your Nexus account to manage your organization's members.</Text>
        </div>
        <SecretStoreWarning />
        <Paper withBorder p="lg" shadow="xs">
          <SignInForm defaultServerUrl={serverUrl} defaultEmail={status?.user?.email ?? ''} />
        </Paper>
      </Stack>
    </Center>
  );
}
