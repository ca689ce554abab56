import { create } from 'zustand';
import type { AccountsList } from '../../../shared/contract/accounts';
import { call } from '../lib/nexus';
import { useSessionStore } from './session-store';

interface AccountsStore {
  list: AccountsList | null;
  load(): Promise<void>;
  apply(list: AccountsList): void;
  /** Puts another account on screen; its session status replaces the current one. */
  switchTo(id: string): Promise<void>;
  /** A signed-out slot on screen: the sign-in screen shows, the other accounts stay signed in. */
  add(): Promise<void>;
}

export const useAccountsStore = create<AccountsStore>()((set) => ({
  list: null,
  async load() {
    try {
      set({ list: await call('accounts.list') });
    } catch {
      // a core without accounts: the switcher stays hidden
    }
  },
  apply(list) {
    set({ list });
  },
  async switchTo(id) {
    useSessionStore.getState().setStatus(await call('accounts.switch', { id }));
  },
  async add() {
    useSessionStore.getState().setStatus(await call('accounts.add'));
  },
}));

/** "nexus.example.com" from a server address, for compact labels. */
export function serverHost(url: string | null): string {
  if (!url) return 'New account';
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
