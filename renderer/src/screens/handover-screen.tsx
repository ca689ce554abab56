import { useState } from 'react';
import {
  Alert,
  Button,
  Center,
  Group,
  Loader,
  NavLink,
  Paper,
  ScrollArea,
  Stack,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ConfirmDialog } from '../components/confirm-dialog';
import { HandedOverList } from '../components/handover/handed-over-list';
import { HandoverCountdown } from '../components/handover/handover-countdown';
import { HandoverPerson } from '../components/handover/handover-person';
import { HandoverStateBadge } from '../components/handover/handover-state-badge';
import { PrintSlips } from '../components/handover/print-slips';
import { errorMessage } from '../lib/error-message';
import { plural } from '../lib/format';
import { call, toConsoleError } from '../lib/nexus';
import { useCommandResult } from '../lib/use-command-result';
import { useNexusEvent } from '../lib/use-nexus-event';

/**
 * **Handover**: every temporary password this admin holds for a handover, one person at a time.
 * The list carries no password; the person on screen asks for theirs.
 */
export function HandoverScreen() {
  const { data: list, error, load } = useCommandResult('handover.list');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [ending, setEnding] = useState(false);
  const [tab, setTab] = useState<string | null>('waiting');

  useNexusEvent('handover.changed', () => void load());
  useNexusEvent('outbox.changed', () => void load());
  useNexusEvent('sync.status', (status) => status.state === 'idle' && void load());

  const items = list?.items ?? [];
  const index = Math.max(
    0,
    items.findIndex((item) => item.id === selectedId),
  );
  const current = items[index] ?? null;
  const select = (at: number) => {
    const item = items[Math.min(Math.max(at, 0), items.length - 1)];
    if (item) setSelectedId(item.id);
  };

  async function markHandedOver() {
    if (!current) return;
    try {
      await call('handover.markHandedOver', { id: current.id });
      // The next person takes this one's place.
      setSelectedId(items[index + 1]?.id ?? items[index - 1]?.id ?? null);
      await load();
    } catch (err) {
      notifications.show({
        color: 'red',
        title: "Couldn't mark it handed over",
        message: errorMessage(toConsoleError(err)),
      });
    }
  }

  async function endHandover() {
    try {
      const { deleted } = await call('handover.end');
      notifications.show({
        title: 'Handover ended',
        message: `${plural(deleted, 'password')} deleted from the keychain.`,
      });
      setEnding(false);
      await load();
    } catch (err) {
      notifications.show({
        color: 'red',
        title: "Couldn't end the handover",
        message: errorMessage(toConsoleError(err)),
      });
    }
  }

  const firstExpiry = items.reduce<string | null>(
    (soonest, item) => (soonest === null || item.expiresAt < soonest ? item.expiresAt : soonest),
    null,
  );

  return (
    <Stack component="section" aria-labelledby="handover-title" style={{ overflow: 'auto' }}>
      <Group justify="space-between">
        <div>
          <Title order={2} id="handover-title">
            Handover
          </Title>
          <Text size="sm">
            Temporary passwords you hold to hand over in person or by phone. Each is deleted when you mark it handed
            over, when you end the handover or sign out, and at the latest {list ? `${list.maxHours} h` : ''} after it
            was set.
          </Text>
        </div>
        {tab === 'waiting' && items.length > 0 && list && (
          <Group gap="md" wrap="nowrap">
            <PrintSlips items={items} signInAddress={list.signInAddress} />
            <Button color="red" variant="light" onClick={() => setEnding(true)}>
              End handover
            </Button>
          </Group>
        )}
      </Group>
      {/* Unmounted when not shown: the person view's keyboard shortcuts must not act from the other tab. */}
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="waiting">Waiting{items.length > 0 ? ` (${items.length})` : ''}</Tabs.Tab>
          <Tabs.Tab value="handedOver">Handed over</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="waiting" pt="md">
          <Stack>
            {error && (
              <Alert color="red" role="alert" title="Couldn't load the handover">
                {errorMessage(error)}
              </Alert>
            )}
            {!list && !error && (
              <Center py="xl">
                <Loader aria-label="Loading the handover" />
              </Center>
            )}
            {list && items.length === 0 && (
              <Paper withBorder p="xl" data-testid="handover-empty">
                <Text fw={600}>Nobody is waiting for a password.</Text>
                <Text size="sm">
                  Imports hold their temporary passwords here; in Add Member, Change Password and Resend credentials,
                  turn on “Hold for handover”.
                </Text>
              </Paper>
            )}
            {current && list && (
              <Group align="flex-start" wrap="nowrap" gap="md">
                <Paper withBorder w={320} style={{ flexShrink: 0 }}>
                  <Text size="sm" p="sm" data-testid="handover-waiting">
                    {plural(items.length, 'person', 'people')} waiting
                    {firstExpiry && (
                      <>
                        {' · '}
                        <HandoverCountdown expiresAt={firstExpiry} prefix="first deleted in" />
                      </>
                    )}
                  </Text>
                  <ScrollArea.Autosize mah="60vh">
                    <nav aria-label="People waiting">
                      {items.map((item, at) => (
                        <NavLink
                          key={item.id}
                          active={at === index}
                          aria-current={at === index ? 'true' : undefined}
                          label={item.name || item.email}
                          description={item.email}
                          rightSection={<HandoverStateBadge item={item} />}
                          onClick={() => setSelectedId(item.id)}
                        />
                      ))}
                    </nav>
                  </ScrollArea.Autosize>
                </Paper>
                <div style={{ flex: 1, minWidth: 0 }}>
                  <HandoverPerson
                    key={current.id}
                    item={current}
                    position={{ index, total: items.length }}
                    signInAddress={list.signInAddress}
                    onPrevious={() => select(index - 1)}
                    onNext={() => select(index + 1)}
                    onHandedOver={markHandedOver}
                  />
                </div>
              </Group>
            )}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="handedOver" pt="md">
          <Stack>
            <HandedOverList />
          </Stack>
        </Tabs.Panel>
      </Tabs>
      <ConfirmDialog
        opened={ending}
        title="End handover?"
        confirmLabel="End handover"
        keepLabel="Keep handing over"
        onConfirm={endHandover}
        onClose={() => setEnding(false)}
      >
        The {plural(items.length, 'password')} not handed over yet {items.length === 1 ? 'is' : 'are'} deleted from the
        keychain. The accounts stay as they are; to give someone a password later, use Resend credentials on their page.
      </ConfirmDialog>
    </Stack>
  );
}
