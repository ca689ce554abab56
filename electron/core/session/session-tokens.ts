import type { Session } from '../../../shared/api';
import { consoleError, notSignedIn } from '../errors';
import type { Logger } from '../logger';
import { NexusApiError, NexusNetworkError } from '../nexus-client/nexus-api-error';
import type { NexusClient } from '../nexus-client/nexus-client';
import { refreshTokenAccount, type SecretStore } from '../secrets/secret-store';
import type { EndedTokens } from './revocation';

/** Refresh this long before the server's expiry, so a call does not race the clock. */
const EXPIRY_MARGIN_MS = 30_000;

/** Whose tokens these are: the same object for as long as that account stays signed in. */
export interface TokenOwner {
  serverUrl: string;
  email: string;
}

/** What the tokens need from the session that holds them (session-manager.ts). */
export interface TokenHost {
  account(): TokenOwner | null;
  client(serverUrl: string): NexusClient;
  /** A call reached the server (false) or found it unreachable (true). */
  setOffline(offline: boolean): void;
  /** Tells the shells the session changed (here: the admin must sign in again). */
  changed(): Promise<void>;
}

export interface SessionTokensDeps {
  secrets: SecretStore;
  logger: Logger;
  now: () => Date;
  host: TokenHost;
}

/**
 * The signed-in account's tokens and the one way to call the server as it (`authed`). The access
 * token lives only here, its expiry tracked on core's own clock; the refresh token here and in the
 * keychain under `<serverUrl>|<email>`, rewritten on every rotation. A refused refresh (or a
 * second 401) sets `needsReauth`: sync pauses until the admin signs in again.
 */
export class SessionTokens {
  private accessToken: string | null = null;
  private accessTokenExpiresAt = 0;
  private refreshToken: string | null = null;
  private refreshing: Promise<string> | null = null;
  private reauthRequired = false;
  /** Counts refresh calls; read by tests and the log. */
  refreshCount = 0;

  constructor(private readonly deps: SessionTokensDeps) {}

  get needsReauth(): boolean {
    return this.reauthRequired;
  }

  /** At start: only the refresh token survived (keychain); the first call refreshes. */
  resume(refreshToken: string): void {
    this.refreshToken = refreshToken;
    this.deps.logger.rememberLasting(refreshToken);
  }

  /** A completed sign-in's tokens: the session starts afresh. */
  begin(session: Session): void {
    this.reauthRequired = false;
    this.take(session);
  }

  /** The tokens as they are now, for sign-out to revoke on the server. */
  held(): EndedTokens {
    return { accessToken: this.accessToken, refreshToken: this.refreshToken };
  }

  /** Signed out: both tokens leave memory and the redactor. */
  clear(): void {
    for (const token of [this.accessToken, this.refreshToken]) if (token) this.deps.logger.forget(token);
    this.accessToken = null;
    this.refreshToken = null;
    this.reauthRequired = false;
  }

  /** An access token that is not about to expire, refreshed first when it is (or there is none). */
  fresh(): Promise<string> {
    return this.refresh(null);
  }

  /**
   * Calls the server as the signed-in admin. An expired or refused access token is refreshed
   * once, shared by every caller waiting at that moment (single flight); a second 401 means the
   * session is gone: sync pauses and the admin is asked to sign in again.
   */
  async authed<T>(call: (client: NexusClient, token: string) => Promise<T>): Promise<T> {
    const account = this.deps.host.account();
    if (!account) throw notSignedIn();
    if (this.reauthRequired) throw consoleError('not_signed_in', 'Your session has ended. Sign in again to continue.');
    const client = this.deps.host.client(account.serverUrl);
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

  /** Online or offline, as the outcome of a call shows. */
  private async track<T>(promise: Promise<T>): Promise<T> {
    try {
      const result = await promise;
      this.deps.host.setOffline(false);
      return result;
    } catch (error) {
      if (error instanceof NexusNetworkError && error.kind === 'unreachable') this.deps.host.setOffline(true);
      else if (!(error instanceof NexusNetworkError)) this.deps.host.setOffline(false);
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
    const account = this.deps.host.account();
    if (!account || !this.refreshToken) throw notSignedIn();
    this.refreshCount++;
    let session: Session;
    try {
      session = await this.track(this.deps.host.client(account.serverUrl).refresh(this.refreshToken));
    } catch (error) {
      if (error instanceof NexusApiError && (error.status === 401 || error.status === 400 || error.status === 403)) {
        await this.requireReauth();
        throw consoleError('not_signed_in', 'Your session has ended. Sign in again to continue.');
      }
      throw error;
    }
    // Signed out (or in as someone else) while the refresh ran: these tokens are not ours to keep.
    if (this.deps.host.account() !== account) throw notSignedIn();
    this.deps.logger.rememberLasting(session.accessToken);
    this.deps.logger.rememberLasting(session.refreshToken);
    this.take(session);
    try {
      await this.deps.secrets.set(refreshTokenAccount(account.serverUrl, account.email), session.refreshToken);
    } catch {
      // The session goes on with the token in memory; the next start asks for the password.
      this.deps.logger.warn('refresh: the rotated refresh token could not be saved in the keychain');
    }
    return session.accessToken;
  }

  private take(session: Session): void {
    // The previous tokens are dead once rotated: the redactor forgets them, keeps the new ones.
    for (const old of [this.accessToken, this.refreshToken])
      if (old && old !== session.accessToken && old !== session.refreshToken) this.deps.logger.forget(old);
    this.accessToken = session.accessToken;
    // Expiry on core's own clock (injectable in tests), from the lifetime the server granted.
    const lifetime = Math.max(0, Date.parse(session.accessTokenExpiresAt) - Date.now());
    this.accessTokenExpiresAt = this.deps.now().getTime() + lifetime;
    this.refreshToken = session.refreshToken;
  }

  private async requireReauth(): Promise<void> {
    if (this.reauthRequired) return;
    this.reauthRequired = true;
    this.accessToken = null;
    this.deps.logger.warn('session refused by the server; sync paused until sign-in');
    await this.deps.host.changed();
  }
}
