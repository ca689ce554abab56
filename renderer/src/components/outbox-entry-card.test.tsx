import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import type { OutboxEntry } from '../../../shared/contract/outbox';
import { FakeNexus } from '../../test/fake-nexus';
import { renderWithNexus } from '../../test/render';
import { OutboxEntryCard } from './outbox-entry-card';

const waiting: OutboxEntry = {
  id: 'obx_1',
  orgId: 'org_acme',
  kind: 'invite',
  state: 'queued',
  summary: 'Invite ana@acme.test as Member',
  memberId: null,
  email: 'ana@acme.test',
  name: null,
  roleId: 'role_member',
  hasSecret: false,
  // Core counts only tries the server answered: offline probes leave this at 0.
  attempts: 0,
  createdAt: '2026-12-02T10:42:00.000Z',
  updatedAt: '2026-12-02T10:47:00.000Z',
  nextAttemptAt: null,
  lastError: {
    code: 'server_unreachable',
    message: 'The server cannot be reached. Check the address and your network connection, then try again.',
    source: 'server',
  },
  waitingFor: null,
  suggestion: null,
};

const noop = () => {};

describe('OutboxEntryCard', () => {
  it('says a change waiting offline waits for the server, without a count or a "try again"', () => {
    renderWithNexus(<OutboxEntryCard entry={waiting} onRetry={noop} onEdit={noop} onDiscard={noop} />, new FakeNexus());
    const card = screen.getByRole('listitem', { name: waiting.summary });
    expect(card.textContent).toContain('Waiting for the server');
    // It is retried on its own: nothing for the admin to do, nothing alarming.
    expect(card.textContent).not.toMatch(/attempt|try again/i);
  });

  it('still shows the server’s answer and the count of answered tries for other failures', () => {
    const busy = {
      ...waiting,
      attempts: 2,
      lastError: {
        ...waiting.lastError!,
        code: 'no_answer',
        message: 'The server did not answer. Try again in a moment.',
      },
    };
    renderWithNexus(<OutboxEntryCard entry={busy} onRetry={noop} onEdit={noop} onDiscard={noop} />, new FakeNexus());
    const card = screen.getByRole('listitem', { name: waiting.summary });
    expect(card.textContent).toContain('2 attempts');
    expect(card.textContent).toContain('Last attempt: The server did not answer.');
  });
});
