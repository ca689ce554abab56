import type { CommandInput } from '../../../shared/contract/commands';
import type { ChangeWords } from './change-outcomes';
import { queueChange, withRefusalNotice, type ChangeCommand } from './commands';

/**
 * A member change from a button or a menu: `queueChange` with the refusal said in a notification
 * (lib/commands.ts). Returns false when the console refused it on the spot.
 */
export async function runMemberChange<C extends ChangeCommand>(
  command: C,
  input: CommandInput<C>,
  words: ChangeWords,
): Promise<boolean> {
  return (await withRefusalNotice("That didn't work", () => queueChange(command, input, words))) !== null;
}
