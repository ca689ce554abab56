import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member } from '../../shared/api';
import { startTestSandbox } from '../testing';
import { ACME, ApiClient, OWNER, ROLE, strongPassword, uniqueEmail } from '../test/api-client';
import { latestInviteToken, outbox } from '../test/outbox';
import { escapeHtml } from './html';

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
let api: ApiClient;
let owner: string;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  api = new ApiClient(sandbox.apiUrl);
  owner = await api.token(OWNER);
});
afterAll(() => sandbox.close());

async function postForm(url: string, fields: Record<string, string>): Promise<{ status: number; html: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: response.status, html: await response.text() };
}

describe('the accept page /invite/{token}', () => {
  it('shows a form that a plain browser can post, and accepting makes the member active', async () => {
    const email = uniqueEmail('page');
    await api.request('POST', `/orgs/${ACME}/invitations`, { token: owner, body: { email, roleId: ROLE.member } });
    const mail = (await outbox(sandbox.url))[0]!;
    expect(mail.acceptUrl).toBe(
      `${sandbox.url}/invite/${encodeURIComponent(await latestInviteToken(sandbox.url, email))}`,
    );

    const form = await fetch(mail.acceptUrl!);
    expect(form.status).toBe(200);
    expect(form.headers.get('content-type')).toContain('text/html');
    expect(form.headers.get('content-security-policy')).toContain("form-action 'self'");
    const html = await form.text();
    expect(html).toContain('Join Acme Corp');
    expect(html).toContain(`method="post" action="${new URL(mail.acceptUrl!).pathname}"`);
    expect(html).toContain('name="name"');

    const weak = await postForm(mail.acceptUrl!, { name: 'Page Person', password: 'short' });
    expect(weak.status).toBe(422);
    expect(weak.html).toContain('at least 15');

    const done = await postForm(mail.acceptUrl!, { name: 'Page Person', password: strongPassword('page') });
    expect(done.status).toBe(200);
    expect(done.html).toContain('Welcome to Acme Corp');
    const list = await api.request('GET', `/orgs/${ACME}/members`, { token: owner });
    expect((list.body.items as Member[]).find((m) => m.email === email)).toMatchObject({
      status: 'active',
      name: 'Page Person',
    });

    const reused = await fetch(mail.acceptUrl!);
    expect(reused.status).toBe(404);
    expect(await reused.text()).toContain('not valid');
  });

  it('escapes what people typed: a hostile name never becomes markup', async () => {
    const hostile = `<script>alert("x")</script> & <b>Bold</b>`;
    const email = uniqueEmail('hostile');
    await api.request('POST', `/orgs/${ACME}/invitations`, { token: owner, body: { email, roleId: ROLE.hr } });
    const token = await latestInviteToken(sandbox.url, email);
    const password = strongPassword('h');
    expect(
      (await api.request('POST', `/invitations/${token}/accept`, { body: { name: hostile, password } })).status,
    ).toBe(200);

    // The hostile user (an HR Manager now) invites someone: their name shows on the page and in the outbox.
    const theirs = await api.token(email, password);
    const invitee = uniqueEmail('victim');
    expect(
      (
        await api.request('POST', `/orgs/${ACME}/invitations`, {
          token: theirs,
          body: { email: invitee, roleId: ROLE.member },
        })
      ).status,
    ).toBe(201);
    const page = await (
      await fetch(`${sandbox.url}/invite/${encodeURIComponent(await latestInviteToken(sandbox.url, invitee))}`)
    ).text();
    expect(page).not.toContain('<script>alert');
    expect(page).toContain(escapeHtml(hostile));
    const outboxHtml = await (await fetch(`${sandbox.url}/sandbox/outbox.html`)).text();
    expect(outboxHtml).not.toContain('<script>alert');
    expect(outboxHtml).toContain('Mail outbox');
  });

  it('answers unknown tokens with a 404 page', async () => {
    const response = await fetch(`${sandbox.url}/invite/nxi_unknown`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('not valid');
  });
});

describe('GET /sandbox/outbox', () => {
  it('lists mail newest first', async () => {
    const a = uniqueEmail('first');
    const b = uniqueEmail('second');
    await api.request('POST', `/orgs/${ACME}/invitations`, { token: owner, body: { email: a, roleId: ROLE.member } });
    await api.request('POST', `/orgs/${ACME}/invitations`, { token: owner, body: { email: b, roleId: ROLE.member } });
    const mails = await outbox(sandbox.url);
    expect(mails[0]!.to).toBe(b);
    expect(mails[1]!.to).toBe(a);
  });
});
