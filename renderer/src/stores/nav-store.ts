import { create } from 'zustand';

export type Route = { view: 'members' } | { view: 'member'; memberId: string } | { view: 'pending' };

interface NavState {
  route: Route;
  go(route: Route): void;
}

export const useNavStore = create<NavState>()((set) => ({
  route: { view: 'members' },
  go(route) {
    set({ route });
  },
}));
