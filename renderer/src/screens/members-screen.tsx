import { useEffect, useState } from 'react';
import { Alert, Button, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import type { MemberRow } from '../../../shared/contract/members';
import type { Credentials } from '../components/credentials-dialog';
import { LazyBoundary } from '../components/lazy-boundary';
import type { MemberConfirmKind } from '../components/member-confirm-dialogs';
import { ExportMenu } from '../components/import/export-menu';
import { MembersGrid } from '../components/members-grid';
import { MembersToolbar } from '../components/members-toolbar';
import { StatusCounts } from '../components/status-counts';
import { useMemberCounts, visibleTotal } from '../lib/use-member-counts';
import { ManageMembersNote } from '../components/manage-members-note';
import type { RowAction } from '../components/row-actions-menu';
import { errorMessage } from '../lib/error-message';
import { lazyNamed, preloadWhenIdle } from '../lib/lazy-named';
import { runMemberChange } from '../lib/member-actions';
import { useMemberPages } from '../lib/use-member-pages';
import { useMembersQueryStore } from '../stores/members-query-store';
import { useNavStore } from '../stores/nav-store';
import { useSessionStore } from '../stores/session-store';
import { useSetting } from '../stores/settings-store';

// Dialogs load on first use (and at idle after the list is up), not with the start bundle.
const AddMemberDialog = lazyNamed(() => import('../components/add-member-dialog').then((m) => m.AddMemberDialog));
const CredentialsDialog = lazyNamed(() => import('../components/credentials-dialog').then((m) => m.CredentialsDialog));
const MemberConfirmDialogs = lazyNamed(() =>
  import('../components/member-confirm-dialogs').then((m) => m.MemberConfirmDialogs),
);
// CSV import (issue 13): loaded on first use. Export is a button whose menu mounts on first use.
const ImportDialog = lazyNamed(() => import('../components/import/import-dialog').then((m) => m.ImportDialog));

export function MembersScreen() {
  const org = useSessionStore((s) => s.status?.org ?? null);
  const canManage = org?.canManageMembers ?? false;
  const csvImportAllowed = useSetting('AllowCsvImport');
  const go = useNavStore((s) => s.go);
  const text = useMembersQueryStore((s) => s.text);
  const badges = useMembersQueryStore((s) => s.badges);
  const roleIds = useMembersQueryStore((s) => s.roleIds);
  const sort = useMembersQueryStore((s) => s.sort);
  const revision = useMembersQueryStore((s) => s.revision);
  const toggleSort = useMembersQueryStore((s) => s.toggleSort);
  const setBadges = useMembersQueryStore((s) => s.setBadges);
  const density = useSetting('ListDensity');
  const counts = useMemberCounts(org?.id ?? null, revision, { text, roleIds });
  const resetQuery = useMembersQueryStore((s) => s.reset);
  const pages = useMemberPages({ text, badges, roleIds, sort }, revision);
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const [credentials, setCredentials] = useState<Credentials | null>(null);
  const [confirm, setConfirm] = useState<{ kind: MemberConfirmKind; member: MemberRow } | null>(null);
  const filtered = text !== '' || badges.length > 0 || roleIds.length > 0;
  // A dialog is mounted from its first opening on, so it closes with its transition and returns focus.
  const [used, setUsed] = useState({ adding: false, importing: false, credentials: false, confirm: false });
  useEffect(() => {
    if (adding || importing || credentials || confirm)
      setUsed((u) => ({
        adding: u.adding || adding,
        importing: u.importing || importing,
        credentials: u.credentials || credentials !== null,
        confirm: u.confirm || confirm !== null,
      }));
  }, [adding, importing, credentials, confirm]);
  useEffect(() => preloadWhenIdle(AddMemberDialog, CredentialsDialog, MemberConfirmDialogs), []);

  function onAction(action: RowAction, row: MemberRow) {
    if (action === 'open') go({ view: 'member', memberId: row.id });
    else if (action === 'resendInvite')
      void runMemberChange(
        'members.resendInvite',
        { memberId: row.id },
        { what: `Resend the invitation to ${row.email}`, done: `A new invitation was sent to ${row.email}.` },
      );
    else setConfirm({ kind: action, member: row });
  }

  let body: React.ReactNode;
  if (pages.total === null && pages.error) {
    body = (
      <Alert color="red" role="alert" title="Couldn't load the members">
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{errorMessage(pages.error)}</Text>
          <Button size="xs" variant="default" onClick={pages.retry}>
            Try again
          </Button>
        </Stack>
      </Alert>
    );
  } else if (pages.total === null) {
    body = (
      <Center py="xl">
        <Loader aria-label="Loading members" />
      </Center>
    );
  } else if (pages.total === 0) {
    body = (
      <Center py="xl" data-testid="members-empty">
        <Stack align="center" gap="xs">
          <Text fw={600}>{filtered ? 'No members match' : 'No members yet'}</Text>
          <Text size="sm" c="dimmed">
            {filtered
              ? 'Try another search, or clear the filters.'
              : canManage
                ? 'Use Add Member to invite the first person.'
                : 'Members appear here once they are added.'}
          </Text>
          {filtered && (
            <Button size="xs" variant="default" onClick={resetQuery}>
              Clear search and filters
            </Button>
          )}
        </Stack>
      </Center>
    );
  } else {
    body = (
      <MembersGrid
        pages={pages}
        total={pages.total}
        sort={sort}
        onSort={toggleSort}
        canManage={canManage}
        onAction={onAction}
        density={density === 'compact' ? 'compact' : 'comfortable'}
        key={density}
      />
    );
  }

  return (
    <Stack gap="sm" style={{ flex: 1, minHeight: 0 }} component="section" aria-labelledby="members-title">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2} id="members-title">
            Members
          </Title>
          <Text size="sm" c="dimmed" aria-live="polite">
            {pages.total === null
              ? '\u00a0'
              : // The counts are for the text and role filter: "of" them only when a status chip narrows further.
                badges.length > 0 && counts
                ? `${pages.total.toLocaleString()} of ${visibleTotal(counts, badges.includes('Removed')).toLocaleString()}`
                : `${pages.total.toLocaleString()} ${filtered ? 'matching' : 'in ' + (org?.name ?? 'this org')}`}
          </Text>
        </div>
        <Group gap="xs" align="flex-start">
          <ExportMenu />
          {canManage ? (
            <>
              {csvImportAllowed && (
                <Button variant="default" onClick={() => setImporting(true)}>
                  Import CSV
                </Button>
              )}
              <Button onClick={() => setAdding(true)}>Add Member</Button>
            </>
          ) : (
            <ManageMembersNote />
          )}
        </Group>
      </Group>
      <MembersToolbar />
      <StatusCounts counts={counts} selected={badges} onSelect={setBadges} />
      {pages.error && pages.total !== null && (
        <Alert color="red" role="alert">
          Some rows couldn't be loaded: {errorMessage(pages.error)}{' '}
          <Button size="compact-xs" variant="default" onClick={pages.retry}>
            Try again
          </Button>
        </Alert>
      )}
      {body}
      {(used.adding || adding) && (
        <LazyBoundary fallback={null}>
          <AddMemberDialog
            opened={adding}
            onClose={() => setAdding(false)}
            onOpenMember={(memberId) => go({ view: 'member', memberId })}
            onCreated={(created) => {
              setAdding(false);
              setCredentials(created);
            }}
          />
        </LazyBoundary>
      )}
      {(used.importing || importing) && (
        <LazyBoundary fallback={null}>
          <ImportDialog opened={importing} onClose={() => setImporting(false)} />
        </LazyBoundary>
      )}
      {(used.credentials || credentials !== null) && (
        <LazyBoundary fallback={null}>
          <CredentialsDialog
            credentials={credentials}
            title="New user’s temporary password"
            onClose={() => setCredentials(null)}
          />
        </LazyBoundary>
      )}
      {(used.confirm || confirm !== null) && (
        <LazyBoundary fallback={null}>
          <MemberConfirmDialogs pending={confirm} onClose={() => setConfirm(null)} />
        </LazyBoundary>
      )}
    </Stack>
  );
}
