import type { Me, Session } from '../../../shared/api';
import type { SessionStatus, SignInInput, SignInResult } from '../../../shared/contract/session';
import { ConsoleError } from '../../../shared/contract/errors';
import type { CacheStore } from '../cache/cache-store';
import { consoleError, toConsoleErrorShape } from '../errors';
import type { LocalStore } from '../local-store/local-store';
import type { Logger } from '../logger';
import { NexusApiError } from '../nexus-client/nexus-api-error';
import { passwordChangeToken, type NexusClient } from '../nexus-client/nexus-client';
import { refreshTokenAccount, type SecretStore } from '../secrets/secret-store';
import { orgSummariesFromMe, pickOrg } from './org-choice';

export const normalizeServerUrl = (url: string): string => url.trim().replace(/\/+$/, '');

/** An account a sign-in has made sure of (server knows us, refresh token kept), to make current. */
export interface CheckedSignIn {
  account: { serverUrl: string; email: string; user: Me['user'] };
  orgId: string | null;
  session: Session;
}

/** What sign-in needs from the session it signs in (session-manager.ts). */
export interface SignInHost {
  client(serverUrl: string): NexusClient;
  status(): Promise<SessionStatus>;
  changed(): Promise<void>;
  /** Makes the checked account the console's; nothing in it can fail. */
  commit(checked: CheckedSignIn): Promise<void>;
}

export interface SignInDeps {
  cache: CacheStore;
  local: LocalStore;
  secrets: SecretStore;
  logger: Logger;
  host: SignInHost;
}

/**
 * Signing in, all or nothing: with a password, or with the new one a must-change-password
 * sign-in asks for (the change token is held here between the two steps).
 */
export class SignInFlow {
  private pendingChange: { serverUrl: string; email: string; token: string } | null = null;

  constructor(private readonly deps: SignInDeps) {}

  async signIn(input: SignInInput): Promise<SignInResult> {
    const serverUrl = normalizeServerUrl(input.serverUrl);
    this.deps.logger.remember(input.password);
    this.pendingChange = null;
    // Signing in again after "the keychain is locked" is a retry: look again.
    if ((await this.deps.secrets.status().catch(() => null))?.state === 'locked') await this.deps.secrets.redetect();
    let session: Session;
    try {
      session = await this.deps.host.client(serverUrl).signIn(input.email, input.password);
    } catch (error) {
      if (error instanceof NexusApiError && error.code === 'password_change_required') {
        const token = passwordChangeToken(error);
        if (token) {
          this.deps.logger.rememberLasting(token);
          this.pendingChange = { serverUrl, email: input.email, token };
          return { outcome: 'passwordChangeRequired', email: input.email };
        }
      }
      throw error;
    }
    await this.adopt(serverUrl, session);
    return { outcome: 'signedIn', status: await this.deps.host.status() };
  }

  async changePassword(newPassword: string): Promise<SessionStatus> {
    const pending = this.pendingChange;
    if (!pending) throw consoleError('not_signed_in', 'Sign in with your current password first.');
    this.deps.logger.remember(newPassword);
    const session = await this.deps.host.client(pending.serverUrl).changePassword(pending.token, newPassword);
    // The change token is spent: whatever happens next, the new password is the one that works.
    this.pendingChange = null;
    this.deps.logger.forget(pending.token);
    try {
      await this.adopt(pending.serverUrl, session);
    } catch (error) {
      const cause = toConsoleErrorShape(error);
      throw new ConsoleError({
        code: cause.code,
        message: `Your new password is set, but signing in failed: ${cause.message} Then sign in with your new password.`,
      });
    }
    return this.deps.host.status();
  }

  /** Sign-out drops a half-done must-change-password; returns its token for the redactor to forget. */
  dropPendingChange(): string | null {
    const token = this.pendingChange?.token ?? null;
    this.pendingChange = null;
    return token;
  }

  /**
   * Makes a new server session this console's, all or nothing: everything that can fail (who we
   * are, keeping the refresh token) happens before anything is changed here. On a failure the
   * server session is revoked and the console is left exactly as it was, so a failed sign-in
   * never leaves an account selected or tokens in memory.
   */
  private async adopt(serverUrl: string, session: Session): Promise<void> {
    const key = refreshTokenAccount(serverUrl, session.user.email);
    // Lasting: the tokens outlive this command; they are forgotten when rotated or signed out.
    this.deps.logger.rememberLasting(session.accessToken);
    this.deps.logger.rememberLasting(session.refreshToken);
    let me: Me;
    let orgId: string | null;
    let stored = false;
    try {
      me = await this.deps.host.client(serverUrl).me(session.accessToken);
      await this.deps.secrets.set(key, session.refreshToken);
      stored = true;
      await this.deps.cache.writable();
      const last = this.deps.local.getLastAccount();
      const sameAccount = last && last.serverUrl === serverUrl && last.email === session.user.email;
      const orgs = orgSummariesFromMe(me);
      orgId = pickOrg(orgs, sameAccount ? last.orgId : this.deps.local.orgChoice(key));
      // Saved before it takes effect: a failure here leaves the previous account in place.
      this.deps.local.setLastAccount({ serverUrl, email: session.user.email, user: me.user, orgId });
      // The cache holds one account's view; another account must never see it.
      if (!sameAccount) this.deps.cache.clearAll();
      this.deps.cache.setOrgs(orgs);
    } catch (error) {
      await this.abandon(serverUrl, session, stored ? key : null);
      // The keychain may have turned out locked: the screen shows it, with Retry.
      await this.deps.host.changed();
      throw error;
    }
    await this.deps.host.commit({ account: { serverUrl, email: session.user.email, user: me.user }, orgId, session });
  }

  /** A sign-in that could not be completed: revoke its server session and forget its token. */
  private async abandon(serverUrl: string, session: Session, storedKey: string | null): Promise<void> {
    this.deps.logger.warn('sign-in could not be completed; revoking its server session');
    if (storedKey) await this.deps.secrets.delete(storedKey).catch(() => false);
    for (const token of [session.accessToken, session.refreshToken]) this.deps.logger.forget(token);
    try {
      await this.deps.host.client(serverUrl).signOut(session.accessToken);
    } catch {
      this.deps.logger.warn('sign-in: the server could not revoke the abandoned session');
    }
  }
}
