import { beforeEach, describe, expect, it } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { ImportResultItem } from '../../../../shared/contract/imports';
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

/** Core as far as the import needs it: outbox ids unique across files, states the test sets. */
function nexus(states: Map<string, ImportResultItem['state']>) {
  let next = 0;
  return new FakeNexus()
    .handle('import.lookup', () => ({ members: [], accounts: { checked: false, existing: [], missing: [] } }))
    .handle('import.queue', (input) => ({
      entries: input.rows.map((row) => {
        const outboxId = `ob_${++next}`;
        states.set(outboxId, 'queued');
        return { line: row.line, outboxId, memberId: `local:${outboxId}` };
      }),
    }))
    .handle('import.results', (input) => ({
      items: input.outboxIds.map((outboxId) => ({
        outboxId,
        state: states.get(outboxId) ?? 'discarded',
        kind: null,
        memberId: null,
        error: null,
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
    fireEvent.click(screen.getByRole('button', { name: 'Results of this session’s 2 imports' }));
    await waitFor(() =>
      expect(screen.getAllByTestId('import-results')[1]!.textContent).toMatch(/[1-9] (created|invited)/),
    );
    expect(screen.getByRole('button', { name: 'Download all results' })).toBeTruthy();

    // Another org (or admin) in the same window does not see them; back in Acme they are there.
    act(() =>
      useSessionStore.setState({ status: signedInStatus({ org: { ...signedInStatus().org!, id: 'org_other' } }) }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Import another file' }));
    expect(screen.queryByRole('button', { name: /^Results of this session/ })).toBeNull();
    act(() => useSessionStore.setState({ status: signedInStatus() }));
    expect(screen.getByRole('button', { name: 'Results of this session’s 2 imports' })).toBeTruthy();

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
});
