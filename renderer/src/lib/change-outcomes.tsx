import { Anchor } from '@mantine/core';
import { notifications, notificationsStore } from '@mantine/notifications';
import { create } from 'zustand';
import type { OutboxSettled } from '../../../shared/contract/outbox';
import { useNavStore } from '../stores/nav-store';
import { useSyncStore } from '../stores/sync-store';

/** What to say about one change: its name while it waits, and the words once the server took it. */
export interface ChangeWords {
  /** e.g. "Remove ana@example.com": said as "… — queued" or "… — sending…". */
  what: string;
  /** e.g. "ana@example.com was removed from Acme.": said only after the server took it. */
  done: string;
}

interface OutcomesState {
  /** The server's answer per outbox entry, kept for dialogs that open after it came. */
  settled: Record<string, OutboxSettled>;
  record(event: OutboxSettled): void;
  forget(outboxId: string): void;
}

export const useChangeOutcomes = create<OutcomesState>()((set) => ({
  settled: {},
  record(event) {
    set((state) => ({ settled: { ...state.settled, [event.id]: event } }));
  },
  forget(outboxId) {
    set((state) => {
      const { [outboxId]: _forgotten, ...rest } = state.settled;
      return { settled: rest };
    });
  },
}));

const announced = new Map<string, ChangeWords>();
const notificationId = (outboxId: string) => `change-${outboxId}`;
const isShown = (id: string) => {
  const { notifications: shown, queue } = notificationsStore.getState();
  return [...shown, ...queue].some((item) => item.id === id);
};

/**
 * Says that a change is queued (offline) or being sent, never that it happened: the outcome
 * follows with `outbox.settled`, on the same notification while it is still on screen.
 */
export function announceQueued(outboxId: string, words: ChangeWords): void {
  announced.set(outboxId, words);
  const prior = useChangeOutcomes.getState().settled[outboxId];
  // Only "done" can be this attempt's answer arriving before the command's own reply; a refusal
  // or a wait belongs to the attempt before an Edit or Retry.
  if (prior?.outcome === 'done') {
    showOutcome(prior);
    return;
  }
  if (prior) useChangeOutcomes.getState().forget(outboxId);
  const offline = useSyncStore.getState().status?.state === 'offline';
  notifications.show({
    id: notificationId(outboxId),
    loading: !offline,
    color: 'gray',
    title: offline ? 'Queued' : 'Sending…',
    message: offline
      ? `${words.what}: saved on this computer. It will be sent when the server is reachable.`
      : `${words.what}: waiting for the server's answer.`,
    autoClose: offline ? 15_000 : false,
  });
}

function openPending() {
  useNavStore.getState().go({ view: 'pending' });
}

const handled = new Set<string>();
let unannounced: string[] = [];
let batchTimer: ReturnType<typeof setTimeout> | null = null;

/**
 * Changes queued in an earlier session or by an import: one line for the lot, not one per change.
 * Said once they stop coming (a sync sends them one by one over seconds: a fixed window stacked
 * a "3 queued changes reached the server." every half second). The wait also lets the command
 * that queued a change answer after the server already took it.
 */
function countUnannounced(outboxId: string) {
  unannounced.push(outboxId);
  if (batchTimer !== null) clearTimeout(batchTimer);
  batchTimer = setTimeout(() => {
    const count = unannounced.filter((id) => !handled.has(id)).length;
    unannounced = [];
    batchTimer = null;
    if (count > 0)
      notifications.show({
        color: 'green',
        message: `${count} queued change${count === 1 ? '' : 's'} reached the server.`,
      });
  }, 1000);
}

function fixLink() {
  return (
    <Anchor component="button" type="button" size="sm" className="text-link" onClick={openPending}>
      Open Pending changes to fix it
    </Anchor>
  );
}

let burst = { refused: 0, waiting: 0 };
let burstTimer: ReturnType<typeof setTimeout> | null = null;

/**
 * Refusals and waits of changes not announced here (an import's rows, an earlier session's
 * changes): the first of a burst is said on its own, the rest in one line once they stop coming,
 * so a 1,000-row import that the server partly refuses does not stack a toast per row.
 */
function unannouncedInBurst(event: OutboxSettled): boolean {
  const first = burstTimer === null;
  if (burstTimer !== null) clearTimeout(burstTimer);
  if (!first) burst[event.outcome === 'refused' ? 'refused' : 'waiting']++;
  burstTimer = setTimeout(() => {
    const { refused, waiting } = burst;
    burst = { refused: 0, waiting: 0 };
    burstTimer = null;
    if (refused > 0)
      notifications.show({
        color: 'red',
        title: 'Not accepted',
        message: (
          <>
            {refused} more queued change{refused === 1 ? ' was' : 's were'} refused or not sent. {fixLink()}
          </>
        ),
        autoClose: false,
      });
    if (waiting > 0)
      notifications.show({
        color: 'yellow',
        title: 'Not sent yet',
        message: `${waiting} more queued change${waiting === 1 ? '' : 's'} must wait before they are tried again. They are tried again automatically.`,
        autoClose: 10_000,
      });
  }, 1000);
  return !first;
}

/** The server answered: one notification per change the admin made here, a summary for older ones. */
export function showOutcome(event: OutboxSettled): void {
  useChangeOutcomes.getState().record(event);
  const words = announced.get(event.id);
  const id = notificationId(event.id);
  if (!words && event.outcome === 'done') {
    countUnannounced(event.id);
    return;
  }
  if (!words && unannouncedInBurst(event)) return;
  handled.add(event.id);
  const fix = fixLink();
  const notification =
    event.outcome === 'done'
      ? { color: 'green', title: 'Done', message: words?.done ?? event.summary, autoClose: 5000 }
      : event.outcome === 'refused'
        ? {
            color: 'red',
            title: event.source === 'console' ? 'Not sent' : 'Refused by the server',
            message: (
              <>
                {words?.what ?? event.summary}: {event.message} {fix}
              </>
            ),
            autoClose: false as const,
          }
        : {
            color: 'yellow',
            title: 'Not sent yet',
            message: `${words?.what ?? event.summary}: ${event.message ?? 'the server asked to wait.'} It is tried again automatically.`,
            autoClose: 10_000,
          };
  if (event.outcome !== 'waiting') announced.delete(event.id);
  if (isShown(id)) notifications.update({ id, loading: false, withCloseButton: true, ...notification });
  else notifications.show({ id, ...notification });
}
