import { Center, Paper, Stack, Text, Title } from '@mantine/core';
import { OtherAccounts } from '../components/other-accounts';
import { SignInForm } from '../components/sign-in-form';
import { SecretStoreWarning } from '../components/secret-store-warning';
import { ThemeToggle } from '../components/theme-toggle';
import { useSessionStore } from '../stores/session-store';
import { useSetting } from '../stores/settings-store';

export function SignInScreen() {
  const status = useSessionStore((s) => s.status);
  // The last account's server, else the admin's own preset (Settings), else the shell's suggestion.
  const presetServer = useSetting('ServerUrl');
  const serverUrl = status?.serverUrl ?? presetServer ?? status?.defaultServerUrl ?? '';
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
        <OtherAccounts />
      </Stack>
    </Center>
  );
}
