import type { Member, MemberTombstone } from '../../shared/api';
import type { SandboxContext } from '../context';
import { nextSeq } from '../db/schema';
import { notFound } from '../http/problem';

export interface MemberRow {
  id: string;
  org_id: string;
  user_id: string;
  role_id: string;
  status: Member['status'];
  origin: Member['origin'];
  deleted: number;
  created_at: string;
  updated_at: string;
  version: number;
  seq: number;
  work_tasks: number;
  work_files: number;
  work_notes: number;
  email: string;
  name: string;
  must_change_password: number;
  last_sign_in_at: string | null;
  inv_id: string | null;
  inv_expires_at: string | null;
  inv_last_sent_at: string | null;
  inv_send_count: number | null;
}

export const MEMBER_SELECT = `
  SELECT m.*, u.email, u.name, u.must_change_password, u.last_sign_in_at,
    i.id AS inv_id, i.expires_at AS inv_expires_at, i.last_sent_at AS inv_last_sent_at, i.send_count AS inv_send_count
  FROM memberships m
  JOIN users u ON u.id = m.user_id
  LEFT JOIN invitations i ON i.membership_id = m.id AND i.state = 'pending'`;

export function toMember(row: MemberRow): Member {
  return {
    id: row.id,
    userId: row.user_id,
    email: row.email,
    name: row.name,
    roleId: row.role_id,
    status: row.status,
    origin: row.origin,
    mustChangePassword: row.origin === 'admin_created' && row.must_change_password === 1,
    invitation:
      row.status === 'invited' && row.inv_id
        ? {
            id: row.inv_id,
            expiresAt: row.inv_expires_at!,
            lastSentAt: row.inv_last_sent_at!,
            sendCount: row.inv_send_count!,
          }
        : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastSignInAt: row.last_sign_in_at,
    version: row.version,
    work: { tasks: row.work_tasks, files: row.work_files, notes: row.work_notes },
  };
}

export function toTombstone(row: Pick<MemberRow, 'id' | 'updated_at'>): MemberTombstone {
  return { id: row.id, deleted: true, updatedAt: row.updated_at };
}

export function findMemberRow(ctx: SandboxContext, orgId: string, memberId: string): MemberRow | undefined {
  return ctx.db.prepare(`${MEMBER_SELECT} WHERE m.org_id = ? AND m.id = ?`).get(orgId, memberId) as
    MemberRow | undefined;
}

/** A visible (not tombstoned) member of this org, else 404: other orgs' ids look exactly like unknown ones. */
export function getMemberRow(ctx: SandboxContext, orgId: string, memberId: string): MemberRow {
  const row = findMemberRow(ctx, orgId, memberId);
  if (!row || row.deleted) throw notFound('member');
  return row;
}

export function findMemberRowByUser(ctx: SandboxContext, orgId: string, userId: string): MemberRow | undefined {
  return ctx.db.prepare(`${MEMBER_SELECT} WHERE m.org_id = ? AND m.user_id = ?`).get(orgId, userId) as
    MemberRow | undefined;
}

export function loadMember(ctx: SandboxContext, orgId: string, memberId: string): Member {
  return toMember(getMemberRow(ctx, orgId, memberId));
}

/**
 * Every change to what a member looks like moves it to the end of the change sequence (delta
 * sync) and stamps updatedAt; admin-visible changes also bump the optimistic-concurrency version.
 */
export function touchMembership(ctx: SandboxContext, membershipId: string, bumpVersion = true): void {
  ctx.db
    .prepare(`UPDATE memberships SET updated_at = ?, seq = ?, version = version + ? WHERE id = ?`)
    .run(ctx.now().toISOString(), nextSeq(ctx.db), bumpVersion ? 1 : 0, membershipId);
}

export function touchUserMemberships(ctx: SandboxContext, userId: string, bumpVersion: boolean): void {
  const rows = ctx.db.prepare('SELECT id FROM memberships WHERE user_id = ?').all(userId) as { id: string }[];
  for (const row of rows) touchMembership(ctx, row.id, bumpVersion);
}
