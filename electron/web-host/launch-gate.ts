import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { LAUNCH_PROTOCOL_PREFIX } from './bridge-protocol';

/**
 * Who may open the console's socket. The host never hands out a lasting secret:
 * - a **launch code** (256 bits, one use) is what an app window or a printed link carries; the
 *   first page to offer it starts a session and the code is spent, so a copy read later (another
 *   user's `ps`, a terminal's scrollback) opens nothing;
 * - the **session token** then given to that page (over its socket, never in a URL) lets a reload
 *   of the same tab back in. It is replaced on every admission, it admits one live socket at a
 *   time, and it dies with the host.
 * Codes and tokens are kept as SHA-256 digests and compared in constant time.
 */
export type Admission =
  { ok: true; sessionToken: string; via: 'code' | 'session' } | { ok: false; reason: 'not_valid' | 'in_use' };

/** Unused codes kept at most (each `launchUrl()` mints one); the oldest is dropped first. */
const MAX_OPEN_CODES = 8;

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();
const newSecret = (): string => randomBytes(32).toString('base64url');
const sameDigest = (a: Buffer, b: Buffer): boolean => timingSafeEqual(a, b);

/** Every `nexus.launch.<credential>` among the offered subprotocols. */
export function offeredCredentials(protocolHeader: string | undefined): string[] {
  if (!protocolHeader) return [];
  return protocolHeader
    .split(',')
    .map((value) => value.trim())
    .filter((value) => value.startsWith(LAUNCH_PROTOCOL_PREFIX))
    .map((value) => value.slice(LAUNCH_PROTOCOL_PREFIX.length));
}

export class LaunchGate {
  private codes: Buffer[] = [];
  private session: Buffer | null = null;

  /** A fresh one-time code; put it in the URL fragment of the page to open. */
  mintCode(): string {
    const code = newSecret();
    this.codes.push(digest(code));
    if (this.codes.length > MAX_OPEN_CODES) this.codes.shift();
    return code;
  }

  /**
   * Decides a handshake. `live` says whether a socket of the current session is open: a session
   * token is refused while one is (a second client), a fresh code replaces it (a new launch).
   */
  admit(protocolHeader: string | undefined, live: boolean): Admission {
    const offered = offeredCredentials(protocolHeader).map(digest);
    let codeIndex = -1;
    let sessionMatch = false;
    // Check every candidate against everything, so timing says nothing about which matched.
    for (const candidate of offered) {
      this.codes.forEach((code, index) => {
        if (sameDigest(code, candidate)) codeIndex = index;
      });
      if (this.session && sameDigest(this.session, candidate)) sessionMatch = true;
    }
    if (codeIndex >= 0) {
      this.codes.splice(codeIndex, 1);
      return { ok: true, sessionToken: this.rotate(), via: 'code' };
    }
    if (sessionMatch) {
      if (live) return { ok: false, reason: 'in_use' };
      return { ok: true, sessionToken: this.rotate(), via: 'session' };
    }
    return { ok: false, reason: 'not_valid' };
  }

  /** Forgets every code and the session (the host is stopping). */
  close(): void {
    this.codes = [];
    this.session = null;
  }

  private rotate(): string {
    const token = newSecret();
    this.session = digest(token);
    return token;
  }
}
