import { useMemo, useState } from 'react';
import { Alert, Anchor, Button, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { ActivityFilters } from '../components/activity/activity-filters';
import { ActivityList } from '../components/activity/activity-list';
import { NO_ACTIVITY_FILTERS, toAuditFilter, type ActivityFilterValues } from '../lib/activity-filter';
import { downloadText } from '../lib/download-text';
import { errorMessage } from '../lib/error-message';
import { call, toConsoleError } from '../lib/nexus';
import { useAuditPages } from '../lib/use-audit-pages';
import { useNavStore } from '../stores/nav-store';
import { useSessionStore } from '../stores/session-store';

/**
 * **Activity**: every change to the org's members, by every admin on every computer, as the
 * server recorded it (its audit log), with filters and **Export CSV**. Changes still queued on
 * this computer are not on the server yet: they are under Pending changes.
 */
export function ActivityScreen() {
  const orgName = useSessionStore((s) => s.status?.org?.name ?? 'this organisation');
  const go = useNavStore((s) => s.go);
  const [values, setValues] = useState<ActivityFilterValues>(NO_ACTIVITY_FILTERS);
  const [text] = useDebouncedValue(values.text, 250);
  const filter = useMemo(() => toAuditFilter(values, text), [values, text]);
  const pages = useAuditPages(filter);
  const [exporting, setExporting] = useState(false);
  const filtered = Object.keys(filter).length > 0;

  async function exportCsv() {
    setExporting(true);
    try {
      const file = await call('audit.exportFiltered', filter);
      downloadText(file.fileName, file.csv);
      notifications.show({ message: `${file.rows.toLocaleString('en')} events exported to ${file.fileName}.` });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Nothing was exported', message: errorMessage(toConsoleError(error)) });
    } finally {
      setExporting(false);
    }
  }

  const pendingLink = (
    <Anchor component="button" type="button" className="text-link" onClick={() => go({ view: 'pending' })}>
      Pending changes
    </Anchor>
  );

  let body: React.ReactNode;
  if (pages.loading && pages.items.length === 0) {
    body = (
      <Center py="xl">
        <Loader aria-label="Loading activity" />
      </Center>
    );
  } else if (pages.error && pages.items.length === 0) {
    const offline = pages.error.code === 'offline';
    body = (
      <Alert
        color={offline ? 'yellow' : 'red'}
        role="alert"
        title={offline ? "You're offline" : "Couldn't load the activity"}
      >
        <Stack gap="xs" align="flex-start">
          <Text size="sm">
            {offline
              ? 'The activity of every admin and computer comes from the server, which cannot be reached right now. It shows again as soon as the console is back online.'
              : errorMessage(pages.error)}
          </Text>
          {offline && (
            <Text size="sm">Changes made on this computer that are still waiting are under Pending changes.</Text>
          )}
          <Group gap="xs">
            <Button size="xs" variant="default" onClick={pages.reload}>
              Try again
            </Button>
            {offline && (
              <Button size="xs" variant="default" onClick={() => go({ view: 'pending' })}>
                View pending changes
              </Button>
            )}
          </Group>
        </Stack>
      </Alert>
    );
  } else if (pages.items.length === 0) {
    body = (
      <Text py="md">
        {filtered
          ? 'No activity matches these filters.'
          : `No changes to the members of ${orgName} have been recorded yet.`}
      </Text>
    );
  } else {
    body = <ActivityList pages={pages} onOpenMember={(memberId) => go({ view: 'member', memberId })} />;
  }

  return (
    <Stack component="section" aria-labelledby="activity-title" gap="sm" style={{ flex: 1, minHeight: 0 }}>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2} id="activity-title">
            Activity
          </Title>
          <Text size="sm" c="dimmed">
            Changes to the members of {orgName} by every admin, on every computer, as the server recorded them. Changes
            still waiting on this computer are under {pendingLink}.
          </Text>
        </div>
        <Button variant="default" loading={exporting} onClick={() => void exportCsv()}>
          Export CSV
        </Button>
      </Group>
      <ActivityFilters value={values} onChange={setValues} />
      {pages.error && pages.items.length > 0 && (
        <Alert color="red" role="alert">
          {errorMessage(pages.error)}
        </Alert>
      )}
      {body}
    </Stack>
  );
}
