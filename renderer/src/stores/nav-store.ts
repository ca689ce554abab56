import { create } from 'zustand';

export type Route =
  | { view: 'members' }
  | { view: 'member'; memberId: string }
  | { view: 'pending' }
  | { view: 'settings' }
  | { view: 'handover' }
  // Issue 17: the server's audit log.
  | { view: 'activity' };

interface NavState {
  route: Route;
  go(route: Route): void;
}

export const useNavStore = create<NavState>()((set) => ({
  route: { view: 'members' },
  go(route) {
    // The same place again changes nothing (no re-render of the whole console).
    set((state) => (sameRoute(state.route, route) ? state : { route }));
  },
}));

function sameRoute(a: Route, b: Route): boolean {
  return a.view === b.view && (a.view !== 'member' || (b.view === 'member' && a.memberId === b.memberId));
}
