import { ipcChannel } from '../../shared/contract/api';
import { commandNames, commands, shellCommands, type CommandName } from '../../shared/contract/commands';
import { fieldErrorsFromZod, type CommandResult } from '../../shared/contract/errors';
import type { IpcEventLike } from './sender-policy';

/**
 * One `ipcMain.handle('nexus:<command>')` per command of the contract: the sender is checked
 * first, then the call goes to core (or to a shell handler for the few commands the shell serves
 * itself). Every answer is a `CommandResult`; nothing throws across IPC. After VS Code's
 * validatedIpcMain and GitHub Desktop's typed channel map.
 */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export type ShellHandler = (input: unknown) => Promise<unknown>;

export interface CommandIpcOptions {
  ipcMain: IpcMainLike;
  isTrustedSender: (event: IpcEventLike) => boolean;
  dispatch: (command: string, input: unknown) => Promise<CommandResult<unknown>>;
  /** Handlers of the shell's own commands (`clipboard.copySecret`), given parsed input. */
  shellHandlers: Partial<Record<CommandName, ShellHandler>>;
  log?: (line: string) => void;
}

export function registerCommandIpc(options: CommandIpcOptions): () => void {
  const missing = shellCommands.filter((name) => !options.shellHandlers[name]);
  if (missing.length > 0) throw new Error(`No shell handler for ${missing.join(', ')}`);
  const channels: string[] = [];
  for (const command of commandNames) {
    const channel = ipcChannel(command);
    options.ipcMain.handle(channel, (event, input) => handleCall(options, command, event, input));
    channels.push(channel);
  }
  return () => channels.forEach((channel) => options.ipcMain.removeHandler(channel));
}

async function handleCall(
  options: CommandIpcOptions,
  command: CommandName,
  event: IpcEventLike,
  input: unknown,
): Promise<CommandResult<unknown>> {
  if (!options.isTrustedSender(event)) {
    options.log?.(`ipc: refused ${command} from an untrusted sender`);
    return { ok: false, error: { code: 'forbidden', message: 'This window may not use the console.' } };
  }
  const shellHandler = options.shellHandlers[command];
  if (!shellHandler) {
    try {
      return await options.dispatch(command, input);
    } catch {
      options.log?.(`ipc: ${command} threw instead of answering`);
      return { ok: false, error: { code: 'internal_error', message: 'The console could not do that.' } };
    }
  }
  const parsed = commands[command].input.safeParse(input ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      error: { code: 'invalid_input', message: 'Some fields are not valid.', fields: fieldErrorsFromZod(parsed.error) },
    };
  }
  try {
    return { ok: true, value: await shellHandler(parsed.data) };
  } catch {
    // The input may hold a secret: never echo it, and never log the error's details.
    options.log?.(`ipc: ${command} failed`);
    return { ok: false, error: { code: 'internal_error', message: 'The console could not do that.' } };
  }
}
