import type { WebSocket } from 'ws';
import { isCommandName, shellCommands } from '../../shared/contract/commands';
import type { CommandResult } from '../../shared/contract/errors';
import { z } from 'zod';
import type { CallFrame, HostFrame, PingFrame } from './bridge-protocol';

/**
 * One page's socket: call frames go to core's dispatcher, answers come back as result frames.
 * Shell commands (the clipboard) are the page's own business and are refused here, so a secret
 * meant for the clipboard never travels to the host.
 */
export interface SocketSessionOptions {
  dispatch: (command: string, input: unknown) => Promise<CommandResult<unknown>>;
  log?: (line: string) => void;
}

const MAX_IN_FLIGHT = 64;

const callFrameSchema = z.object({
  type: z.literal('call'),
  id: z.number().int().nonnegative(),
  command: z.string().max(100),
  input: z.unknown().optional(),
}) satisfies z.ZodType<CallFrame>;

const isPingFrame = (value: unknown): value is PingFrame =>
  typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'ping';

export function serveSocket(socket: WebSocket, options: SocketSessionOptions): void {
  let inFlight = 0;
  const send = (frame: HostFrame) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
  };

  // ws reports a frame over maxPayload (and any socket fault) as 'error', then closes the socket
  // with 1009: without a listener that event would end the host's process.
  socket.on('error', (error) => options.log?.(`web-host: page socket: ${error.message}`));

  socket.on('message', (data, isBinary) => {
    if (isBinary) {
      socket.close(1003, 'text frames only');
      return;
    }
    let parsedJson: unknown;
    try {
      parsedJson = JSON.parse(data.toString());
    } catch {
      socket.close(1007, 'not JSON');
      return;
    }
    // The page's heartbeat (bridge-heartbeat.ts): answered at once, whatever core is doing.
    if (isPingFrame(parsedJson)) {
      send({ type: 'pong' });
      return;
    }
    const frame = callFrameSchema.safeParse(parsedJson);
    if (!frame.success) {
      socket.close(1008, 'not a call frame');
      return;
    }
    const { id, command, input } = frame.data;
    if (!isCommandName(command) || shellCommands.includes(command)) {
      send({
        type: 'result',
        id,
        result: {
          ok: false,
          error: { code: 'unknown_command', message: `The console host does not serve ${command}.` },
        },
      });
      return;
    }
    if (inFlight >= MAX_IN_FLIGHT) {
      send({
        type: 'result',
        id,
        result: { ok: false, error: { code: 'busy', message: 'Too many calls at once. Try again.' } },
      });
      return;
    }
    inFlight += 1;
    void options
      .dispatch(command, input ?? {})
      .catch((): CommandResult<unknown> => {
        options.log?.(`web-host: ${command} threw instead of answering`);
        return { ok: false, error: { code: 'internal_error', message: 'The console could not do that.' } };
      })
      .then((result) => send({ type: 'result', id, result }))
      .finally(() => {
        inFlight -= 1;
      });
  });
}
