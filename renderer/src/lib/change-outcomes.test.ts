import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { notifications, notificationsStore } from '@mantine/notifications';
import type { OutboxSettled } from '../../../shared/contract/outbox';
import { showOutcome } from './change-outcomes';

const done = (n: number): OutboxSettled => ({
  id: `import-${n}`,
  orgId: 'org_acme',
  kind: 'create',
  summary: `Create an account for person ${n}`,
  memberId: `m_${n}`,
  outcome: 'done',
  message: null,
  source: 'server',
});

const messages = () => {
  const { notifications: shown, queue } = notificationsStore.getState();
  return [...shown, ...queue].map((item) => String(item.message));
};

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  notifications.clean();
  vi.useRealTimers();
});

it('an import synced over several seconds says "N queued changes reached the server" once, not a toast per half second', () => {
  // 30 rows of an import reach the server one every 200 ms (the server answers each in turn).
  for (let n = 0; n < 30; n++) {
    showOutcome(done(n));
    vi.advanceTimersByTime(200);
  }
  vi.advanceTimersByTime(2000);
  expect(messages()).toEqual(['30 queued changes reached the server.']);
});
