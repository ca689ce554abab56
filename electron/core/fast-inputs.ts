import type { CommandName, CommandParsedInput } from '../../shared/contract/commands';
import { fastImportQueueInput } from './imports/import-queue-input';

/**
 * Cheaper input checks for the commands whose input can be large, used by the dispatcher before
 * the contract's zod schema: each gives exactly the schema's output for what it accepts and null
 * for anything else, which then goes to sanitize + zod as every other input does (they decide
 * and name what is wrong). Each is compared with its schema by a property test.
 */
export const fastInputs: { [C in CommandName]?: (raw: unknown) => CommandParsedInput<C> | null } = {
  'import.queue': fastImportQueueInput,
};
