import { beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { ImportRecord, ImportResultItem } from '../../../../shared/contract/imports';
import { FakeNexus, idleSync, roles, signedInStatus } from '../../../test/fake-nexus';
import { dropCsvFixture, withPreviewLayout } from '../../../test/import-fixtures';
import { renderWithNexus } from '../../../test/render';
import { useImportStore } from '../../stores/import-store';
import { useRolesStore } from '../../stores/roles-store';
import { useSessionStore } from '../../stores/session-store';
import { useSyncStore } from '../../stores/sync-store';
import { ImportDialog } from './import-dialog';
import { allResultsCsv, resultLines } from './import-result-lines';

withPreviewLayout();

const drop = dropCsvFixture;

/**
 * Core as far as the import needs it: outbox ids unique across files, states the test sets, and
 * the record of each import kept for Acme (import.history), as core keeps it in local.db.
 */
function nexus(
  states: Map<string, ImportResultItem['state']>,
  kept: ImportRecord[] = [],
  errors = new Map<string, ImportResultItem['error']>(),
) {
  let next = 0;
  return new FakeNexus()
    .handle('import.lookup', () => ({ members: [], accounts: { checked: false, existing: [], missing: [] } }))
    .handle('import.history', () => ({
      imports: useSessionStore.getState().status?.org?.id === 'org_acme' ? kept : [],
    }))
    .handle('import.queue', (input) => {
      const entries = input.rows.map((row) => {
        const outboxId = `ob_${++next}`;
        states.set(outboxId, 'queued');
        return { line: row.line, outboxId, memberId: `local:${outboxId}` };
      });
      const importId = `imp_${next}`;
      kept.unshift({
        id: importId,
        fileName: input.file?.name ?? 'CSV file',
        format: input.file?.format ?? 'custom',
        queuedAt: new Date().toISOString(),
        notHeld: 0,
        rows: [
          ...input.rows.map((row, i) => ({
            line: row.line,
            email: row.email,
            name: row.name,
            role: row.roleId,
            action: row.action,
            outboxId: entries[i]!.outboxId,
            reason: '',
          })),
          ...(input.notQueued ?? []).map((row) => ({ ...row, outboxId: null })),
        ],
      });
      return { importId, entries };
    })
    .handle('import.results', (input) => ({
      items: input.outboxIds.map((outboxId) => ({
        outboxId,
        state: states.get(outboxId) ?? 'discarded',
        kind: null,
        memberId: null,
        error: errors.get(outboxId) ?? null,
      })),
    }));
}

async function queueFile(name: string) {
  drop(name);
  const queue = await screen.findByRole('button', { name: /^Queue \d+ members?$/ });
  await waitFor(() => expect((queue as HTMLButtonElement).disabled).toBe(false));
  fireEvent.click(queue);
  await waitFor(() => expect(screen.getAllByTestId('import-results').length).toBeGreaterThan(0));
}

describe('Import CSV: every file of the session keeps its results', () => {
  beforeEach(() => {
    useImportStore.getState().clear();
    useRolesStore.setState({ roles, orgId: 'org_acme' });
    useSessionStore.setState({ status: signedInStatus() });
    useSyncStore.setState({ status: { ...idleSync, state: 'offline' } });
  });

  it('Import another file keeps the earlier results: newest first, each with its file, all in Download all results', async () => {
    const states = new Map<string, ImportResultItem['state']>();
    renderWithNexus(<ImportDialog opened onClose={() => {}} />, nexus(states));
    await queueFile('entra-bulk-create.csv');
    fireEvent.click(screen.getByRole('button', { name: 'Import another file' }));
    await queueFile('m365-add-users.csv');

    const files = screen.getAllByTestId('import-results');
    expect(files.map((item) => within(item).getAllByRole('button')[0]!.textContent)).toEqual([
      expect.stringContaining('m365-add-users.csv'),
      expect.stringContaining('entra-bulk-create.csv'),
    ]);
    const [latest, earlier] = useImportStore.getState().imports;
    expect([latest!.fileName, earlier!.fileName]).toEqual(['m365-add-users.csv', 'entra-bulk-create.csv']);
    expect(earlier!.queued.length).toBeGreaterThan(0);

    // The earlier file's rows still follow sync: one of them is sent while the newer one is shown.
    states.set(earlier!.queued[0]!.outboxId, 'done');
    fireEvent.click(screen.getByRole('button', { name: 'Import another file' }));
    fireEvent.click(screen.getByRole('button', { name: 'Results of your last 2 imports' }));
    await waitFor(() =>
      expect(screen.getAllByTestId('import-results')[1]!.textContent).toMatch(/[1-9] (created|invited)/),
    );
    expect(screen.getByRole('button', { name: 'Download all results' })).toBeTruthy();

    // Another org (or admin) in the same window does not see them; back in Acme they are there.
    act(() =>
      useSessionStore.setState({ status: signedInStatus({ org: { ...signedInStatus().org!, id: 'org_other' } }) }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Import another file' }));
    expect(screen.queryByRole('button', { name: /^Results of your last/ })).toBeNull();
    act(() => useSessionStore.setState({ status: signedInStatus() }));
    expect(screen.getByRole('button', { name: 'Results of your last 2 imports' })).toBeTruthy();

    const results = useImportStore.getState().results;
    const csv = allResultsCsv(
      useImportStore.getState().imports.map((file) => ({ ...file, lines: resultLines(file, results) })),
    );
    expect(csv).toContain('m365-add-users.csv');
    expect(csv).toContain('entra-bulk-create.csv');
    expect(csv.split('\r\n').filter((line) => line.startsWith('entra-bulk-create.csv')).length).toBe(
      earlier!.queued.length + earlier!.notQueued.length,
    );
    // Never a password: the Entra file's passwords stay out of the session's results.
    for (const password of [
      'Apollo-Guidance-Computer-11',
      'Orbital-Trajectory-Math-62',
      'Some-Long-Enough-Password-1',
    ]) {
      expect(csv).not.toContain(password);
      expect(JSON.stringify(useImportStore.getState().imports)).not.toContain(password);
    }
  });

  it('after a reload the dialog lists the imports core keeps (import.history), with their outcomes and downloads', async () => {
    // A reloaded window: nothing in the store; core answers from local.db.
    const states = new Map<string, ImportResultItem['state']>([
      ['ob_a', 'done'],
      ['ob_b', 'needs_attention'],
      ['ob_c', 'queued'],
      ['ob_d', 'done'],
    ]);
    const errors = new Map([['ob_b', { code: 'user_exists', message: 'This person already has a Nexus account.' }]]);
    const row = (line: number, email: string, action: 'invite' | 'create', outboxId: string | null, reason = '') => ({
      line,
      email,
      name: `Person ${line}`,
      role: 'Member',
      action,
      outboxId,
      reason,
    });
    const kept: ImportRecord[] = [
      {
        id: 'imp_new',
        fileName: 'entra-cohort.csv',
        format: 'entra',
        queuedAt: '2026-12-02T09:30:00.000Z',
        notHeld: 0,
        rows: [
          row(3, 'b@example.com', 'create', 'ob_b'),
          row(2, 'a@example.com', 'create', 'ob_a'),
          row(4, 'c@example.com', 'invite', 'ob_c'),
          row(5, 'not-an-email', 'invite', null, '“not-an-email” is not a valid email address.'),
        ],
      },
      {
        id: 'imp_old',
        fileName: 'hr-list.csv',
        format: 'custom',
        queuedAt: '2026-12-01T08:00:00.000Z',
        notHeld: 0,
        rows: [row(2, 'd@example.com', 'invite', 'ob_d')],
      },
    ];
    const fake = nexus(states, kept, errors);
    const view = renderWithNexus(<ImportDialog opened onClose={() => {}} />, fake);
    fireEvent.click(await screen.findByRole('button', { name: 'Results of your last 2 imports' }));

    const files = await screen.findAllByTestId('import-results');
    expect(files.map((item) => within(item).getAllByRole('button')[0]!.textContent)).toEqual([
      expect.stringContaining('entra-cohort.csv'),
      expect.stringContaining('hr-list.csv'),
    ]);
    expect(files[0]!.textContent).toContain('Microsoft Entra bulk create');
    await waitFor(() =>
      expect(within(files[0]!).getByTestId('import-results-summary').textContent).toBe(
        '1 created, 0 invited, 1 rejected, 1 waiting, 1 not queued',
      ),
    );
    expect(within(files[0]!).getByTestId('import-result-3').textContent).toContain(
      'This person already has a Nexus account.',
    );
    expect(within(files[0]!).getByTestId('import-result-5').dataset.result).toBe('not queued');
    expect(files[1]!.textContent).toMatch(/0 created, 1 invited/);
    expect(fake.callsOf('import.history').length).toBeGreaterThan(0);

    // Each file's tally is shown once: an open file's in its summary (read out, focused), a closed file's in its header.
    const tally = '1 created, 0 invited, 1 rejected, 1 waiting, 1 not queued';
    const header = (item: HTMLElement) => within(item).getAllByRole('button')[0]!;
    expect(files[0]!.textContent!.split(tally).length - 1).toBe(1);
    expect(header(files[0]!).textContent).not.toContain(tally);
    expect(header(files[1]!).textContent).toMatch(/0 created, 1 invited/);
    fireEvent.click(header(files[0]!));
    await waitFor(() => expect(header(files[0]!).textContent).toContain(tally));
    fireEvent.click(header(files[1]!));
    await waitFor(() => expect(header(files[1]!).textContent).not.toMatch(/0 created, 1 invited/));
    expect(within(files[1]!).getByTestId('import-results-summary').textContent).toMatch(/0 created, 1 invited/);

    // Download all results writes both kept files, each row with its outcome.
    const written: Blob[] = [];
    const createUrl = vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      written.push(blob as Blob);
      return 'blob:results';
    });
    try {
      fireEvent.click(screen.getByRole('button', { name: 'Download all results' }));
    } finally {
      createUrl.mockRestore();
    }
    const csv = await written[0]!.text();
    expect(csv).toContain('entra-cohort.csv,2026-12-02T09:30:00.000Z,3,b@example.com,Person 3,Member,Create,rejected');
    expect(csv).toContain('hr-list.csv,2026-12-01T08:00:00.000Z,2,d@example.com,Person 2,Member,Invite,invited');

    // Core's answer is the list: records it no longer has (sign-out removed this computer's copy) go here too.
    kept.length = 0;
    fireEvent.click(screen.getByRole('button', { name: 'Import another file' }));
    view.rerender(<ImportDialog opened={false} onClose={() => {}} />);
    view.rerender(<ImportDialog opened onClose={() => {}} />);
    await waitFor(() => expect(useImportStore.getState().imports).toEqual([]));
    expect(screen.queryByRole('button', { name: /^Results of your last/ })).toBeNull();
  });
});
