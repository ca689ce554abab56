import { z } from 'zod';

/**
 * The browser host's page announces its link to the host (`electron/web-host/bridge-connection.ts`)
 * as the event `host.connection`, once the page has had the console: `lost` (the socket closed or
 * stopped answering; the page keeps trying, which helps only if the same host is still running)
 * or `ended` (the host stopped, was restarted, or gave the console to another window: only a new
 * link helps), then `connected` again if it came back. The Electron shell never sends it: its IPC
 * lives and dies with the window.
 */
export const hostConnectionSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('connected'), reason: z.null(), message: z.string() }),
  z.object({ state: z.literal('lost'), reason: z.enum(['closed', 'not_answering']), message: z.string() }),
  z.object({
    state: z.literal('ended'),
    reason: z.enum(['stopped', 'restarted', 'in_use', 'replaced', 'not_valid']),
    message: z.string(),
  }),
]);
export type HostConnection = z.output<typeof hostConnectionSchema>;
