import type { MemberRow, MembersQueryInput } from '../../../shared/contract/members';
import { FIRST_MEMBERS_PAGE } from '../../../shared/shell/early-calls';
import { call, subscribe } from './nexus';

/**
 * The first page of the default members list, asked for as the renderer starts (`main.tsx`,
 * beside `session.status`; the browser bridge has usually got the answer already, see
 * `shared/shell/early-calls.ts`) and handed once to the list's first render. The first frame
 * React paints then has rows, instead of an empty list, a paint, an effect, a fetch and a second
 * render (issue 16: navigation → first rows).
 *
 * Handed over only while it can still be true: an event that may change it (`members.changed`,
 * `session.changed`) or 10 s drops it, and it is taken once; every later page comes from core.
 */
export interface FirstMembersPage {
  rows: MemberRow[];
  total: number;
}

const MAX_AGE_MS = 10_000;
let page: (FirstMembersPage & { at: number }) | null = null;
let open = false;
let stopListening: Array<() => void> = [];

function drop(): void {
  page = null;
  open = false;
  for (const stop of stopListening) stop();
  stopListening = [];
}

/** Resolves once the page is in, or core said no (not signed in, no org yet). */
export function primeFirstMembersPage(): Promise<void> {
  if (open) return Promise.resolve();
  open = true;
  stopListening = [subscribe('members.changed', drop), subscribe('session.changed', drop)];
  return call('members.query', FIRST_MEMBERS_PAGE as MembersQueryInput).then(
    (result) => {
      if (open) page = { rows: result.rows, total: result.total, at: Date.now() };
    },
    // Not signed in or no org yet: the list asks for itself once it is shown.
    () => undefined,
  );
}

/** The default view only (what was asked for); null when there is nothing good to hand over. */
export function takeFirstMembersPage(filter: Omit<MembersQueryInput, 'offset' | 'limit'>): FirstMembersPage | null {
  const taken = page;
  drop();
  if (!taken || Date.now() - taken.at > MAX_AGE_MS) return null;
  const isDefault =
    (filter.text ?? '') === FIRST_MEMBERS_PAGE.text &&
    (filter.badges ?? []).length === 0 &&
    (filter.roleIds ?? []).length === 0 &&
    !filter.includeRemoved &&
    filter.sort?.field === FIRST_MEMBERS_PAGE.sort.field &&
    filter.sort.direction === FIRST_MEMBERS_PAGE.sort.direction;
  return isDefault ? { rows: taken.rows, total: taken.total } : null;
}
