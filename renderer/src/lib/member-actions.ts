import { notifications } from '@mantine/notifications';
import type { CommandInput } from '../../../shared/contract/commands';
import { announceQueued, type ChangeWords } from './change-outcomes';
import { errorMessage } from './error-message';
import { call, toConsoleError } from './nexus';

type MemberCommand =
  'members.invite' | 'members.resendInvite' | 'members.cancelInvite' | 'members.changeRole' | 'members.remove';

/**
 * Runs a member change. Core queues every change first, so this says "queued" or "sending", and
 * the outcome follows once the server answers (see change-outcomes). Returns false when the
 * console refused it on the spot.
 */
export async function runMemberChange<C extends MemberCommand>(
  command: C,
  input: CommandInput<C>,
  words: ChangeWords,
): Promise<boolean> {
  try {
    const { outboxId } = await call(command, input);
    announceQueued(outboxId, words);
    return true;
  } catch (error) {
    notifications.show({
      color: 'red',
      title: "That didn't work",
      message: errorMessage(toConsoleError(error)),
      autoClose: 10_000,
    });
    return false;
  }
}
