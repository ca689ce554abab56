import { create } from 'zustand';
import type { HostConnection } from '../../../shared/contract/host-connection';

/**
 * The browser host's link to its page (`host.connection`, announced by the page's bridge once it
 * has had the console). Connected until told otherwise: the Electron shell never sends it.
 */
interface HostConnectionState {
  link: HostConnection | null;
  set(link: HostConnection): void;
}

export const useHostConnectionStore = create<HostConnectionState>()((set) => ({
  link: null,
  set(link) {
    set({ link });
  },
}));

/** False while the console's host cannot be reached: nothing the admin does here can work then. */
export const useHostConnected = (): boolean =>
  useHostConnectionStore((s) => s.link === null || s.link.state === 'connected');
