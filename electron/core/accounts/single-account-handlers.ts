import type { CoreContext } from '../context';
import type { Handlers } from '../dispatcher';
import { consoleError } from '../errors';

/**
 * `accounts.*` on a core used on its own (tests, tools): one account, the one it has. The shells
 * wrap cores in `createAccountsCore`, which answers these itself before they reach a core.
 */
export function singleAccountHandlers(ctx: CoreContext): Handlers {
  const notHere = () => consoleError('not_found', 'This console keeps one account only.');
  return {
    'accounts.list': async () => {
      const status = await ctx.session.status();
      const counts = ctx.session.accountKey
        ? ctx.local.outboxCounts(ctx.session.accountKey)
        : { queued: 0, needsAttention: 0 };
      return {
        activeId: 'default',
        items: [
          {
            id: 'default',
            serverUrl: status.serverUrl,
            email: status.user?.email ?? null,
            active: true,
            signedIn: status.state === 'signedIn',
            ...counts,
          },
        ],
      };
    },
    'accounts.switch': async (input) => {
      if (input.id !== 'default') throw notHere();
      return ctx.session.status();
    },
    'accounts.add': () => {
      throw notHere();
    },
  };
}
