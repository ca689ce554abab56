import { beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { FakeNexus, idleSync, roles, signedInStatus } from '../../../test/fake-nexus';
import { dropCsvFixture, withPreviewLayout } from '../../../test/import-fixtures';
import { renderWithNexus } from '../../../test/render';
import { useImportStore } from '../../stores/import-store';
import { useRolesStore } from '../../stores/roles-store';
import { useSessionStore } from '../../stores/session-store';
import { useSyncStore } from '../../stores/sync-store';
import { ImportDialog } from './import-dialog';

withPreviewLayout();

const drop = dropCsvFixture;

function nexus() {
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

describe('Import CSV dialog', () => {
  beforeEach(() => {
    useImportStore.getState().clear();
    useRolesStore.setState({ roles, orgId: 'org_acme' });
    // The import offers only the roles the signed-in admin may grant (shared/role-grants.ts).
    useSessionStore.setState({ status: signedInStatus() });
    useSyncStore.setState({ status: { ...idleSync, state: 'offline' } });
  });

  it('problems next to their cell; a fixed cell is checked again; queueing sends ready rows only, passwords only for creates', async () => {
    const fake = nexus();
    renderWithNexus(<ImportDialog opened onClose={() => {}} />, fake);
    drop('google-workspace.csv');
    await waitFor(() => expect(screen.getByTestId('import-summary').textContent).toContain('3 ready, 1 with problems'));
    const row5 = screen.getByTestId('import-row-5');
    expect(row5.textContent).toContain('Password policy, “Minimum length”: Use at least 15 characters.');
    expect(screen.getByTestId('import-row-3').textContent).toContain('Nexus still asks');
    const password = within(row5).getByLabelText('Password, line 5');
    fireEvent.change(password, { target: { value: 'Fixed-Long-Password-Here-5' } });
    fireEvent.blur(password);
    await waitFor(() => expect(screen.getByTestId('import-summary').textContent).toContain('4 ready, 0 with problems'));
    fireEvent.click(within(screen.getByTestId('import-row-2')).getByRole('checkbox', { name: 'Leave out' }));
    await waitFor(() =>
      expect(screen.getByTestId('import-summary').textContent).toContain('3 ready, 0 with problems, 1 left out'),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Queue 3 members' }));
    await screen.findByTestId('import-results-summary');
    const sent = fake.callsOf('import.queue')[0]!.rows;
    expect(sent.map((row) => [row.line, row.action, row.password ?? null])).toEqual([
      [3, 'create', 'Enigma-Bombe-Bletchley-39'],
      [4, 'invite', null],
      [5, 'create', 'Fixed-Long-Password-Here-5'],
    ]);
    await waitFor(() =>
      expect(screen.getByTestId('import-results-summary').textContent).toContain(
        '0 created, 0 invited, 0 rejected, 3 waiting, 1 not queued',
      ),
    );
    expect(screen.getByText(/Offline: 3 wait in the outbox/)).toBeTruthy();
  });

  it('an unknown header goes through the column mapping with the guesses filled in', async () => {
    renderWithNexus(<ImportDialog opened onClose={() => {}} />, nexus());
    drop('custom-headers.csv');
    expect(((await screen.findAllByLabelText(/^Email/).then((found) => found[0]!)) as HTMLInputElement).value).toBe(
      'Work e-mail (e.g. hedy.lamarr@import.acme.test)',
    );
    // The file as read, as the preview will show it.
    expect(screen.getByTestId('import-file-line').textContent).toMatch(
      /^custom-headers\.csv · .+ · .+-separated · 2 rows$/,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect((await screen.findByTestId('import-format')).textContent).toContain('Other CSV');
    await waitFor(() => expect(screen.getByTestId('import-summary').textContent).toContain('2 ready, 0 with problems'));
    expect((screen.getByLabelText('Name, line 2') as HTMLInputElement).value).toBe('Hedy Lamarr');
  });

  it('rows that become creates later (Generate a password) are checked for an existing account online', async () => {
    useSyncStore.setState({ status: { ...idleSync, state: 'idle' } });
    const fake = new FakeNexus()
      .handle('import.history', () => ({ imports: [] }))
      .handle('import.lookup', (input) => ({
        members: [],
        accounts: {
          checked: true,
          existing: (input.checkAccounts ?? []).filter((e) => e.startsWith('linus')),
          missing: [],
        },
      }))
      .handle('import.queue', () => ({ importId: 'imp_1', entries: [] }));
    renderWithNexus(<ImportDialog opened onClose={() => {}} />, fake);
    drop('m365-add-users.csv'); // no password column: every row starts as an invite
    await waitFor(() => expect(screen.getByTestId('import-summary').textContent).toMatch(/ready/));
    fireEvent.click(screen.getByRole('radio', { name: 'Generate a password' }));
    await waitFor(() =>
      expect(fake.callsOf('import.lookup').flatMap((call) => call.checkAccounts)).toContain('linus.t@import.acme.test'),
    );
    // An existing account can only be invited: the row says so once the answer is in.
    await waitFor(() => expect(screen.getByTestId('import-row-2').textContent).toMatch(/invite/i));
    expect(document.body.textContent).not.toContain('Offline, the console cannot check');
  });

  it('each step takes focus as it replaces the last, so Escape still closes the dialog', async () => {
    let closed = 0;
    renderWithNexus(<ImportDialog opened onClose={() => (closed += 1)} />, nexus());
    // The Modal's own first focus comes on a timer: as in a real session, the file comes after it.
    await waitFor(() => expect(document.activeElement).not.toBe(document.body));
    drop('custom-headers.csv');
    await screen.findByRole('button', { name: 'Continue' });
    await waitFor(() => expect(document.activeElement).toBe(screen.getAllByLabelText(/^Email/)[0]));
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('import-summary')));
    fireEvent.click(await screen.findByRole('button', { name: 'Queue 2 members' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('import-results-summary')));
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(closed).toBe(1);
    fireEvent.click(screen.getByRole('button', { name: 'Import another file' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Choose file…' })));
  });

  it('a file that cannot be read says why and changes nothing', async () => {
    const fake = nexus();
    renderWithNexus(<ImportDialog opened onClose={() => {}} />, fake);
    drop('unclosed-quote.csv');
    expect((await screen.findByRole('alert')).textContent).toContain('A quoted field is not closed (row 2)');
    // Only the kept imports were read (when the dialog opened); nothing was sent.
    expect(fake.calls.map((call) => call.command)).toEqual(['import.history']);
  });
});
