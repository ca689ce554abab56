import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import type { OutboxEntry } from '../../../shared/contract/outbox';
import { formatDateTime, formatRelative } from '../lib/format';

const STATE_LABEL: Record<OutboxEntry['state'], { label: string; color: string }> = {
  queued: { label: 'Queued', color: 'gray' },
  sending: { label: 'Sending', color: 'blue' },
  needs_attention: { label: 'Needs attention', color: 'red' },
  done: { label: 'Sent', color: 'green' },
};

/** The one-click alternative the server suggested with its refusal. */
const SUGGESTION_LABEL: Record<NonNullable<OutboxEntry['suggestion']>['action'], string> = {
  invite: 'Invite instead',
  resendInvite: 'Resend invite instead',
  openMember: 'Open the member',
};

/**
 * Kinds with fields the admin can change before the entry is sent. A change carrying a temporary
 * password (create, setPassword) can always be given a new one (a lost one must be).
 */
const EDITABLE_KINDS: readonly OutboxEntry['kind'][] = ['invite', 'create', 'changeRole', 'setPassword'];

interface Props {
  entry: OutboxEntry;
  onRetry(): void;
  onEdit(): void;
  onDiscard(): void;
  onSuggestion?(): void;
}

/**
 * One outbox entry. Refused ones offer Retry, Edit, Discard and the server's suggestion; queued
 * ones can still be edited or withdrawn (Discard) until they are being sent.
 */
export function OutboxEntryCard({ entry, onRetry, onEdit, onDiscard, onSuggestion }: Props) {
  const state = STATE_LABEL[entry.state];
  const attention = entry.state === 'needs_attention';
  const withdrawable = attention || entry.state === 'queued';
  const editable = withdrawable && (EDITABLE_KINDS.includes(entry.kind) || entry.hasSecret);
  const byConsole = entry.lastError?.source === 'console';
  const needsPassword = attention && entry.lastError?.code === 'secret_missing';
  // Offline it waits and is probed every few seconds (not counted as attempts, see push-outbox):
  // say so calmly, not the sign-in form's "check the address … then try again".
  const waitingForServer = !attention && entry.lastError?.code === 'server_unreachable';
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
        {waitingForServer ? (
          <Text size="sm">Waiting for the server: it can't be reached now. This change is sent when it is back.</Text>
        ) : (
          entry.lastError && (
            <Text size="sm" className={attention ? 'text-error' : undefined}>
              {needsPassword
                ? ''
                : attention
                  ? byConsole
                    ? 'Not sent: '
                    : 'The server refused it: '
                  : 'Last attempt: '}
              {entry.lastError.message}
            </Text>
          )
        )}
        {entry.waitingFor && (
          <Text size="sm">Waits for “{entry.waitingFor}”: retry, edit or discard that change first.</Text>
        )}
        {withdrawable && (
          <Group gap="xs">
            {attention && entry.suggestion && onSuggestion && (
              <Button size="xs" onClick={onSuggestion}>
                {SUGGESTION_LABEL[entry.suggestion.action]}
              </Button>
            )}
            {attention && (
              <Button size="xs" variant={entry.suggestion ? 'default' : 'filled'} onClick={onRetry}>
                Retry
              </Button>
            )}
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
