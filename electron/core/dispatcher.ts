import {
  commands,
  isCommandName,
  shellCommands,
  type CommandName,
  type CommandParsedInput,
} from '../../shared/contract/commands';
import { fieldErrorsFromZod, type CommandResult } from '../../shared/contract/errors';
import { toConsoleErrorShape } from './errors';
import type { Logger } from './logger';

export type Handlers = {
  [C in CommandName]?: (input: CommandParsedInput<C>) => unknown;
};

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Copies plain JSON-like data, dropping prototype-polluting keys at every depth, so whatever
 * crossed IPC cannot reach an object's prototype even if a schema let unknown keys through.
 */
export function sanitize(value: unknown, depth = 0): unknown {
  if (depth > 20) return undefined;
  if (Array.isArray(value)) return value.map((item) => sanitize(item, depth + 1));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = Object.create(null);
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) continue;
      out[key] = sanitize((value as Record<string, unknown>)[key], depth + 1);
    }
    return { ...out };
  }
  return value;
}

/**
 * The single entry of core: validate input against the contract, run the handler, validate
 * the output, and answer with the `{ ok, value | error }` envelope. Never throws.
 */
export function createDispatcher(handlers: Handlers, logger: Logger) {
  // Each command is one flow: the passwords it handled are forgotten by the redactor when it ends.
  return (command: string, input: unknown) => logger.flow(() => dispatchOne(command, input));

  async function dispatchOne(command: string, input: unknown): Promise<CommandResult<unknown>> {
    if (!isCommandName(command) || shellCommands.includes(command) || !handlers[command]) {
      const name = typeof command === 'string' ? command.slice(0, 80) : typeof command;
      return { ok: false, error: { code: 'unknown_command', message: `The console has no command "${name}" here.` } };
    }
    const spec = commands[command];
    const parsed = spec.input.safeParse(sanitize(input ?? {}));
    if (!parsed.success) {
      return {
        ok: false,
        error: {
          code: 'invalid_input',
          message: 'Some of what was entered is not valid.',
          fields: fieldErrorsFromZod(parsed.error),
        },
      };
    }
    try {
      const handler = handlers[command] as (input: unknown) => unknown;
      const value = await handler(parsed.data);
      const checked = spec.output.safeParse(value);
      if (!checked.success) {
        logger.error('handler output failed the contract', {
          command,
          issues: fieldErrorsFromZod(checked.error).slice(0, 5),
        });
        return {
          ok: false,
          error: {
            code: 'internal_error',
            message: 'Something went wrong inside the console. The details are in the log.',
          },
        };
      }
      return { ok: true, value: checked.data };
    } catch (error) {
      const shape = toConsoleErrorShape(error);
      if (shape.code === 'internal_error')
        logger.error('command failed', {
          command,
          error: error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error),
        });
      return { ok: false, error: shape };
    }
  }
}
