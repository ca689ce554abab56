import { useEffect, useState } from 'react';
import { Alert, Button, Center, Paper, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import type { ConsoleErrorShape } from '../../../shared/contract/errors';
import { SignOutDialog } from '../components/sign-out-dialog';
import { errorMessage } from '../lib/error-message';
import { toConsoleError } from '../lib/nexus';
import { useSessionStore } from '../stores/session-store';

/** After sign-in when no org is selected yet; a single org is selected without asking. */
export function OrgPickerScreen() {
  const status = useSessionStore((s) => s.status);
  const selectOrg = useSessionStore((s) => s.selectOrg);
  const [signingOut, setSigningOut] = useState(false);
  const [error, setError] = useState<ConsoleErrorShape | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const orgs = status?.orgs ?? [];

  async function choose(orgId: string) {
    setBusyId(orgId);
    setError(null);
    try {
      await selectOrg(orgId);
    } catch (err) {
      setError(toConsoleError(err));
      setBusyId(null);
    }
  }

  const onlyOrgId = orgs.length === 1 ? orgs[0]!.id : null;
  useEffect(() => {
    if (onlyOrgId) void choose(onlyOrgId);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [onlyOrgId]);

  return (
    <Center mih="100vh" p="md" component="main">
      <Stack w="100%" maw={480}>
        <Title order={1} size="h2">
          Choose an organization
        </Title>
        {orgs.length === 0 ? (
          <Text>
            {status?.user?.email} isn't a member of any organization yet. Ask an owner to invite you, then sign in
            again.
          </Text>
        ) : (
          <Text c="dimmed">You belong to several organizations. Pick the one to manage; you can switch later.</Text>
        )}
        {error && (
          <Alert color="red" role="alert" title="Couldn't open the organization">
            {errorMessage(error)}
          </Alert>
        )}
        <Stack gap="xs" role="list" aria-label="Organizations">
          {orgs.map((org) => (
            <Paper key={org.id} withBorder role="listitem">
              <UnstyledButton onClick={() => void choose(org.id)} p="md" w="100%" disabled={busyId !== null}>
                <Text fw={600}>{org.name}</Text>
                <Text size="sm" c="dimmed">
                  Your role: {org.roleName}
                  {busyId === org.id ? ' — opening…' : ''}
                </Text>
              </UnstyledButton>
            </Paper>
          ))}
        </Stack>
        <Button variant="subtle" w="fit-content" onClick={() => setSigningOut(true)}>
          Sign out
        </Button>
        <SignOutDialog opened={signingOut} onClose={() => setSigningOut(false)} />
      </Stack>
    </Center>
  );
}
