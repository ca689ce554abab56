import { expect, type Browser } from '@playwright/test';
import type { ConsoleRig } from './console';
import { TEST_ADMIN_PASSWORD } from './console';

export interface Mail {
  id: string;
  to: string;
  subject: string;
  text: string;
  acceptUrl: string | null;
  createdAt: string;
}

/** The sandbox's mail outbox (newest first), for one recipient. */
export async function mailsTo(rig: ConsoleRig, email: string): Promise<Mail[]> {
  const response = await fetch(`${rig.sandbox.url}/sandbox/outbox`);
  const { items } = (await response.json()) as { items: Mail[] };
  return items.filter((mail) => mail.to.toLowerCase() === email.toLowerCase());
}

/** Signs in to the sandbox API directly: what a member's own Nexus client would get. */
export async function apiSignIn(
  rig: Pick<ConsoleRig, 'sandbox'>,
  email: string,
  password: string,
): Promise<{ status: number; body: { code?: string; accessToken?: string } }> {
  const response = await fetch(`${rig.sandbox.apiUrl}/auth/sessions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  return {
    status: response.status,
    body: (await response.json().catch(() => ({}))) as { code?: string; accessToken?: string },
  };
}

export interface ServerMember {
  id: string;
  userId: string;
  email: string;
  roleId: string;
  version: number;
  status: string;
  origin: string;
  mustChangePassword: boolean;
}

/** Every membership of Acme as the server has it, read as the owner. */
export async function serverMembers(rig: Pick<ConsoleRig, 'sandbox'>, orgId = 'org_acme'): Promise<ServerMember[]> {
  const session = await apiSignIn(rig, 'owner@acme.test', TEST_ADMIN_PASSWORD);
  expect(session.status).toBe(201);
  const members: ServerMember[] = [];
  let cursor: string | null = null;
  do {
    const url = new URL(`${rig.sandbox.apiUrl}/orgs/${orgId}/members`);
    url.searchParams.set('limit', '1000');
    if (cursor) url.searchParams.set('cursor', cursor);
    const response = await fetch(url, { headers: { Authorization: `Bearer ${session.body.accessToken}` } });
    const page = (await response.json()) as { items: ServerMember[]; nextCursor: string | null };
    members.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return members;
}

/** The invitee's side: opens the link from the mail in a fresh browser context and accepts. */
export async function acceptInvitation(browser: Browser, acceptUrl: string, password: string, name?: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(acceptUrl);
  const nameField = page.getByLabel('Your name');
  // Accounts that never set a password are asked for a name too.
  if ((await nameField.count()) > 0) await nameField.fill(name ?? 'Invited Person');
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Accept invitation' }).click();
  await expect(page.getByRole('heading', { name: /Welcome to/ })).toBeVisible();
  await context.close();
}

/** The member's own first sign-in: trade the temporary password for one they chose. */
export async function apiChangeTemporaryPassword(
  rig: ConsoleRig,
  email: string,
  temporary: string,
  chosen: string,
): Promise<number> {
  const first = await fetch(`${rig.sandbox.apiUrl}/auth/sessions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: temporary }),
  });
  const { passwordChangeToken } = (await first.json()) as { passwordChangeToken?: string };
  const response = await fetch(`${rig.sandbox.apiUrl}/auth/password-change`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ passwordChangeToken, newPassword: chosen }),
  });
  return response.status;
}
