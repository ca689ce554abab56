import { outboxMailListSchema, type OutboxMail } from '../../shared/api';

export async function outbox(url: string): Promise<OutboxMail[]> {
  const response = await fetch(`${url}/sandbox/outbox`);
  return outboxMailListSchema.parse(await response.json()).items;
}

/** The token from the newest invitation mail to this address. */
export async function latestInviteToken(url: string, email: string): Promise<string> {
  const mail = (await outbox(url)).find((m) => m.to === email && m.acceptUrl);
  if (!mail?.acceptUrl) throw new Error(`no invitation mail to ${email}`);
  return decodeURIComponent(mail.acceptUrl.split('/invite/')[1]!);
}
