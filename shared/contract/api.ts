import type { CommandInput, CommandName, CommandOutput } from './commands';
import type { EventName, EventPayload } from './events';

/**
 * `window.nexus`: what the preload (Electron) and the browser bridge both give the page.
 * Commands resolve with their output or reject with a `ConsoleError`.
 */
export type NexusCommands = {
  [C in CommandName]: (input?: CommandInput<C>) => Promise<CommandOutput<C>>;
};

export interface NexusBridge {
  invoke<C extends CommandName>(command: C, input?: CommandInput<C>): Promise<CommandOutput<C>>;
  /** Returns an unsubscribe function. The callback gets the payload only, never a transport event. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** Which host the page runs in, for the few things that differ (e.g. the window title bar). */
  readonly host: 'electron' | 'browser';
}

/** IPC channel of a command: `nexus:<command>`; events go over one channel. */
export const ipcChannel = (command: CommandName): string => `nexus:${command}`;
export const IPC_EVENT_CHANNEL = 'nexus:event';
