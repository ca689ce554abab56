import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { MembersQueryInput } from '../../../shared/contract/members';
import { callKey, FIRST_MEMBERS_PAGE } from '../../../shared/shell/early-calls';
import { FakeNexus, acme, idleSync, memberRow, roles, signedInStatus } from '../../test/fake-nexus';
import { renderWithNexus } from '../../test/render';
import { MEMBER_ROW_HEIGHT } from '../components/members-grid';
import { useMembersQueryStore } from '../stores/members-query-store';
import { useNavStore } from '../stores/nav-store';
import { useRolesStore } from '../stores/roles-store';
import { useSessionStore } from '../stores/session-store';
import { useSyncStore } from '../stores/sync-store';
import { MembersScreen } from './members-screen';

const TOTAL = 100_000;

// jsdom has no layout: give scroll containers a viewport so the virtualizer has rows to show.
const clientHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 480 });
});
afterAll(() => {
  if (clientHeight) Object.defineProperty(HTMLElement.prototype, 'clientHeight', clientHeight);
});

function bigOrg() {
  return new FakeNexus().handle('members.query', (input?: MembersQueryInput) => {
    const offset = input?.offset ?? 0;
    const limit = input?.limit ?? 100;
    const rows = [];
    for (let i = offset; i < Math.min(TOTAL, offset + limit); i++) rows.push(memberRow(i));
    return { rows, total: TOTAL };
  });
}

function setState(canManageMembers: boolean) {
  const org = { ...acme, canManageMembers, roleName: canManageMembers ? 'Admin' : 'Accountant' };
  useSessionStore.setState({ status: signedInStatus({ org, orgs: [org] }) });
  useRolesStore.setState({ roles, orgId: org.id });
  useSyncStore.setState({ status: idleSync });
  useMembersQueryStore.getState().reset();
  useNavStore.setState({ route: { view: 'members' } });
}

describe('MembersScreen', () => {
  beforeEach(() => setState(true));

  it('asks core only for the pages on screen, never the whole org', async () => {
    const nexus = bigOrg();
    renderWithNexus(<MembersScreen />, nexus);
    const grid = await screen.findByRole('grid', { name: 'Members' });
    await screen.findByRole('row', { name: /user0@acme\.test/ });
    expect(grid.getAttribute('aria-rowcount')).toBe(String(TOTAL + 1));

    const queries = () => nexus.callsOf('members.query');
    expect(queries().map((q) => q?.offset)).toEqual([0]);
    // The very question the browser bridge sends ahead at start-up (early-calls.ts), or its answer goes unused.
    expect(callKey('members.query', queries()[0])).toBe(callKey('members.query', FIRST_MEMBERS_PAGE));
    expect(screen.getAllByRole('row').length).toBeLessThan(40);

    // Jump into the middle of page 500: exactly that page is fetched, nothing in between.
    Object.defineProperty(grid, 'scrollTop', { configurable: true, value: 50_040 * MEMBER_ROW_HEIGHT });
    fireEvent.scroll(grid);
    await screen.findByRole('row', { name: /user50040@acme\.test/ });
    expect(queries().map((q) => q?.offset)).toEqual([0, 50_000]);
    for (const query of queries()) expect(query?.limit).toBeLessThanOrEqual(500);
  });

  it('refreshes the rows on screen when members change', async () => {
    const nexus = bigOrg();
    renderWithNexus(<MembersScreen />, nexus);
    await screen.findByRole('row', { name: /user0@acme\.test/ });
    nexus.handle('members.query', () => ({
      rows: [memberRow(0, { email: 'renamed@acme.test', badge: 'Pending', status: 'invited' })],
      total: 1,
    }));
    act(() => useMembersQueryStore.getState().bump());
    const row = await screen.findByRole('row', { name: /renamed@acme\.test/ });
    expect(within(row).getByText('Pending')).toBeTruthy();
  });

  it('opens a row with Enter and passes search and filters to the query', async () => {
    const nexus = bigOrg();
    renderWithNexus(<MembersScreen />, nexus);
    const row = await screen.findByRole('row', { name: /user0@acme\.test/ });
    row.focus();
    fireEvent.keyDown(row, { key: 'Enter' });
    expect(useNavStore.getState().route).toEqual({ view: 'member', memberId: 'mem_0' });

    fireEvent.keyDown(document.body, { key: '/' });
    const search = screen.getByRole('searchbox', { name: 'Search members' });
    expect(document.activeElement).toBe(search);
    fireEvent.change(search, { target: { value: 'ana' } });
    await waitFor(() => expect(nexus.callsOf('members.query').at(-1)?.text).toBe('ana'));

    fireEvent.click(screen.getByRole('button', { name: /^Email/ }));
    await waitFor(() =>
      expect(nexus.callsOf('members.query').at(-1)?.sort).toEqual({ field: 'email', direction: 'asc' }),
    );
  });

  it('marks queued rows and shows the empty state', async () => {
    const nexus = new FakeNexus().handle('members.query', (input?: MembersQueryInput) =>
      input?.text
        ? { rows: [], total: 0 }
        : {
            rows: [
              memberRow(1, {
                pending: { outboxId: 'obx', kind: 'invite', state: 'queued', summary: 'Invite', reason: null },
                badge: 'Pending',
                status: 'invited',
              }),
            ],
            total: 1,
          },
    );
    renderWithNexus(<MembersScreen />, nexus);
    const row = await screen.findByRole('row', { name: /user1@acme\.test/ });
    expect(within(row).getByText('Queued')).toBeTruthy();
    act(() => useMembersQueryStore.getState().setText('nobody'));
    expect(await screen.findByText('No members match')).toBeTruthy();
  });

  it('gives focus back to Import CSV when the import dialog closes, as Add Member does', async () => {
    renderWithNexus(<MembersScreen />, bigOrg());
    await screen.findByRole('row', { name: /user0@acme\.test/ });
    for (const name of ['Add Member', 'Import CSV']) {
      const opener = screen.getByRole('button', { name });
      opener.focus();
      fireEvent.click(opener);
      const dialog = await screen.findByRole('dialog');
      fireEvent.keyDown(dialog, { key: 'Escape' });
      // A keyboard user goes on from where they were, not from the top of the page.
      await waitFor(() => expect(document.activeElement, name).toBe(opener));
    }
  });

  it('gives focus back to the row actions button when Remove from org is kept', async () => {
    renderWithNexus(<MembersScreen />, bigOrg());
    await screen.findByRole('row', { name: /user0@acme\.test/ });
    const actions = () => screen.getByRole('button', { name: 'Actions for user0@acme.test' });
    fireEvent.click(actions());
    const item = await screen.findByRole('menuitem', { name: 'Remove from org' });
    // As a browser does on a click or with the arrow keys: the item has focus, and it goes with the menu.
    item.focus();
    fireEvent.click(item);
    const dialog = await screen.findByRole('dialog', { name: 'Remove User 0 from Acme?' });
    fireEvent.keyDown(dialog, { key: 'Escape' });
    await waitFor(() => expect(document.activeElement).toBe(actions()));
  });

  it('hides Add Member and says why for a role without Manage Members', async () => {
    setState(false);
    renderWithNexus(<MembersScreen />, bigOrg());
    await screen.findByRole('row', { name: /user0@acme\.test/ });
    expect(screen.queryByRole('button', { name: 'Add Member' })).toBeNull();
    expect(screen.getByTestId('manage-members-note').textContent).toContain(
      "Your role (Accountant) doesn't include the Manage Members permission",
    );
  });
});
