import { IPC_EVENT_CHANNEL, ipcChannel, type NexusBridge } from '../../shared/contract/api';
import type { CommandResult } from '../../shared/contract/errors';
import { createNexusBridge } from '../../shared/shell/nexus-bridge';

/** The slice of `ipcRenderer` the bridge uses; injected so the wiring is tested without Electron. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function preloadBridge(ipc: IpcRendererLike): NexusBridge {
  return createNexusBridge({
    host: 'electron',
    transport: {
      call: async (command, input) => (await ipc.invoke(ipcChannel(command), input)) as CommandResult<unknown>,
      subscribe(listener) {
        // Only the payload goes on: the IPC event object (with `sender`) never reaches the page.
        const handler = (_event: unknown, message: unknown) => {
          if (typeof message !== 'object' || message === null) return;
          const { event, payload } = message as { event?: unknown; payload?: unknown };
          if (typeof event === 'string') listener(event, payload);
        };
        ipc.on(IPC_EVENT_CHANNEL, handler);
        return () => ipc.removeListener(IPC_EVENT_CHANNEL, handler);
      },
    },
    // contextBridge keeps only the message of an Error; a plain object crosses with every field.
    toRejection: (error) => ({ name: 'ConsoleError', ...error }),
  });
}
