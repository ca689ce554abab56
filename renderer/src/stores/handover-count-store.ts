import { create } from 'zustand';
import { call } from '../lib/nexus';

/** How many people wait for their password on the Handover screen (the count in the navigation). */
export const useHandoverCount = create<{ waiting: number; set(waiting: number): void; load(): Promise<void> }>()(
  (set) => ({
    waiting: 0,
    set: (waiting) => set({ waiting }),
    async load() {
      try {
        set({ waiting: (await call('handover.list')).items.length });
      } catch {
        // Signed out or no org yet: nothing waits.
        set({ waiting: 0 });
      }
    },
  }),
);
