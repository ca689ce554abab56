import { beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { FakeNexus, idleSync, roles, signedInStatus } from '../../../test/fake-nexus';
import { csvFixture, withPreviewLayout } from '../../../test/import-fixtures';
import { renderWithNexus } from '../../../test/render';
import { useImportStore } from '../../stores/import-store';
import { useRolesStore } from '../../stores/roles-store';
import { useSessionStore } from '../../stores/session-store';
import { useSyncStore } from '../../stores/sync-store';
import { ImportDialog } from './import-dialog';

// The import's **Hold for handover** switch (on by default, as in Add Member), sent to core; and
// what the results say when the keychain refused to hold the passwords (the rows are queued).

withPreviewLayout();

function fake(notHeld?: number) {
  return new FakeNexus()
    .handle('import.lookup', () => ({ members: [], accounts: { checked: false, existing: [], missing: [] } }))
    .handle('import.history', () => ({ imports: [] }))
    .handle('import.queue', (input) => ({
      importId: 'imp_1',
      entries: input.rows.map((row) => ({
        line: row.line,
        outboxId: `ob_${row.line}`,
        memberId: `local:ob_${row.line}`,
      })),
      ...(notHeld === undefined ? {} : { notHeld }),
    }))
    .handle('import.results', (input) => ({
      items: input.outboxIds.map((outboxId) => ({
        outboxId,
        state: 'queued' as const,
        kind: null,
        memberId: null,
        error: null,
      })),
    }));
}

async function preview(nexus: FakeNexus) {
  renderWithNexus(<ImportDialog opened onClose={() => {}} />, nexus);
  const file = new File([csvFixture('google-workspace.csv')], 'google-workspace.csv', { type: 'text/csv' });
  fireEvent.drop(screen.getByTestId('import-drop-zone'), { dataTransfer: { files: [file] } });
  await waitFor(() => expect(screen.getByTestId('import-summary').textContent).toContain('3 ready'));
  return screen.getByRole('switch', { name: /^Hold for handover/ }) as HTMLInputElement;
}

describe('Import CSV: Hold for handover', () => {
  beforeEach(() => {
    useImportStore.getState().clear();
    useRolesStore.setState({ roles, orgId: 'org_acme' });
    useSessionStore.setState({ status: signedInStatus() });
    useSyncStore.setState({ status: { ...idleSync, state: 'offline' } });
  });

  it('is on by default and sent with the rows', async () => {
    const nexus = fake();
    const hold = await preview(nexus);
    expect(hold.checked).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Queue 3 members' }));
    await screen.findByTestId('import-results-summary');
    expect(nexus.callsOf('import.queue')[0]).toMatchObject({ holdForHandover: true });
    expect(screen.queryByTestId('import-not-held')).toBeNull();
  });

  it('turned off, the import asks core not to hold, and says the passwords are shown nowhere else', async () => {
    const nexus = fake();
    const hold = await preview(nexus);
    fireEvent.click(hold);
    expect(hold.checked).toBe(false);
    expect(document.body.textContent).toContain('Off: hand over the passwords from your file yourself.');
    fireEvent.click(screen.getByRole('button', { name: 'Queue 3 members' }));
    await screen.findByTestId('import-results-summary');
    expect(nexus.callsOf('import.queue')[0]).toMatchObject({ holdForHandover: false });
  });

  it('passwords the keychain would not hold: the results say so, and that the rows are queued', async () => {
    await preview(fake(2));
    fireEvent.click(screen.getByRole('button', { name: 'Queue 3 members' }));
    const notice = await screen.findByTestId('import-not-held');
    expect(notice.textContent).toContain('2 passwords were not held for handover');
    expect(notice.textContent).toContain("The rows are queued all the same, so don't import the file again.");
    expect(screen.getByTestId('import-results-summary').textContent).toContain('3 waiting');
  });
});
