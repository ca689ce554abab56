import { useEffect, useState } from 'react';
import { Alert, Badge, Button, Code, Group, Kbd, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import type { ConsoleErrorShape } from '../../../../shared/contract/errors';
import type { HandoverItem } from '../../../../shared/contract/handover';
import { credentialsText } from '../../lib/credentials-text';
import { errorMessage } from '../../lib/error-message';
import { call, toConsoleError } from '../../lib/nexus';
import { CopyStatus, useSecretCopy } from '../../lib/use-secret-copy';
import { HandoverCountdown } from './handover-countdown';
import { HandoverStateBadge } from './handover-state-badge';
import { PasswordLegend, PasswordText } from './password-text';

interface Props {
  item: HandoverItem;
  position: { index: number; total: number };
  signInAddress: string | null;
  onPrevious(): void;
  onNext(): void;
  onHandedOver(): Promise<void>;
}

const kindText: Record<HandoverItem['kind'], string> = {
  create: 'New account',
  change: 'Password changed',
  resend_credentials: 'Credentials sent again',
};

/**
 * One person at a time: their password is asked of core when they are on screen and dropped when
 * the screen moves on. Everything is on the keyboard, and the shortcuts are shown.
 */
export function HandoverPerson({ item, position, signInAddress, onPrevious, onNext, onHandedOver }: Props) {
  const [password, setPassword] = useState<string | null>(null);
  const [error, setError] = useState<ConsoleErrorShape | null>(null);
  const [marking, setMarking] = useState(false);
  const copying = useSecretCopy();

  useEffect(() => {
    let current = true;
    setPassword(null);
    setError(null);
    call('handover.reveal', { id: item.id })
      .then(({ password: revealed }) => current && setPassword(revealed))
      .catch((err: unknown) => current && setError(toConsoleError(err)));
    return () => {
      current = false;
      setPassword(null);
    };
  }, [item.id]);

  const copyEmail = () => void copying.copy('Email', item.email);
  const copyPassword = () => password && void copying.copy('Password', password);
  const copyBoth = () =>
    password && void copying.copy('Email and password', credentialsText(item.email, password, signInAddress));
  const mark = async () => {
    if (marking) return;
    setMarking(true);
    try {
      await onHandedOver();
    } finally {
      setMarking(false);
    }
  };
  useHotkeys([
    ['e', copyEmail],
    ['p', copyPassword],
    ['b', copyBoth],
    ['h', () => void mark()],
    ['j', onNext],
    ['ArrowDown', onNext],
    ['k', onPrevious],
    ['ArrowUp', onPrevious],
  ]);

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="handover-person-name">
      <Stack>
        <Group justify="space-between" align="flex-start">
          <div>
            <Text size="sm" c="dimmed">
              {position.index + 1} of {position.total} · {kindText[item.kind]}
            </Text>
            <Title order={3} id="handover-person-name">
              {item.name || item.email}
            </Title>
          </div>
          <Group gap="xs">
            <HandoverStateBadge item={item} />
            <Badge variant="outline" color="gray">
              <HandoverCountdown expiresAt={item.expiresAt} />
            </Badge>
          </Group>
        </Group>
        {item.state === 'queued' && (
          <Alert color="yellow" role="note" title="Not on the server yet">
            {item.kind === 'create'
              ? "The account doesn't exist until this computer syncs. Hand the password over once it is on the server."
              : 'The new password works once this computer has synced.'}
          </Alert>
        )}
        {item.state === 'rejected' && (
          <Alert color="red" role="note" title="The server refused this change">
            {item.reason ?? 'See Pending changes.'} This password does not work; fix the change under Pending changes.
          </Alert>
        )}
        <Text>
          Email: <Code data-testid="handover-email">{item.email}</Code>
        </Text>
        {signInAddress && (
          <Text>
            Sign in at: <Code data-testid="handover-sign-in-address">{signInAddress}</Code>
          </Text>
        )}
        <div>
          <Text size="sm" fw={600}>
            Temporary password
          </Text>
          {error ? (
            <Alert color="red" role="alert" title="Couldn't show the password">
              {errorMessage(error)}
            </Alert>
          ) : password ? (
            <PasswordText password={password} />
          ) : (
            <Loader size="sm" aria-label="Loading the password" />
          )}
          <Text size="xs" c="dimmed">
            <PasswordLegend />. They choose their own password when they first sign in.
          </Text>
        </div>
        <Group gap="xs">
          <Button variant="default" onClick={copyEmail} rightSection={<Kbd>E</Kbd>}>
            Copy email
          </Button>
          <Button variant="default" onClick={copyPassword} disabled={!password} rightSection={<Kbd>P</Kbd>}>
            Copy password
          </Button>
          <Button variant="default" onClick={copyBoth} disabled={!password} rightSection={<Kbd>B</Kbd>}>
            Copy both
          </Button>
        </Group>
        <CopyStatus copying={copying} />
        <Group justify="space-between">
          <Group gap="xs">
            <Button variant="subtle" onClick={onPrevious} disabled={position.index === 0} leftSection={<Kbd>K</Kbd>}>
              Previous
            </Button>
            <Button
              variant="subtle"
              onClick={onNext}
              disabled={position.index >= position.total - 1}
              rightSection={<Kbd>J</Kbd>}
            >
              Next
            </Button>
          </Group>
          <Button onClick={() => void mark()} loading={marking} rightSection={<Kbd>H</Kbd>}>
            Mark handed over
          </Button>
        </Group>
        <Text size="xs" c="dimmed" data-testid="handover-shortcuts">
          Keys: <Kbd>E</Kbd> copy email, <Kbd>P</Kbd> copy password, <Kbd>B</Kbd> copy both, <Kbd>H</Kbd> mark handed
          over, <Kbd>J</Kbd>/<Kbd>↓</Kbd> next, <Kbd>K</Kbd>/<Kbd>↑</Kbd> previous.
        </Text>
      </Stack>
    </Paper>
  );
}
