import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import type { OutboxEntry } from '../../../shared/contract/outbox';
import { formatDateTime, formatRelative } from '../lib/format';

const STATE_LABEL: Record<OutboxEntry['state'], { label: string; color: string }> = {
  queued: { label: 'Queued', color: 'gray' },
  sending: { label: 'Sending', color: 'blue' },
  needs_attention: { label: 'Needs attention', color: 'red' },
  done: { label: 'Sent', color: 'green' },
};

interface Props {
  entry: OutboxEntry;
  onRetry(): void;
  onEdit(): void;
  onDiscard(): void;
}

export function OutboxEntryCard({ entry, onRetry, onEdit, onDiscard }: Props) {
  const state = STATE_LABEL[entry.state];
  const attention = entry.state === 'needs_attention';
  // A change carrying a temporary password can always be given a new one (a lost one must be).
  const editable =
    attention && (entry.hasSecret || entry.email !== null || entry.name !== null || entry.roleId !== null);
  const needsPassword = attention && entry.lastError?.code === 'secret_missing';
  return (
    <Paper withBorder p="md" role="listitem" aria-label={entry.summary}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap">
          <Text fw={600}>{entry.summary}</Text>
          <Badge color={state.color} variant="light" tt="none">
            {needsPassword ? 'Needs a new password' : state.label}
          </Badge>
        </Group>
        <Text size="sm">
          Made {formatDateTime(entry.createdAt)}
          {entry.attempts > 0 ? ` · ${entry.attempts} attempt${entry.attempts === 1 ? '' : 's'}` : ''}
          {entry.state === 'queued' && entry.nextAttemptAt ? ` · next try ${formatRelative(entry.nextAttemptAt)}` : ''}
        </Text>
        {entry.lastError && (
          <Text size="sm" className={attention ? 'text-error' : undefined}>
            {needsPassword ? '' : attention ? 'The server refused it: ' : 'Last attempt: '}
            {entry.lastError.message}
          </Text>
        )}
        {entry.waitingFor && (
          <Text size="sm">Waits for “{entry.waitingFor}”: retry, edit or discard that change first.</Text>
        )}
        {attention && (
          <Group gap="xs">
            <Button size="xs" onClick={onRetry}>
              Retry
            </Button>
            {editable && (
              <Button size="xs" variant="default" onClick={onEdit}>
                Edit
              </Button>
            )}
            <Button size="xs" variant="outline" color="red" onClick={onDiscard}>
              Discard
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
