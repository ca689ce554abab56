import { useMemo } from 'react';
import { Alert, Button, Group, Loader, Stack, Text, Timeline } from '@mantine/core';
import { auditActionLabels, auditDetailText } from '../../../shared/audit-labels';
import { formatDateTime } from '../lib/format';
import { useAuditPages } from '../lib/use-audit-pages';

const MEMBER_HISTORY_PAGE = 50;

/**
 * One member's history as the server recorded it (its audit log): every admin, every computer,
 * each change credited to the admin whose request made it. Online only; offline says so.
 */
export function MemberServerHistory({ memberId }: { memberId: string }) {
  const filter = useMemo(() => ({ memberId }), [memberId]);
  const pages = useAuditPages(filter, MEMBER_HISTORY_PAGE);

  if (pages.loading && pages.items.length === 0)
    return (
      <Group gap="xs">
        <Loader size="xs" aria-label="Loading history" />
        <Text size="sm">Loading the history from the server…</Text>
      </Group>
    );
  if (pages.error && pages.items.length === 0)
    return (
      <Alert color={pages.error.code === 'offline' ? 'yellow' : 'red'} title="History from the server is not available">
        <Stack gap="xs" align="flex-start">
          <Text size="sm">
            {pages.error.code === 'offline'
              ? 'You are offline: the history of every admin and computer shows when the server can be reached.'
              : pages.error.message}
          </Text>
          <Button size="xs" variant="default" onClick={pages.reload}>
            Try again
          </Button>
        </Stack>
      </Alert>
    );
  if (pages.items.length === 0) return <Text size="sm">The server has no recorded changes to this member yet.</Text>;
  return (
    <Stack gap="xs">
      <Timeline role="list" bulletSize={12} lineWidth={2} aria-label="History from the server">
        {pages.items.map((event) => {
          const detail = auditDetailText(event);
          return (
            <Timeline.Item
              role="listitem"
              key={event.id}
              title={`${auditActionLabels[event.action]}${detail ? ` ${detail}` : ''}`}
            >
              <Text size="sm">
                <time dateTime={event.at}>{formatDateTime(event.at)}</time> · by{' '}
                <span data-testid="actor">
                  {event.actor.name ? `${event.actor.name} (${event.actor.email})` : event.actor.email}
                </span>
                {event.client ? ` · ${event.client}` : ''}
              </Text>
            </Timeline.Item>
          );
        })}
      </Timeline>
      {pages.hasMore && (
        <Button size="xs" variant="default" w="fit-content" loading={pages.loadingMore} onClick={pages.loadMore}>
          Show older changes
        </Button>
      )}
    </Stack>
  );
}
