import type { NexusBridge } from '../../shared/contract/api';

declare global {
  interface Window {
    /** Provided by the Electron preload or the browser host's bridge script; absent elsewhere. */
    nexus?: NexusBridge;
  }
}

export {};
