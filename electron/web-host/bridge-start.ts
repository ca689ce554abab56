import { openBridgeConnection, type BrowserGlobals } from './bridge-connection';

/**
 * Opens the page's connection to the host as this module is evaluated. `browser-bridge.ts`
 * imports it first, so in the bundled script this runs before zod and the contract tables are
 * set up (≈ 100 ms of a cold page): the handshake and the start-up calls overlap that work and
 * the renderer's bundle instead of following them.
 */
export const page = globalThis as unknown as BrowserGlobals;
export const connection = openBridgeConnection(page);
