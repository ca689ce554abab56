import { notifications } from '@mantine/notifications';
import type { CommandInput, CommandName, CommandOutput } from '../../../shared/contract/commands';
import type { QueuedChange } from '../../../shared/contract/members';
import { announceQueued, type ChangeWords } from './change-outcomes';
import { errorMessage } from './error-message';
import { call, toConsoleError } from './nexus';

/**
 * How the renderer issues a command — one way, in three sizes (see renderer/README.md):
 *
 * - `call(command, input)` (lib/nexus.ts) is the only path to core, typed by the contract. Reads
 *   and state core owns go through it from a store action or a `use…` hook.
 * - `queueChange(command, input, words)` issues a change: core queues it, and the admin is told
 *   it is queued or sending (the outcome follows, lib/change-outcomes.tsx). It throws core's
 *   refusal, for a form to put on its fields (`form.setErrors(fieldErrors(error))`).
 * - `withRefusalNotice(title, run)` is for a button or a menu item, which has no form to show a
 *   refusal on: it says the refusal in a notification and resolves to `null`.
 */

/** The commands that queue a change (their answer is the outbox entry and the row it shows on). */
export type ChangeCommand = {
  [C in CommandName]: CommandOutput<C> extends QueuedChange ? C : never;
}[CommandName];

export async function queueChange<C extends ChangeCommand>(
  command: C,
  input: CommandInput<C>,
  words: ChangeWords,
): Promise<CommandOutput<C>> {
  const queued = await call(command, input);
  announceQueued((queued as QueuedChange).outboxId, words);
  return queued;
}

export async function withRefusalNotice<T>(failTitle: string, run: () => Promise<T>): Promise<T | null> {
  try {
    return await run();
  } catch (error) {
    notifications.show({
      color: 'red',
      title: failTitle,
      message: errorMessage(toConsoleError(error)),
      autoClose: 10_000,
    });
    return null;
  }
}

export { call };
