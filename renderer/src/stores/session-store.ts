import { create } from 'zustand';
import type { ConsoleErrorShape } from '../../../shared/contract/errors';
import type { SessionStatus, SignInInput, SignInResult } from '../../../shared/contract/session';
import type { SignOutInput } from '../../../shared/contract/sign-out';
import { call, toConsoleError } from '../lib/nexus';

export type SessionPhase = 'loading' | 'failed' | 'signedOut' | 'changePassword' | 'pickOrg' | 'noOrgs' | 'ready';

interface SessionState {
  status: SessionStatus | null;
  /** Set after sign-in answered `passwordChangeRequired`: the must-change-password screen shows. */
  changePasswordEmail: string | null;
  loadError: ConsoleErrorShape | null;
  load(): Promise<void>;
  setStatus(status: SessionStatus): void;
  signIn(input: SignInInput): Promise<SignInResult>;
  changePassword(newPassword: string): Promise<void>;
  cancelChangePassword(): void;
  selectOrg(orgId: string): Promise<void>;
  signOut(input?: SignOutInput): Promise<void>;
}

let loading: Promise<void> | null = null;

export const useSessionStore = create<SessionState>()((set) => ({
  status: null,
  changePasswordEmail: null,
  loadError: null,
  load() {
    // main.tsx asks before React renders, Root asks again on mount: one call serves both.
    loading ??= (async () => {
      try {
        set({ status: await call('session.status'), loadError: null });
      } catch (error) {
        set({ loadError: toConsoleError(error) });
      } finally {
        loading = null;
      }
    })();
    return loading;
  },
  setStatus(status) {
    set({ status });
  },
  async signIn(input) {
    const result = await call('session.signIn', input);
    if (result.outcome === 'signedIn') set({ status: result.status, changePasswordEmail: null });
    else set({ changePasswordEmail: result.email });
    return result;
  },
  async changePassword(newPassword) {
    const status = await call('session.changePassword', { newPassword });
    set({ status, changePasswordEmail: null });
  },
  cancelChangePassword() {
    set({ changePasswordEmail: null });
  },
  async selectOrg(orgId) {
    set({ status: await call('orgs.select', { orgId }) });
  },
  async signOut(input) {
    set({ status: await call('session.signOut', input ?? {}), changePasswordEmail: null });
  },
}));

export function sessionPhase(state: Pick<SessionState, 'status' | 'changePasswordEmail' | 'loadError'>): SessionPhase {
  const { status } = state;
  if (!status) return state.loadError ? 'failed' : 'loading';
  if (status.state === 'signedOut') return state.changePasswordEmail ? 'changePassword' : 'signedOut';
  if (!status.org) return status.orgs.length === 0 ? 'noOrgs' : 'pickOrg';
  return 'ready';
}

export const useSessionPhase = (): SessionPhase => useSessionStore(sessionPhase);
