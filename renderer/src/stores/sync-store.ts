import { create } from 'zustand';
import type { ConsoleErrorShape } from '../../../shared/contract/errors';
import type { SyncStatus } from '../../../shared/contract/sync';
import { call, toConsoleError } from '../lib/nexus';

interface SyncState {
  status: SyncStatus | null;
  syncError: ConsoleErrorShape | null;
  load(): Promise<void>;
  setStatus(status: SyncStatus): void;
  setOutboxCounts(counts: { queued: number; needsAttention: number }): void;
  syncNow(): Promise<void>;
}

export const useSyncStore = create<SyncState>()((set, get) => ({
  status: null,
  syncError: null,
  async load() {
    try {
      set({ status: await call('sync.status') });
    } catch {
      // The header simply shows no sync line; the next sync.status event fills it in.
    }
  },
  setStatus(status) {
    set({ status });
  },
  setOutboxCounts(counts) {
    const status = get().status;
    if (status) set({ status: { ...status, ...counts } });
  },
  async syncNow() {
    set({ syncError: null });
    try {
      set({ status: await call('sync.now') });
    } catch (error) {
      set({ syncError: toConsoleError(error) });
    }
  },
}));
