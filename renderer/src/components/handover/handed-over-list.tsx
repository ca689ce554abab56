import { useState } from 'react';
import { Alert, Button, Center, Loader, Paper, Table, Text } from '@mantine/core';
import type { HandedOverItem } from '../../../../shared/contract/handover';
import { errorMessage } from '../../lib/error-message';
import { formatDateTime, formatRelative, plural } from '../../lib/format';
import { useCommandResult } from '../../lib/use-command-result';
import { useNexusEvent } from '../../lib/use-nexus-event';
import { ResendCredentialsFlow } from '../resend-credentials-flow';
import { HandedOverBadge } from './handed-over-badge';

/**
 * "Handed over": each person this admin handed a password to, and whether it worked — signed in
 * with their own password, not yet, or flagged after `HandoverFollowUpDays` with **Resend
 * credentials** at hand. Refreshed after every sync (that is when sign-ins become known).
 */
export function HandedOverList() {
  const { data: list, error, load } = useCommandResult('handover.handedOver');
  const [resendTo, setResendTo] = useState<HandedOverItem | null>(null);

  useNexusEvent('handover.changed', () => void load());
  useNexusEvent('sync.status', (status) => status.state === 'idle' && void load());
  useNexusEvent('settings.changed', () => void load());

  if (error)
    return (
      <Alert color="red" role="alert" title="Couldn't load who was handed over">
        {errorMessage(error)}
      </Alert>
    );
  if (!list)
    return (
      <Center py="xl">
        <Loader aria-label="Loading who was handed over" />
      </Center>
    );
  if (list.items.length === 0)
    return (
      <Paper withBorder p="xl" data-testid="handed-over-empty">
        <Text fw={600}>Nobody handed over yet.</Text>
        <Text size="sm">
          When you mark someone handed over, they show here with whether they have signed in since and chosen their own
          password.
        </Text>
      </Paper>
    );

  const flagged = list.items.filter((item) => item.state === 'overdue').length;
  return (
    <>
      <Text size="sm" data-testid="handed-over-summary">
        {plural(list.items.length, 'person', 'people')} handed over
        {flagged > 0 && ` · ${flagged} not signed in after ${plural(list.followUpDays, 'day')}`}. Sign-ins show after
        the next sync.
      </Text>
      <Table striped highlightOnHover aria-label="Handed over">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Person</Table.Th>
            <Table.Th>Handed over</Table.Th>
            <Table.Th>Did it work?</Table.Th>
            <Table.Th>
              <span className="visually-hidden">Actions</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.items.map((item) => (
            <Table.Tr key={item.memberId} data-testid="handed-over-row">
              <Table.Td>
                <Text size="sm" fw={600}>
                  {item.name || item.email}
                </Text>
                <Text size="xs">{item.email}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" title={formatDateTime(item.handedOverAt)}>
                  {formatRelative(item.handedOverAt)}
                </Text>
                <Text size="xs">by {item.handedOverBy}</Text>
              </Table.Td>
              <Table.Td>
                <HandedOverBadge item={item} followUpDays={list.followUpDays} />
              </Table.Td>
              <Table.Td>
                {item.state === 'overdue' && item.canResend && (
                  <Button
                    size="xs"
                    variant="default"
                    aria-label={`Resend credentials to ${item.email}`}
                    onClick={() => setResendTo(item)}
                  >
                    Resend credentials
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <ResendCredentialsFlow
        member={resendTo ? { id: resendTo.memberId, email: resendTo.email } : null}
        onClose={() => setResendTo(null)}
      />
    </>
  );
}
