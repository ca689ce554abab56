import { openBridgeConnection, type BridgeConnectionOptions, type BrowserGlobals } from './bridge-connection';

/**
 * Opens the page's connection to the host as this module is evaluated. `browser-bridge.ts`
 * imports it first, so in the bundled script this runs before zod and the contract tables are
 * set up (≈ 100 ms of a cold page): the handshake and the start-up calls overlap that work and
 * the renderer's bundle instead of following them.
 */
export const page = globalThis as unknown as BrowserGlobals;
/** e2e/host-restart.spec.ts shortens the heartbeat (set by an init script) instead of waiting 20 s. */
const timings = (globalThis as { __nexusBridgeTimings?: BridgeConnectionOptions }).__nexusBridgeTimings;
export const connection = openBridgeConnection(page, typeof timings === 'object' && timings ? timings : {});
