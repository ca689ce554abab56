import type { Me, Session } from '../../../shared/api';
import type {
  OrgSummary,
  SessionStatus,
  SignInInput,
  SignInResult,
  SecretStoreStatus,
} from '../../../shared/contract/session';
import type { CacheStore } from '../cache/cache-store';
import { consoleError, noOrgSelected, notSignedIn, toConsoleErrorShape } from '../errors';
import { ConsoleError } from '../../../shared/contract/errors';
import type { EventBus } from '../event-bus';
import type { LocalStore } from '../local-store/local-store';
import type { Logger } from '../logger';
import { NexusApiError, NexusNetworkError } from '../nexus-client/nexus-api-error';
import { NexusClient, passwordChangeToken } from '../nexus-client/nexus-client';
import { serverUrlRefusal, type TransportPolicy } from '../nexus-client/transport-policy';
import { refreshTokenAccount, type SecretStore } from '../secrets/secret-store';
import type { EndedTokens } from './revocation';

export interface SessionDeps {
  cache: CacheStore;
  local: LocalStore;
  secrets: SecretStore;
  logger: Logger;
  bus: EventBus;
  fetch: typeof globalThis.fetch;
  timeoutMs: number;
  now: () => Date;
  defaultServerUrl: string | null;
  transport: TransportPolicy;
}

interface Account {
  serverUrl: string;
  email: string;
  user: { id: string; email: string; name: string };
}

/** Refresh this long before the server's expiry, so a call does not race the clock. */
const EXPIRY_MARGIN_MS = 30_000;

export const normalizeServerUrl = (url: string): string => url.trim().replace(/\/+$/, '');

/** Keeps the wanted org when it is still one of ours; otherwise the only org, if there is one. */
function pickOrg(orgs: OrgSummary[], wanted: string | null): string | null {
  if (orgs.some((org) => org.id === wanted)) return wanted;
  return orgs.length === 1 ? orgs[0]!.id : null;
}

export function orgSummariesFromMe(me: Me): OrgSummary[] {
  return me.memberships.map((membership) => ({
    id: membership.org.id,
    name: membership.org.name,
    roleName: membership.role.name,
    permissions: membership.permissions,
    canManageMembers: membership.permissions.includes('members.manage'),
  }));
}

/**
 * Who is signed in, and the one way to call the server as them (`authed`). The access token
 * lives only in this object; the refresh token in memory and in the keychain under
 * `<serverUrl>|<email>`, rewritten on every rotation.
 */
export class SessionManager {
  private account: Account | null = null;
  private accessToken: string | null = null;
  private accessTokenExpiresAt = 0;
  private refreshToken: string | null = null;
  private refreshing: Promise<string> | null = null;
  private selectedOrgId: string | null = null;
  private offline = false;
  private reauthRequired = false;
  private pendingChange: { serverUrl: string; email: string; token: string } | null = null;
  private secretStatus: SecretStoreStatus = { state: 'locked', backend: 'unknown', persistent: false, warning: null };
  private readonly clients = new Map<string, NexusClient>();
  /** Counts refresh calls; read by tests and the log. */
  refreshCount = 0;

  constructor(private readonly deps: SessionDeps) {}

  /** The one way to a server: refused (invalid_input on serverUrl) when its transport is not safe. */
  client(serverUrl: string): NexusClient {
    let client = this.clients.get(serverUrl);
    if (!client) {
      const refusal = serverUrlRefusal(serverUrl, this.deps.transport);
      if (refusal) throw consoleError('invalid_input', refusal, [{ path: 'serverUrl', message: refusal }]);
      client = new NexusClient({ serverUrl, fetch: this.deps.fetch, timeoutMs: this.deps.timeoutMs });
      this.clients.set(serverUrl, client);
    }
    return client;
  }

  /** The signed-in account's server (the sync engine's reachability probe asks it). */
  get serverUrl(): string | null {
    return this.account?.serverUrl ?? null;
  }

  get accountKey(): string | null {
    return this.account ? refreshTokenAccount(this.account.serverUrl, this.account.email) : null;
  }
  get signedIn(): boolean {
    return this.account !== null;
  }
  get isOffline(): boolean {
    return this.offline;
  }
  get needsReauth(): boolean {
    return this.reauthRequired;
  }
  get userEmail(): string {
    return this.account?.email ?? '';
  }

  orgs(): OrgSummary[] {
    return this.account ? this.deps.cache.orgs() : [];
  }

  currentOrg(): OrgSummary | null {
    return this.orgs().find((org) => org.id === this.selectedOrgId) ?? null;
  }

  requireOrg(): { account: string; org: OrgSummary } {
    const account = this.accountKey;
    if (!account) throw notSignedIn();
    const org = this.currentOrg();
    if (!org) throw noOrgSelected();
    return { account, org };
  }

  async status(): Promise<SessionStatus> {
    this.secretStatus = await this.deps.secrets.status().catch((): SecretStoreStatus => ({
      state: 'locked',
      backend: 'unknown',
      persistent: false,
      warning: 'The keychain cannot be reached. Unlock it and try again.',
    }));
    const last = this.deps.local.getLastAccount();
    return {
      state: this.account ? 'signedIn' : 'signedOut',
      serverUrl: this.account?.serverUrl ?? last?.serverUrl ?? null,
      defaultServerUrl: this.deps.defaultServerUrl,
      user: this.account?.user ?? null,
      offline: this.account ? this.offline : false,
      reauthRequired: this.account ? this.reauthRequired : false,
      org: this.currentOrg(),
      orgs: this.orgs(),
      secretStore: this.secretStatus,
    };
  }

  private async emitChanged(): Promise<void> {
    this.deps.bus.emit('session.changed', await this.status());
  }

  setOffline(offline: boolean): void {
    if (this.offline === offline) return;
    this.offline = offline;
    void this.emitChanged();
  }

  // --- start, sign in, sign out ---------------------------------------------------------------

  /** Restores the last account from the keychain; works offline from the cache. */
  async restore(): Promise<void> {
    const last = this.deps.local.getLastAccount();
    if (!last) return;
    let token: string | null = null;
    try {
      token = await this.deps.secrets.get(refreshTokenAccount(last.serverUrl, last.email));
    } catch {
      this.deps.logger.warn('keychain unavailable at start; staying signed out');
    }
    if (!token) return;
    this.account = { serverUrl: last.serverUrl, email: last.email, user: last.user };
    this.refreshToken = token;
    this.deps.logger.rememberLasting(token);
    this.selectedOrgId = last.orgId;
    this.offline = true;
    try {
      await this.refresh(null);
      await this.loadMe();
    } catch (error) {
      if (!(error instanceof NexusNetworkError)) this.deps.logger.warn('restore: server refused the stored session');
    }
  }

  /** The admin unlocked the keychain and pressed Retry: find the store again. */
  async retryKeychain(): Promise<SessionStatus> {
    await this.deps.secrets.redetect();
    await this.emitChanged();
    return this.status();
  }

  async signIn(input: SignInInput): Promise<SignInResult> {
    const serverUrl = normalizeServerUrl(input.serverUrl);
    this.deps.logger.remember(input.password);
    this.pendingChange = null;
    // Signing in again after "the keychain is locked" is a retry: look again.
    if ((await this.deps.secrets.status().catch(() => null))?.state === 'locked') await this.deps.secrets.redetect();
    let session: Session;
    try {
      session = await this.client(serverUrl).signIn(input.email, input.password);
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
    return { outcome: 'signedIn', status: await this.status() };
  }

  async changePassword(newPassword: string): Promise<SessionStatus> {
    const pending = this.pendingChange;
    if (!pending) throw consoleError('not_signed_in', 'Sign in with your current password first.');
    this.deps.logger.remember(newPassword);
    const session = await this.client(pending.serverUrl).changePassword(pending.token, newPassword);
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
    return this.status();
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
    let stored = false;
    try {
      me = await this.client(serverUrl).me(session.accessToken);
      await this.deps.secrets.set(key, session.refreshToken);
      stored = true;
      const last = this.deps.local.getLastAccount();
      const sameAccount = last && last.serverUrl === serverUrl && last.email === session.user.email;
      const orgs = orgSummariesFromMe(me);
      const orgId = pickOrg(orgs, sameAccount ? last.orgId : this.deps.local.orgChoice(key));
      // Saved before it takes effect: a failure here leaves the previous account in place.
      this.deps.local.setLastAccount({ serverUrl, email: session.user.email, user: me.user, orgId });
      // The cache holds one account's view; another account must never see it.
      if (!sameAccount) this.deps.cache.clearAll();
      this.deps.cache.setOrgs(orgs);
      this.selectedOrgId = orgId;
    } catch (error) {
      await this.abandon(serverUrl, session, stored ? key : null);
      // The keychain may have turned out locked: the screen shows it, with Retry.
      await this.emitChanged();
      throw error;
    }
    const previousKey = this.accountKey;
    this.account = { serverUrl, email: session.user.email, user: me.user };
    this.reauthRequired = false;
    this.offline = false;
    this.takeTokens(session);
    if (previousKey && previousKey !== key) await this.deps.secrets.delete(previousKey).catch(() => false);
    await this.emitChanged();
  }

  /** A sign-in that could not be completed: revoke its server session and forget its token. */
  private async abandon(serverUrl: string, session: Session, storedKey: string | null): Promise<void> {
    this.deps.logger.warn('sign-in could not be completed; revoking its server session');
    if (storedKey) await this.deps.secrets.delete(storedKey).catch(() => false);
    for (const token of [session.accessToken, session.refreshToken]) this.deps.logger.forget(token);
    try {
      await this.client(serverUrl).signOut(session.accessToken);
    } catch {
      this.deps.logger.warn('sign-in: the server could not revoke the abandoned session');
    }
  }

  private takeTokens(session: Session): void {
    // The previous tokens are dead once rotated: the redactor forgets them, keeps the new ones.
    for (const old of [this.accessToken, this.refreshToken])
      if (old && old !== session.accessToken && old !== session.refreshToken) this.deps.logger.forget(old);
    this.accessToken = session.accessToken;
    // Expiry on core's own clock (injectable in tests), from the lifetime the server granted.
    const lifetime = Math.max(0, Date.parse(session.accessTokenExpiresAt) - Date.now());
    this.accessTokenExpiresAt = this.deps.now().getTime() + lifetime;
    this.refreshToken = session.refreshToken;
  }

  /** Loads who we are and our orgs; picks the only org when there is one. */
  async loadMe(): Promise<void> {
    const me = await this.authed((client, token) => client.me(token));
    const orgs = orgSummariesFromMe(me);
    this.deps.cache.setOrgs(orgs);
    if (this.account) this.account.user = me.user;
    this.selectedOrgId = pickOrg(orgs, this.selectedOrgId);
    this.remember(this.selectedOrgId);
    await this.emitChanged();
  }

  private remember(orgId: string | null): void {
    if (!this.account) return;
    this.deps.local.setLastAccount({ ...this.account, orgId });
    if (orgId) this.deps.local.setOrgChoice(this.accountKey!, orgId);
  }

  async selectOrg(orgId: string): Promise<SessionStatus> {
    if (!this.account) throw notSignedIn();
    if (!this.orgs().some((org) => org.id === orgId))
      throw consoleError('not_found', 'You are not a member of that organisation.', [
        { path: 'orgId', message: 'Unknown organisation' },
      ]);
    // Saved first: if that fails, the org in use stays the one that is saved.
    this.remember(orgId);
    this.selectedOrgId = orgId;
    await this.emitChanged();
    return this.status();
  }

  /**
   * Ends the session on this computer: the refresh token leaves the keychain, both tokens leave
   * memory and the redactor, and they are handed to the caller (sign-out.ts) to revoke on the
   * server — at once, or at the next chance.
   */
  async endSession(): Promise<(EndedTokens & { serverUrl: string; email: string; offline: boolean }) | null> {
    const account = this.account;
    const ended = account
      ? {
          serverUrl: account.serverUrl,
          email: account.email,
          offline: this.offline,
          accessToken: this.accessToken,
          refreshToken: this.refreshToken,
        }
      : null;
    if (account) await this.deps.secrets.delete(this.accountKey!).catch(() => false);
    for (const token of [this.accessToken, this.refreshToken, this.pendingChange?.token])
      if (token) this.deps.logger.forget(token);
    this.account = null;
    this.accessToken = null;
    this.refreshToken = null;
    this.reauthRequired = false;
    this.offline = false;
    this.pendingChange = null;
    await this.emitChanged();
    return ended;
  }

  // --- authenticated calls --------------------------------------------------------------------

  /**
   * Calls the server as the signed-in admin. An expired or refused access token is refreshed
   * once, shared by every caller waiting at that moment (single flight); a second 401 means the
   * session is gone: sync pauses and the admin is asked to sign in again.
   */
  async authed<T>(call: (client: NexusClient, token: string) => Promise<T>): Promise<T> {
    if (!this.account) throw notSignedIn();
    if (this.reauthRequired) throw consoleError('not_signed_in', 'Your session has ended. Sign in again to continue.');
    const client = this.client(this.account.serverUrl);
    let token = this.accessToken;
    if (!token || this.deps.now().getTime() >= this.accessTokenExpiresAt - EXPIRY_MARGIN_MS)
      token = await this.refresh(token);
    try {
      const result = await this.track(call(client, token));
      return result;
    } catch (error) {
      if (!(error instanceof NexusApiError) || error.status !== 401) throw error;
      token = await this.refresh(token);
      try {
        return await this.track(call(client, token));
      } catch (second) {
        if (second instanceof NexusApiError && second.status === 401) await this.requireReauth();
        throw second;
      }
    }
  }

  private async track<T>(promise: Promise<T>): Promise<T> {
    try {
      const result = await promise;
      this.setOffline(false);
      return result;
    } catch (error) {
      if (error instanceof NexusNetworkError && error.kind === 'unreachable') this.setOffline(true);
      else if (!(error instanceof NexusNetworkError)) this.setOffline(false);
      throw error;
    }
  }

  /** Single flight: whoever comes while a refresh runs waits for the same one. */
  private refresh(staleToken: string | null): Promise<string> {
    if (
      this.accessToken &&
      this.accessToken !== staleToken &&
      this.deps.now().getTime() < this.accessTokenExpiresAt - EXPIRY_MARGIN_MS
    ) {
      return Promise.resolve(this.accessToken);
    }
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async doRefresh(): Promise<string> {
    const account = this.account;
    if (!account || !this.refreshToken) throw notSignedIn();
    this.refreshCount++;
    let session: Session;
    try {
      session = await this.track(this.client(account.serverUrl).refresh(this.refreshToken));
    } catch (error) {
      if (error instanceof NexusApiError && (error.status === 401 || error.status === 400 || error.status === 403)) {
        await this.requireReauth();
        throw consoleError('not_signed_in', 'Your session has ended. Sign in again to continue.');
      }
      throw error;
    }
    if (this.account !== account) throw notSignedIn();
    this.deps.logger.rememberLasting(session.accessToken);
    this.deps.logger.rememberLasting(session.refreshToken);
    this.takeTokens(session);
    try {
      await this.deps.secrets.set(refreshTokenAccount(account.serverUrl, account.email), session.refreshToken);
    } catch {
      // The session goes on with the token in memory; the next start asks for the password.
      this.deps.logger.warn('refresh: the rotated refresh token could not be saved in the keychain');
    }
    return session.accessToken;
  }

  private async requireReauth(): Promise<void> {
    if (this.reauthRequired) return;
    this.reauthRequired = true;
    this.accessToken = null;
    this.deps.logger.warn('session refused by the server; sync paused until sign-in');
    await this.emitChanged();
  }
}
