import { createHash } from 'node:crypto';
import {
  auditPageSchema,
  emailLookupSchema,
  memberSchema,
  meSchema,
  passwordChangeRequiredSchema,
  roleListSchema,
  sessionSchema,
  versionEtag,
  type AuditPage,
  type AuditQuery,
  type EmailLookup,
  type Me,
  type Member,
  type MemberListPage,
  type Role,
  type Session,
} from '../../../shared/api';
import { memberListPageCheck } from './member-page-check';
import type { NexusApiError } from './nexus-api-error';
import { NexusHttp, type NexusHttpOptions } from './nexus-http';

export type NexusClientOptions = NexusHttpOptions;

const enc = encodeURIComponent;

/**
 * One instance per server: the Nexus API's endpoints, each with its body schema. How a request
 * is sent, and how a failure or a problem document becomes an error, is NexusHttp's (nexus-http.ts).
 */
export class NexusClient {
  readonly serverUrl: string;
  private readonly http: NexusHttp;

  constructor(options: NexusClientOptions) {
    this.http = new NexusHttp(options);
    this.serverUrl = this.http.serverUrl;
  }

  // --- auth -----------------------------------------------------------------------------------

  /** Throws `NexusApiError` 403 `password_change_required`; its token is in `passwordChangeToken(error)`. */
  async signIn(email: string, password: string): Promise<Session> {
    return (await this.http.call('POST', 'auth/sessions', sessionSchema, { json: { email, password } })).body;
  }

  async changePassword(passwordChangeToken: string, newPassword: string): Promise<Session> {
    return (
      await this.http.call('POST', 'auth/password-change', sessionSchema, {
        json: { passwordChangeToken, newPassword },
      })
    ).body;
  }

  async refresh(refreshToken: string): Promise<Session> {
    // Keyed by the token itself: a rotation whose answer was lost (a fault after the commit, a
    // crash before the keychain write) replays the same new session instead of tripping reuse
    // detection, which would revoke the whole family and force a sign-in.
    const idempotencyKey = createHash('sha256').update(refreshToken).digest('hex');
    return (await this.http.call('POST', 'auth/refresh', sessionSchema, { json: { refreshToken }, idempotencyKey }))
      .body;
  }

  async signOut(token: string): Promise<void> {
    await this.http.call('DELETE', 'auth/sessions/current', null, { token });
  }

  /**
   * Is the server answering at all? (The sync engine's reachability probe, issue 17.) Any HTTP
   * answer counts (`GET health` is `204`; a server without it answers `404`, which counts too):
   * nothing secret is sent, nothing changes on the server, and no failed-auth line is logged
   * there every two seconds. No answer within `timeoutMs`, or no connection: false.
   */
  async reachable(timeoutMs: number): Promise<boolean> {
    return this.http.reachable(timeoutMs);
  }

  async me(token: string): Promise<Me> {
    return (await this.http.call('GET', 'me', meSchema, { token })).body;
  }

  // --- reads ----------------------------------------------------------------------------------

  async roles(token: string, orgId: string): Promise<Role[]> {
    return (await this.http.call('GET', `orgs/${enc(orgId)}/roles`, roleListSchema, { token })).body.items;
  }

  async listMembers(
    token: string,
    orgId: string,
    query: { since?: string; cursor?: string; limit?: number },
  ): Promise<MemberListPage> {
    return (
      await this.http.call('GET', `orgs/${enc(orgId)}/members`, memberListPageCheck, { token, searchParams: query })
    ).body;
  }

  async getMember(token: string, orgId: string, memberId: string): Promise<Member> {
    return (await this.http.call('GET', `orgs/${enc(orgId)}/members/${enc(memberId)}`, memberSchema, { token })).body;
  }

  /** The server's audit log, newest first (`members.read`). */
  async audit(token: string, orgId: string, query: Partial<AuditQuery>): Promise<AuditPage> {
    const { action, ...rest } = query;
    return (
      await this.http.call('GET', `orgs/${enc(orgId)}/audit`, auditPageSchema, {
        token,
        searchParams: { ...rest, action },
      })
    ).body;
  }

  async lookupEmail(token: string, orgId: string, email: string): Promise<EmailLookup> {
    return (
      await this.http.call('GET', `orgs/${enc(orgId)}/users/lookup`, emailLookupSchema, {
        token,
        searchParams: { email },
      })
    ).body;
  }

  // --- changes (always with an Idempotency-Key) -----------------------------------------------

  async invite(token: string, orgId: string, body: { email: string; roleId: string }, key: string): Promise<Member> {
    return (
      await this.http.call('POST', `orgs/${enc(orgId)}/invitations`, memberSchema, {
        token,
        json: body,
        idempotencyKey: key,
      })
    ).body;
  }

  async resendInvite(token: string, orgId: string, invitationId: string, key: string): Promise<Member> {
    return (
      await this.http.call('POST', `orgs/${enc(orgId)}/invitations/${enc(invitationId)}/resend`, memberSchema, {
        token,
        idempotencyKey: key,
      })
    ).body;
  }

  async cancelInvite(token: string, orgId: string, invitationId: string, key: string): Promise<void> {
    await this.http.call('DELETE', `orgs/${enc(orgId)}/invitations/${enc(invitationId)}`, null, {
      token,
      idempotencyKey: key,
    });
  }

  async createMember(
    token: string,
    orgId: string,
    body: { email: string; name: string; roleId: string; temporaryPassword: string },
    key: string,
  ): Promise<Member> {
    return (
      await this.http.call('POST', `orgs/${enc(orgId)}/members`, memberSchema, {
        token,
        json: body,
        idempotencyKey: key,
      })
    ).body;
  }

  async setPassword(token: string, orgId: string, memberId: string, password: string, key: string): Promise<void> {
    await this.http.call('PUT', `orgs/${enc(orgId)}/members/${enc(memberId)}/password`, null, {
      token,
      json: { password },
      idempotencyKey: key,
    });
  }

  async changeRole(
    token: string,
    orgId: string,
    memberId: string,
    roleId: string,
    version: number,
    key: string,
  ): Promise<Member> {
    return (
      await this.http.call('PATCH', `orgs/${enc(orgId)}/members/${enc(memberId)}`, memberSchema, {
        token,
        json: { roleId },
        idempotencyKey: key,
        ifMatch: versionEtag(version),
      })
    ).body;
  }

  async removeMember(token: string, orgId: string, memberId: string, key: string): Promise<void> {
    await this.http.call('DELETE', `orgs/${enc(orgId)}/members/${enc(memberId)}`, null, { token, idempotencyKey: key });
  }
}

export function passwordChangeToken(error: NexusApiError): string | null {
  const parsed = passwordChangeRequiredSchema.safeParse(error.body);
  return parsed.success ? parsed.data.passwordChangeToken : null;
}

/** `already_invited` and `version_mismatch` problems carry the current member. */
export function memberFromProblem(error: NexusApiError): Member | null {
  const body = error.body ?? {};
  for (const candidate of [body.member, body.current, body]) {
    const parsed = memberSchema.safeParse(candidate);
    if (parsed.success) return parsed.data;
  }
  return null;
}
