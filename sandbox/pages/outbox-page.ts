import type { OutboxMail } from '../../shared/api';
import { escapeHtml, page } from './html';

export function renderOutboxPage(mails: OutboxMail[]): string {
  const rows = mails
    .map(
      (mail) => `<tr>
  <td>${escapeHtml(mail.createdAt)}</td>
  <td>${escapeHtml(mail.to)}</td>
  <td><strong>${escapeHtml(mail.subject)}</strong><pre>${escapeHtml(mail.text)}</pre>
  ${mail.acceptUrl ? `<a href="${escapeHtml(mail.acceptUrl)}">Open the accept page</a>` : ''}</td>
</tr>`,
    )
    .join('\n');
  return page(
    'Nexus sandbox — mail outbox',
    `<h1>Mail outbox</h1><p>Every message the sandbox would have sent, newest first.</p>
<table><thead><tr><th>Sent</th><th>To</th><th>Message</th></tr></thead><tbody>
${rows || '<tr><td colspan="3">No mail yet.</td></tr>'}
</tbody></table>`,
  );
}
