// Must stay the first import: it opens the connection before the rest of this script evaluates.
import { connection, page } from './bridge-start';
import { commands } from '../../shared/contract/commands';
import { ConsoleError, fieldErrorsFromZod } from '../../shared/contract/errors';
import { createNexusBridge } from '../../shared/shell/nexus-bridge';
import { createSecretClipboard, isSignOutEvent } from '../../shared/shell/secret-clipboard';

/**
 * The page side of the browser host: the same `window.nexus` as the Electron preload, over the
 * loopback WebSocket (`bridge-connection.ts`). Bundled as a classic script and loaded before the
 * renderer.
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
  transport: {
    call: (command, input) => connection.call(command, input),
    subscribe: (listener) => connection.listen(listener),
  },
  inPage: {
    // Served in the page: the secret never travels to the host.
    async 'clipboard.copySecret'(input) {
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
