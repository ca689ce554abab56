import type { NexusBridge } from '../../../shared/contract/api';
import type { CommandInput, CommandName, CommandOutput } from '../../../shared/contract/commands';
import type { ConsoleErrorShape } from '../../../shared/contract/errors';
import type { EventName, EventPayload } from '../../../shared/contract/events';

/**
 * The renderer's only way out: `window.nexus`. Rejections are normalised to a
 * `{ code, message, fields?, retryAfterSeconds? }` shape so screens never see a transport error.
 */
export function bridge(): NexusBridge {
  const nexus = window.nexus;
  if (!nexus) {
    throw toConsoleError({
      code: 'internal_error',
      message: 'Nexus Admin is not connected to its background service. Close this window and start Nexus Admin again.',
    });
  }
  return nexus;
}

export async function call<C extends CommandName>(command: C, input?: CommandInput<C>): Promise<CommandOutput<C>> {
  try {
    return await bridge().invoke(command, input);
  } catch (error) {
    throw toConsoleError(error);
  }
}

export function subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  const nexus = window.nexus;
  if (!nexus) return () => {};
  return nexus.on(event, listener);
}

export function isConsoleError(value: unknown): value is ConsoleErrorShape {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

export function toConsoleError(error: unknown): ConsoleErrorShape {
  if (isConsoleError(error)) {
    const { code, message, fields, retryAfterSeconds } = error;
    return {
      code,
      message,
      ...(fields ? { fields } : {}),
      ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    };
  }
  return {
    code: 'internal_error',
    message: 'Something went wrong in Nexus Admin. Try again; if it keeps happening, restart the app.',
  };
}

/** Waits briefly for a bridge script that loads after the page (the browser host). */
export async function waitForBridge(timeoutMs = 5000): Promise<boolean> {
  const started = Date.now();
  while (!window.nexus) {
    if (Date.now() - started > timeoutMs) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}
