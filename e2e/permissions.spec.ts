import { expect, test } from '@playwright/test';
import { memberRow, openMembers, searchMembers, startConsole, syncNow, type ConsoleRig } from './support/console';
import { mailsTo, serverMembers } from './support/sandbox-api';

let rig: ConsoleRig;
test.beforeEach(async () => {
  rig = await startConsole();
});
test.afterEach(async () => {
  await rig.close();
});

test('6. an accountant sees no Add Member, is told why, and no change command succeeds', async ({ page }) => {
  await openMembers(page, rig, 'accountant@acme.test');
  await expect(page.getByRole('button', { name: 'Add Member' })).toHaveCount(0);
  await expect(page.getByTestId('manage-members-note')).toContainText(
    "Your role (Accountant) doesn't include the Manage Members permission",
  );

  // Nothing to queue, so no Pending changes tab; no row menu that would hold only "Open details"
  // (a click on the row opens it); the detail page has no actions.
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('button', { name: 'Members' })).toBeVisible();
  await expect(nav.getByRole('button', { name: /Pending changes/ })).toHaveCount(0);
  await expect(nav.getByRole('button', { name: /Handover/ })).toHaveCount(0);
  await searchMembers(page, 'aisha.khan');
  await expect(memberRow(page, 'aisha.khan@acme.test')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Actions for / })).toHaveCount(0);
  await memberRow(page, 'aisha.khan@acme.test').click();
  await expect(page.getByRole('heading', { name: 'Aisha Khan' })).toBeVisible();
  for (const name of ['Change Password', 'Remove from org', 'Resend credentials']) {
    await expect(page.getByRole('button', { name })).toHaveCount(0);
  }

  // Calling the commands directly, as a tampered page would, is refused by core.
  const before = await serverMembers(rig);
  const aisha = before.find((member) => member.email === 'aisha.khan@acme.test')!;
  const codes = await page.evaluate(async (memberId) => {
    const nexus = (window as unknown as { nexus: { invoke(command: string, input: unknown): Promise<unknown> } }).nexus;
    const attempts: [string, unknown][] = [
      ['members.invite', { email: 'sneaky@example.com', roleId: 'role_acme_member' }],
      [
        'members.create',
        {
          email: 'sneaky2@example.com',
          name: 'Sneaky',
          roleId: 'role_acme_member',
          temporaryPassword: 'Sneaky-Password-123456',
        },
      ],
      ['members.remove', { memberId }],
      ['members.changeRole', { memberId, roleId: 'role_acme_admin' }],
      ['members.setPassword', { memberId, password: 'Another-Password-123456', reason: 'change' }],
      ['members.resendInvite', { memberId }],
      ['members.cancelInvite', { memberId }],
    ];
    const results: string[] = [];
    for (const [command, input] of attempts) {
      try {
        await nexus.invoke(command, input);
        results.push(`${command}: succeeded`);
      } catch (error) {
        results.push(`${command}: ${(error as { code: string }).code}`);
      }
    }
    return results;
  }, aisha.id);
  for (const result of codes) expect(result).toMatch(/: missing_permission$/);

  await syncNow(page);
  // Reading as the owner touches only the owner's own sign-in time.
  const comparable = (list: Awaited<ReturnType<typeof serverMembers>>) =>
    list
      .filter((member) => member.email !== 'owner@acme.test')
      .map(({ id, email, status, roleId, version }) => ({ id, email, status, roleId, version }));
  expect(comparable(await serverMembers(rig))).toEqual(comparable(before));
  expect(await mailsTo(rig, 'sneaky@example.com')).toEqual([]);
});
