// Must stay the first import: it opens the connection before the rest of this script evaluates.
import { connection, page } from './bridge-start';
import { HOST_CONNECTION_EVENT } from './bridge-connection';
import { ConsoleError } from '../../shared/contract/console-error';
import { createNexusBridge } from '../../shared/shell/nexus-bridge';
import { createSecretClipboard, isSignOutEvent } from '../../shared/shell/secret-clipboard';

/**
 * The page side of the browser host: the same `window.nexus` as the Electron preload, over the
 * loopback WebSocket (`bridge-connection.ts`). Bundled as a classic script and loaded before the
 * renderer.
 *
 * Nothing here imports zod or the contract tables statically: this script runs before the
 * renderer can start, and their evaluation cost 100–250 ms of it. Command and event names are
 * checked from `shared/contract/contract-names.ts` (in `createNexusBridge`); the one command
 * served here loads its input schema on first use (`import()`, inlined in this one-file bundle
 * and evaluated only then). Core checks every other command's input in the host, as before.
 */
const { navigator } = page;

const clipboard = createSecretClipboard({
  clipboard: {
    readText: () => navigator.clipboard.readText(),
    writeText: (text) => navigator.clipboard.writeText(text),
  },
  onCleared: (at) => connection.emit('clipboard.cleared', { at: at.toISOString() }),
});
page.addEventListener('pagehide', () => void clipboard.flush());
connection.listen((event, payload) => {
  if (isSignOutEvent(event, payload)) void clipboard.flush();
});

const nexus = createNexusBridge({
  host: 'browser',
  stickyEvents: [HOST_CONNECTION_EVENT],
  transport: {
    call: (command, input) => connection.call(command, input),
    subscribe: (listener) => connection.listen(listener),
  },
  inPage: {
    // Served in the page: the secret never travels to the host.
    async 'clipboard.copySecret'(input) {
      const [{ commands }, { fieldErrorsFromZod }] = await Promise.all([
        import('../../shared/contract/commands'),
        import('../../shared/contract/errors'),
      ]);
      const parsed = commands['clipboard.copySecret'].input.safeParse(input);
      if (!parsed.success) {
        throw new ConsoleError({
          code: 'invalid_input',
          message: 'Some fields are not valid.',
          fields: fieldErrorsFromZod(parsed.error),
        });
      }
      return clipboard.copy(parsed.data.text, parsed.data.clearAfterMs);
    },
  },
});

Object.defineProperty(globalThis, 'nexus', {
  value: Object.freeze(nexus),
  writable: false,
  configurable: false,
  enumerable: true,
});
