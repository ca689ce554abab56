import { notifications } from '@mantine/notifications';
import type { CommandInput } from '../../../shared/contract/commands';
import { useSyncStore } from '../stores/sync-store';
import { errorMessage } from './error-message';
import { call, toConsoleError } from './nexus';

type MemberCommand =
  'members.invite' | 'members.resendInvite' | 'members.cancelInvite' | 'members.changeRole' | 'members.remove';

/**
 * Runs a member change and tells the admin what happened. Every change is queued by core first;
 * when offline the message says it will be sent later. Returns false when it was refused.
 */
export async function runMemberChange<C extends MemberCommand>(
  command: C,
  input: CommandInput<C>,
  done: string,
): Promise<boolean> {
  try {
    await call(command, input);
    const offline = useSyncStore.getState().status?.state === 'offline';
    notifications.show({
      color: 'green',
      message: offline ? `${done} Queued — it will be sent when the server is reachable.` : done,
    });
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
