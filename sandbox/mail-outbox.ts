import type { OutboxMail } from '../shared/api';
import type { SandboxContext } from './context';
import { newId } from './auth/tokens';

/** The sandbox sends no mail: it keeps every message it would send, newest first on read. */
export function queueMail(
  ctx: SandboxContext,
  mail: { to: string; subject: string; text: string; acceptUrl: string | null },
): void {
  const seq = (ctx.db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM outbox').get() as { n: number }).n;
  ctx.db
    .prepare(
      'INSERT INTO outbox (id, seq, recipient, subject, text, accept_url, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    )
    .run(newId('mail'), seq, mail.to, mail.subject, mail.text, mail.acceptUrl, ctx.now().toISOString());
}

export function listMail(ctx: SandboxContext, limit = 500): OutboxMail[] {
  const rows = ctx.db
    .prepare('SELECT id, recipient, subject, text, accept_url, created_at FROM outbox ORDER BY seq DESC LIMIT ?')
    .all(limit) as {
    id: string;
    recipient: string;
    subject: string;
    text: string;
    accept_url: string | null;
    created_at: string;
  }[];
  return rows.map((row) => ({
    id: row.id,
    to: row.recipient,
    subject: row.subject,
    text: row.text,
    acceptUrl: row.accept_url,
    createdAt: row.created_at,
  }));
}

export function invitationMail(options: {
  publicUrl: string;
  token: string;
  to: string;
  orgName: string;
  inviterName: string;
  expiresAt: string;
}): { to: string; subject: string; text: string; acceptUrl: string } {
  const acceptUrl = `${options.publicUrl.replace(/\/+$/, '')}/invite/${encodeURIComponent(options.token)}`;
  const text = [
    `Hello,`,
    ``,
    `${options.inviterName} invited you to join ${options.orgName} on Nexus.`,
    ``,
    `Accept the invitation here: ${acceptUrl}`,
    ``,
    `The link works once and expires at ${options.expiresAt}.`,
  ].join('\n');
  return {
    to: options.to,
    subject: `${options.inviterName} invited you to ${options.orgName} on Nexus`,
    text,
    acceptUrl,
  };
}
