import type { NexusBridge } from '../contract/api';
import type { CommandName } from '../contract/commands';
import { ConsoleError, type CommandResult, type ConsoleErrorShape } from '../contract/console-error';
import { isListedCommandName as isCommandName, isListedEventName as isEventName } from '../contract/contract-names';

/*
 * No zod on this module's static imports (nor on those of the browser bridge that uses it): in
 * the page, evaluating zod and the contract tables took 100–250 ms before the renderer could
 * start. Names are checked against `contract-names.ts`; the error schema loads on the first
 * failure that needs it (`import()` of a module bundled into the same file: evaluated lazily).
 */

/**
 * How a host moves calls and events: Electron IPC in the preload, a WebSocket in the browser
 * bridge. `window.nexus` is built on top of it the same way in both, from the contract tables.
 */
export interface BridgeTransport {
  call(command: CommandName, input: unknown): Promise<CommandResult<unknown>>;
  /** Delivers every event (name + payload) until the returned function is called. */
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
}

export interface NexusBridgeOptions {
  host: NexusBridge['host'];
  transport: BridgeTransport;
  /**
   * What a failed command rejects with. Default: a `ConsoleError`. The preload passes a plain
   * `{ name, code, message, fields }` object because Electron's contextBridge strips custom
   * properties from Error objects (only the message survives), and a plain object crosses whole.
   */
  toRejection?: (error: ConsoleErrorShape) => unknown;
  /** A command the page answers itself, never sent over the transport (the clipboard in the browser). */
  inPage?: Partial<Record<CommandName, (input: unknown) => Promise<unknown>>>;
  /**
   * Events that describe a state rather than a moment (the browser host's `host.connection`):
   * a listener added later is given the last one at once, so a screen mounted after the link
   * was lost still knows.
   */
  stickyEvents?: readonly string[];
}

export function createNexusBridge(options: NexusBridgeOptions): NexusBridge {
  const toRejection = options.toRejection ?? ((shape: ConsoleErrorShape) => new ConsoleError(shape));
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let unsubscribeTransport: (() => void) | null = null;
  const sticky = new Map<string, unknown>();

  function deliver(event: string, payload: unknown): void {
    if (options.stickyEvents?.includes(event)) sticky.set(event, payload);
    for (const listener of [...(listeners.get(event) ?? [])]) {
      try {
        listener(payload);
      } catch (error) {
        console.error(`nexus: a listener of ${event} failed`, error);
      }
    }
  }

  async function invoke(command: unknown, input?: unknown): Promise<unknown> {
    if (!isCommandName(command)) {
      throw toRejection({ code: 'unknown_command', message: `There is no command named ${String(command)}.` });
    }
    const answerInPage = options.inPage?.[command];
    if (answerInPage) {
      try {
        return await answerInPage(input ?? {});
      } catch (error) {
        throw toRejection((await asConsoleError(error)).toJSON());
      }
    }
    let result: CommandResult<unknown>;
    try {
      result = await options.transport.call(command, input ?? {});
    } catch (error) {
      throw toRejection((await asConsoleError(error)).toJSON());
    }
    if (result.ok) return result.value;
    throw toRejection(result.error);
  }

  function on(event: unknown, listener: (payload: never) => void): () => void {
    if (!isEventName(event)) throw new TypeError(`There is no event named ${String(event)}.`);
    if (typeof listener !== 'function') throw new TypeError('The listener must be a function.');
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    const wrapped = (payload: unknown) => (listener as (payload: unknown) => void)(payload);
    set.add(wrapped);
    if (sticky.has(event)) {
      const last = sticky.get(event);
      queueMicrotask(() => {
        if (set.has(wrapped)) wrapped(last);
      });
    }
    unsubscribeTransport ??= options.transport.subscribe(deliver);
    return () => {
      set.delete(wrapped);
    };
  }

  return { invoke, on, host: options.host } as NexusBridge;
}

/** Any rejection reason → ConsoleError; the schema that reads a plain shape loads on first need. */
export async function asConsoleError(reason: unknown): Promise<ConsoleError> {
  if (reason instanceof ConsoleError) return reason;
  const { consoleErrorSchema } = await import('../contract/errors');
  const shape = consoleErrorSchema.safeParse(reason);
  if (shape.success) return new ConsoleError(shape.data);
  const message = reason instanceof Error ? reason.message : 'Something went wrong in the console.';
  return new ConsoleError({ code: 'internal_error', message });
}
