import { useState } from 'react';
import { Alert, Button, Center, Loader, Stack, Text, Title } from '@mantine/core';
import type { OutboxEntry } from '../../../shared/contract/outbox';
import { ConfirmDialog } from '../components/confirm-dialog';
import { CredentialsDialog, type Credentials } from '../components/credentials-dialog';
import { OutboxEditDialog } from '../components/outbox-edit-dialog';
import { OutboxEntryCard } from '../components/outbox-entry-card';
import { announceQueued } from '../lib/change-outcomes';
import { errorMessage } from '../lib/error-message';
import { runMemberChange } from '../lib/member-actions';
import { call, withRefusalNotice } from '../lib/commands';
import { useCommandResult } from '../lib/use-command-result';
import { useNexusEvent } from '../lib/use-nexus-event';
import { useNavStore } from '../stores/nav-store';
import { useSessionStore } from '../stores/session-store';

/** The outbox: what is waiting to be sent, and what the server refused with its reason. */
export function PendingChangesScreen() {
  const { data, error, load } = useCommandResult('outbox.list');
  const items = data ? data.items.filter((entry) => entry.state !== 'done') : null;
  const [editing, setEditing] = useState<OutboxEntry | null>(null);
  const [discarding, setDiscarding] = useState<OutboxEntry | null>(null);
  const [refusedAgain, setRefusedAgain] = useState<{ entry: OutboxEntry; reason: string } | null>(null);
  const go = useNavStore((s) => s.go);
  // A password set in the Edit dialog is shown once, like any new temporary password.
  const [credentials, setCredentials] = useState<Credentials | null>(null);
  const serverUrl = useSessionStore((s) => s.status?.serverUrl ?? null);

  useNexusEvent('outbox.changed', () => void load());
  useNexusEvent('sync.status', () => void load());

  async function act(run: () => Promise<unknown>, failTitle: string) {
    await withRefusalNotice(failTitle, run);
    await load();
  }

  async function retry(entry: OutboxEntry, force = false) {
    await act(async () => {
      const result = await call('outbox.retry', { id: entry.id, force });
      if (!result.retried && result.refusedAgain) setRefusedAgain({ entry, reason: result.refusedAgain });
      else announceQueued(entry.id, { what: entry.summary, done: `Done: ${entry.summary}.` });
    }, "Couldn't retry");
  }

  /** The server's suggestion, in one click. */
  async function followSuggestion(entry: OutboxEntry) {
    const suggestion = entry.suggestion;
    if (!suggestion) return;
    if (suggestion.action === 'openMember' && suggestion.memberId) {
      go({ view: 'member', memberId: suggestion.memberId });
    } else if (suggestion.action === 'invite') {
      await act(async () => {
        await call('outbox.edit', { id: entry.id, changes: { kind: 'invite' } });
        announceQueued(entry.id, {
          what: `Invite ${entry.email ?? ''}`,
          done: `Invitation sent to ${entry.email ?? ''}.`,
        });
      }, "Couldn't change it to an invite");
    } else if (suggestion.action === 'resendInvite' && suggestion.memberId) {
      const memberId = suggestion.memberId;
      await act(async () => {
        await call('outbox.discard', { id: entry.id });
        await runMemberChange(
          'members.resendInvite',
          { memberId },
          {
            what: `Resend the invitation to ${entry.email ?? ''}`,
            done: `A new invitation was sent to ${entry.email ?? ''}.`,
          },
        );
      }, "Couldn't resend the invitation");
    }
  }

  const attention = items?.filter((entry) => entry.state === 'needs_attention') ?? [];
  const waiting = items?.filter((entry) => entry.state !== 'needs_attention') ?? [];

  return (
    <Stack component="section" aria-labelledby="pending-title" style={{ overflow: 'auto' }}>
      <Title order={2} id="pending-title">
        Pending changes
      </Title>
      <Text size="sm">
        Changes are saved on this computer first and sent to the server in order. Ones the server refused wait here for
        you.
      </Text>
      {error && (
        <Alert color="red" role="alert" title="Couldn't load pending changes">
          {errorMessage(error)}{' '}
          <Button size="compact-xs" variant="default" onClick={() => void load()}>
            Try again
          </Button>
        </Alert>
      )}
      {items === null && !error && (
        <Center py="xl">
          <Loader aria-label="Loading pending changes" />
        </Center>
      )}
      {items !== null && items.length === 0 && (
        <Text fw={600}>Nothing pending. Every change has reached the server.</Text>
      )}
      {attention.length > 0 && (
        <>
          <Title order={3} size="h4">
            Needs attention ({attention.length})
          </Title>
          <Stack gap="xs" role="list" aria-label="Needs attention">
            {attention.map((entry) => (
              <OutboxEntryCard
                key={entry.id}
                entry={entry}
                onRetry={() => void retry(entry)}
                onEdit={() => setEditing(entry)}
                onDiscard={() => setDiscarding(entry)}
                onSuggestion={() => void followSuggestion(entry)}
              />
            ))}
          </Stack>
        </>
      )}
      {waiting.length > 0 && (
        <>
          <Title order={3} size="h4">
            Waiting to be sent ({waiting.length})
          </Title>
          <Stack gap="xs" role="list" aria-label="Waiting to be sent">
            {waiting.map((entry) => (
              <OutboxEntryCard
                key={entry.id}
                entry={entry}
                onRetry={() => {}}
                onEdit={() => setEditing(entry)}
                onDiscard={() => setDiscarding(entry)}
              />
            ))}
          </Stack>
        </>
      )}
      <OutboxEditDialog
        entry={editing}
        onClose={() => setEditing(null)}
        onSaved={(newPassword) => {
          setEditing(null);
          if (newPassword) setCredentials({ ...newPassword, serverUrl });
          void load();
        }}
      />
      <CredentialsDialog
        credentials={credentials}
        title="New temporary password"
        onClose={() => setCredentials(null)}
      />
      <ConfirmDialog
        opened={discarding !== null}
        title="Discard this change?"
        confirmLabel="Discard"
        keepLabel="Keep it"
        onConfirm={() =>
          act(() => call('outbox.discard', { id: discarding!.id }), "Couldn't discard").then(() => setDiscarding(null))
        }
        onClose={() => setDiscarding(null)}
      >
        “{discarding?.summary}” will not be sent. Nothing changes on the server.
      </ConfirmDialog>
      <ConfirmDialog
        opened={refusedAgain !== null}
        title="This would be refused again"
        confirmLabel="Retry anyway"
        keepLabel="Don't retry"
        danger={false}
        onConfirm={() => {
          const entry = refusedAgain!.entry;
          setRefusedAgain(null);
          return retry(entry, true);
        }}
        onClose={() => setRefusedAgain(null)}
      >
        {refusedAgain?.reason}
      </ConfirmDialog>
    </Stack>
  );
}
