import { useEffect, useRef } from 'react';
import { Anchor, Badge, Group, Loader, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { AuditEvent } from '../../../../shared/api/audit';
import { auditActionLabels, auditDetailText } from '../../../../shared/audit-labels';
import { formatDateTime, formatRelative } from '../../lib/format';
import type { AuditPages } from '../../lib/use-audit-pages';

const ROW_HEIGHT = 64;

const person = (p: { email: string; name: string }) => p.name || p.email;

function ActivityRow({ event, onOpenMember }: { event: AuditEvent; onOpenMember(memberId: string): void }) {
  const detail = auditDetailText(event);
  return (
    <Group justify="space-between" wrap="nowrap" gap="md" h="100%" px="sm" data-event-id={event.id}>
      <div style={{ minWidth: 0 }}>
        <Group gap="xs" wrap="nowrap">
          <Badge variant="light" color="gray" radius="sm">
            {auditActionLabels[event.action]}
          </Badge>
          <Anchor
            component="button"
            type="button"
            className="text-link"
            onClick={() => onOpenMember(event.member.id)}
            truncate
          >
            {person(event.member)}
          </Anchor>
          {detail && (
            <Text size="sm" truncate>
              {detail}
            </Text>
          )}
        </Group>
        <Text size="sm" c="dimmed" truncate>
          by{' '}
          <span data-testid="actor">
            {event.actor.name ? `${event.actor.name} (${event.actor.email})` : event.actor.email}
          </span>
          {event.client ? ` · ${event.client}` : ''}
        </Text>
      </div>
      <Text size="sm" title={formatDateTime(event.at)} style={{ whiteSpace: 'nowrap' }}>
        <time dateTime={event.at}>{formatRelative(event.at)}</time>
      </Text>
    </Group>
  );
}

/**
 * The activity as a virtualized list: only the rows in view are in the DOM, and the next page is
 * asked for when the last loaded rows scroll into view.
 */
export function ActivityList({ pages, onOpenMember }: { pages: AuditPages; onOpenMember(memberId: string): void }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const count = pages.items.length + (pages.hasMore ? 1 : 0);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    initialRect: { width: 800, height: 480 },
  });
  const rows = virtualizer.getVirtualItems();
  const lastIndex = rows.at(-1)?.index ?? -1;
  const { hasMore, loadMore, items } = pages;

  useEffect(() => {
    if (hasMore && lastIndex >= items.length - 5) loadMore();
  }, [hasMore, lastIndex, items.length, loadMore]);

  return (
    <div
      ref={scrollRef}
      style={{ flex: 1, minHeight: 0, overflow: 'auto', border: '1px solid var(--mantine-color-default-border)' }}
    >
      <div role="list" aria-label="Activity" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {rows.map((row) => {
          const event = pages.items[row.index];
          return (
            <div
              key={event?.id ?? 'more'}
              role="listitem"
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                right: 0,
                height: row.size,
                transform: `translateY(${row.start}px)`,
                borderBottom: '1px solid var(--mantine-color-default-border)',
              }}
            >
              {event ? (
                <ActivityRow event={event} onOpenMember={onOpenMember} />
              ) : (
                <Group justify="center" h="100%">
                  <Loader size="sm" aria-label="Loading more activity" />
                </Group>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
