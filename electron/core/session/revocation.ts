import type { Logger } from '../logger';
import { NexusApiError, NexusNetworkError } from '../nexus-client/nexus-api-error';
import type { NexusClient } from '../nexus-client/nexus-client';
import type { SecretStore } from '../secrets/secret-store';

/**
 * Revoking a session on the server when the admin signs out. Offline (or when the server cannot
 * be reached), the refresh token is kept in the OS keychain — never in SQLite — under
 * `revoke:<server URL>|<email>`, and revoked at the next chance: when core starts, after a
 * sign-in, and on a timer while any wait. With only the refresh token, revoking is a refresh
 * (which rotates it) followed by `DELETE /auth/sessions/current` with the new access token.
 */
export const pendingRevocationAccount = (serverUrl: string, email: string): string => `revoke:${serverUrl}|${email}`;
const PREFIX = 'revoke:';

export type RevokeOutcome = 'revoked' | 'already_ended' | 'unreachable';

export interface EndedTokens {
  accessToken: string | null;
  refreshToken: string | null;
}

/** Ends the session on the server; `unreachable` when that has to wait for the network. */
export async function revokeOnServer(client: NexusClient, tokens: EndedTokens): Promise<RevokeOutcome> {
  try {
    if (tokens.accessToken) {
      try {
        await client.signOut(tokens.accessToken);
        return 'revoked';
      } catch (error) {
        // An expired access token: the refresh token may still be alive, revoke through it.
        if (!(error instanceof NexusApiError && error.status === 401)) throw error;
      }
    }
    if (!tokens.refreshToken) return 'already_ended';
    const session = await client.refresh(tokens.refreshToken);
    await client.signOut(session.accessToken);
    return 'revoked';
  } catch (error) {
    if (error instanceof NexusNetworkError || (error instanceof NexusApiError && error.transient)) return 'unreachable';
    // 400/401/403 on refresh: the server has already ended this session.
    if (error instanceof NexusApiError) return 'already_ended';
    throw error;
  }
}

export class PendingRevocations {
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<number> | null = null;

  constructor(
    private readonly deps: {
      secrets: SecretStore;
      logger: Logger;
      client: (serverUrl: string) => NexusClient;
      /** How often to try again while some wait; 0: only at start-up and after sign-in. */
      retryMs: number;
    },
  ) {}

  async add(serverUrl: string, email: string, refreshToken: string): Promise<void> {
    await this.deps.secrets.set(pendingRevocationAccount(serverUrl, email), refreshToken);
    this.schedule();
  }

  /** Tries every waiting revocation once; resolves with how many still wait. Never throws. */
  flush(): Promise<number> {
    this.flushing ??= this.flushOnce().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async flushOnce(): Promise<number> {
    let waiting = 0;
    let accounts: string[];
    try {
      accounts = (await this.deps.secrets.list()).filter((account) => account.startsWith(PREFIX));
    } catch {
      return 0;
    }
    for (const account of accounts) {
      const key = account.slice(PREFIX.length);
      const bar = key.lastIndexOf('|');
      const serverUrl = key.slice(0, bar);
      try {
        const refreshToken = await this.deps.secrets.get(account);
        const outcome = refreshToken
          ? await revokeOnServer(this.deps.client(serverUrl), { accessToken: null, refreshToken })
          : 'already_ended';
        if (outcome === 'unreachable') {
          waiting++;
          continue;
        }
        await this.deps.secrets.delete(account);
        this.deps.logger.info(`signed-out session ${outcome === 'revoked' ? 'revoked' : 'had already ended'}`);
      } catch {
        // The server is not one the console may talk to any more, or the keychain failed: drop it.
        await this.deps.secrets.delete(account).catch(() => false);
        this.deps.logger.warn('a signed-out session could not be revoked; its token was removed from this computer');
      }
    }
    if (waiting > 0) this.schedule();
    return waiting;
  }

  private schedule(): void {
    if (this.deps.retryMs <= 0 || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.deps.retryMs);
    this.timer.unref();
  }
}
