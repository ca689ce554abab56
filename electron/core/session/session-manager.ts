import type {
  OrgSummary,
  SessionStatus,
  SignInInput,
  SignInResult,
  SecretStoreStatus,
} from '../../../shared/contract/session';
import type { CacheStore } from '../cache/cache-store';
import { consoleError, noOrgSelected, notSignedIn } from '../errors';
import type { EventBus } from '../event-bus';
import type { LocalStore } from '../local-store/local-store';
import type { Logger } from '../logger';
import { NexusNetworkError } from '../nexus-client/nexus-api-error';
import { NexusClient } from '../nexus-client/nexus-client';
import { serverUrlRefusal, type TransportPolicy } from '../nexus-client/transport-policy';
import { refreshTokenAccount, type SecretStore } from '../secrets/secret-store';
import { orgSummariesFromMe, pickOrg } from './org-choice';
import type { EndedTokens } from './revocation';
import { SessionTokens } from './session-tokens';
import { SignInFlow, type CheckedSignIn } from './sign-in';

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

type Account = CheckedSignIn['account'];

/**
 * Who is signed in, in which org, online or not: the session the rest of core asks. Its parts:
 * `session-tokens.ts` (the tokens, `authed()` and single-flight refresh), `sign-in.ts` (sign-in
 * all or nothing, must-change-password); sign-out as the admin is asked about it is `sign-out.ts`.
 */
export class SessionManager {
  private account: Account | null = null;
  private selectedOrgId: string | null = null;
  private offline = false;
  private secretStatus: SecretStoreStatus = { state: 'locked', backend: 'unknown', persistent: false, warning: null };
  private readonly clients = new Map<string, NexusClient>();
  private readonly tokens: SessionTokens;
  private readonly signInFlow: SignInFlow;

  constructor(private readonly deps: SessionDeps) {
    const client = (serverUrl: string) => this.client(serverUrl);
    const changed = () => this.emitChanged();
    this.tokens = new SessionTokens({
      secrets: deps.secrets,
      logger: deps.logger,
      now: deps.now,
      host: { account: () => this.account, client, setOffline: (offline) => this.setOffline(offline), changed },
    });
    this.signInFlow = new SignInFlow({
      cache: deps.cache,
      local: deps.local,
      secrets: deps.secrets,
      logger: deps.logger,
      host: { client, status: () => this.status(), changed, commit: (checked) => this.commit(checked) },
    });
  }

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
    return this.tokens.needsReauth;
  }
  get userEmail(): string {
    return this.account?.email ?? '';
  }
  /** Counts refresh calls; read by tests and the log. */
  get refreshCount(): number {
    return this.tokens.refreshCount;
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
      reauthRequired: this.account ? this.tokens.needsReauth : false,
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
    this.tokens.resume(token);
    this.selectedOrgId = last.orgId;
    this.offline = true;
    try {
      await this.tokens.fresh();
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

  signIn(input: SignInInput): Promise<SignInResult> {
    return this.signInFlow.signIn(input);
  }

  changePassword(newPassword: string): Promise<SessionStatus> {
    return this.signInFlow.changePassword(newPassword);
  }

  /** The last step of a sign-in (sign-in.ts), once nothing can fail: the account becomes ours. */
  private async commit({ account, orgId, session }: CheckedSignIn): Promise<void> {
    const previousKey = this.accountKey;
    this.account = account;
    this.selectedOrgId = orgId;
    this.offline = false;
    this.tokens.begin(session);
    const key = this.accountKey!;
    if (previousKey && previousKey !== key) await this.deps.secrets.delete(previousKey).catch(() => false);
    await this.emitChanged();
  }

  /** Loads who we are and our orgs; picks the only org when there is one. */
  async loadMe(): Promise<void> {
    const me = await this.authed((client, token) => client.me(token));
    const orgs = orgSummariesFromMe(me);
    await this.deps.cache.writable();
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
      ? { serverUrl: account.serverUrl, email: account.email, offline: this.offline, ...this.tokens.held() }
      : null;
    if (account) await this.deps.secrets.delete(this.accountKey!).catch(() => false);
    const pendingChangeToken = this.signInFlow.dropPendingChange();
    if (pendingChangeToken) this.deps.logger.forget(pendingChangeToken);
    this.tokens.clear();
    this.account = null;
    this.offline = false;
    await this.emitChanged();
    return ended;
  }

  /** Calls the server as the signed-in admin (session-tokens.ts: refresh once, single flight). */
  authed<T>(call: (client: NexusClient, token: string) => Promise<T>): Promise<T> {
    return this.tokens.authed(call);
  }
}
