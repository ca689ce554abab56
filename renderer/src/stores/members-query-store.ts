import { create } from 'zustand';
import type { MemberSortField } from '../../../shared/contract/members';
import type { MemberBadge } from '../../../shared/member-badge';

export interface MemberSort {
  field: MemberSortField;
  direction: 'asc' | 'desc';
}

interface MembersQueryState {
  text: string;
  badges: MemberBadge[];
  roleIds: string[];
  sort: MemberSort;
  /** Bumped on `members.changed`: loaded pages are fetched again. */
  revision: number;
  setText(text: string): void;
  setBadges(badges: MemberBadge[]): void;
  setRoleIds(roleIds: string[]): void;
  toggleSort(field: MemberSortField): void;
  bump(): void;
  reset(): void;
}

const initial = {
  text: '',
  badges: [] as MemberBadge[],
  roleIds: [] as string[],
  sort: { field: 'name', direction: 'asc' } as MemberSort,
};

export const useMembersQueryStore = create<MembersQueryState>()((set) => ({
  ...initial,
  revision: 0,
  setText: (text) => set({ text }),
  setBadges: (badges) => set({ badges }),
  setRoleIds: (roleIds) => set({ roleIds }),
  toggleSort: (field) =>
    set(({ sort }) => ({
      sort: { field, direction: sort.field === field && sort.direction === 'asc' ? 'desc' : 'asc' },
    })),
  bump: () => set(({ revision }) => ({ revision: revision + 1 })),
  // Already at the defaults (the console's first mount): keep the same objects, so nothing re-renders.
  reset: () => set((state) => (isInitial(state) ? state : { ...initial })),
}));

function isInitial(state: MembersQueryState): boolean {
  return (
    state.text === '' &&
    state.badges.length === 0 &&
    state.roleIds.length === 0 &&
    state.sort.field === initial.sort.field &&
    state.sort.direction === initial.sort.direction
  );
}
