import type { Handler } from './context';
import { Router } from './http/router';
import { changePassword, getMe, refresh, signIn, signOut } from './auth/routes';
import { deleteInvitation, invite, resendInvitation } from './invitations/admin-routes';
import { getInvitation, postAcceptInvitation } from './invitations/public-routes';
import { changeRole, createMember, removeMember, setMemberPassword } from './members/change-routes';
import { getMember, getRoles, listMembers, lookupUser } from './members/read-routes';
import { listAudit } from './audit/audit-routes';

export interface ApiRoute {
  handler: Handler;
  /** `public` routes take no bearer token (sign-in, refresh, invitee side). */
  auth: 'bearer' | 'public';
  /** Mutations whose successful response is stored under their Idempotency-Key (all but sign-in). */
  idempotent: boolean;
}

const bearer = (handler: Handler, idempotent = true): ApiRoute => ({ handler, auth: 'bearer', idempotent });
const open = (handler: Handler, idempotent = true): ApiRoute => ({ handler, auth: 'public', idempotent });

/** Reachability for clients (nexus-api.md, Conventions): no token, no body, nothing changes. */
const health: Handler = () => ({ status: 204 });

/** Every call of nexus-api.md, relative to /api/v1. */
export function apiRouter(): Router<ApiRoute> {
  return new Router<ApiRoute>()
    .add('GET', '/health', open(health))
    .add('POST', '/auth/sessions', open(signIn, false))
    .add('POST', '/auth/password-change', open(changePassword))
    .add('POST', '/auth/refresh', open(refresh))
    .add('DELETE', '/auth/sessions/current', bearer(signOut))
    .add('GET', '/me', bearer(getMe))
    .add('GET', '/orgs/:orgId/roles', bearer(getRoles))
    .add('GET', '/orgs/:orgId/members', bearer(listMembers))
    .add('POST', '/orgs/:orgId/members', bearer(createMember))
    .add('GET', '/orgs/:orgId/members/:memberId', bearer(getMember))
    .add('PATCH', '/orgs/:orgId/members/:memberId', bearer(changeRole))
    .add('DELETE', '/orgs/:orgId/members/:memberId', bearer(removeMember))
    .add('PUT', '/orgs/:orgId/members/:memberId/password', bearer(setMemberPassword))
    .add('GET', '/orgs/:orgId/users/lookup', bearer(lookupUser))
    .add('POST', '/orgs/:orgId/invitations', bearer(invite))
    .add('POST', '/orgs/:orgId/invitations/:invitationId/resend', bearer(resendInvitation))
    .add('DELETE', '/orgs/:orgId/invitations/:invitationId', bearer(deleteInvitation))
    .add('GET', '/orgs/:orgId/audit', bearer(listAudit))
    .add('GET', '/invitations/:token', open(getInvitation))
    .add('POST', '/invitations/:token/accept', open(postAcceptInvitation));
}
