import { z } from 'zod';
import { memberSchema, type Member } from '../../../shared/api';
import { listRowToMember } from './list-row';

/** How a member is stored in cache.db's members table, and read back. */
const memberRowSchema = z.object({
  id: z.string(),
  org_id: z.string(),
  user_id: z.string(),
  email: z.string(),
  name: z.string(),
  role_id: z.string(),
  status: z.string(),
  origin: z.string(),
  must_change_password: z.number().int(),
  invitation_json: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  last_sign_in_at: z.string().nullable(),
  version: z.number().int(),
  work_json: z.string(),
  local: z.number().int(),
});

export interface CachedMember {
  member: Member;
  orgId: string;
  local: boolean;
}

/** A row read back with every column checked (single reads before a change); list pages use listRowToMember alone. */
export function rowToMember(raw: unknown): CachedMember {
  const cached = listRowToMember(memberRowSchema.parse(raw));
  return { ...cached, member: memberSchema.parse(cached.member) };
}

export const sortName = (member: Pick<Member, 'name' | 'email'>): string =>
  (member.name.trim() || member.email).toLowerCase();

/** A member as the CSV export reads it, in this column order. */
export type ExportedMember = [
  email: string,
  name: string,
  roleId: string,
  status: 'active' | 'invited' | 'removed',
  origin: 'invitation' | 'admin_created',
  mustChangePassword: number,
  invitationExpiresAt: string | null,
  createdAt: string,
  lastSignInAt: string | null,
];

/** Positional parameters: binding 19 named ones per row was a visible part of a full sync. */
export const UPSERT_MEMBER_SQL = `
  INSERT INTO members (id, org_id, user_id, email, name, sort_name, role_id, status, origin, must_change_password,
    invitation_json, invitation_expires_at, created_at, updated_at, last_sign_in_at, version, work_json, local, generation)
  VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
  ON CONFLICT(id) DO UPDATE SET org_id = excluded.org_id, user_id = excluded.user_id, email = excluded.email,
    name = excluded.name, sort_name = excluded.sort_name, role_id = excluded.role_id, status = excluded.status,
    origin = excluded.origin, must_change_password = excluded.must_change_password,
    invitation_json = excluded.invitation_json, invitation_expires_at = excluded.invitation_expires_at,
    created_at = excluded.created_at, updated_at = excluded.updated_at, last_sign_in_at = excluded.last_sign_in_at,
    version = excluded.version, work_json = excluded.work_json, local = excluded.local, generation = excluded.generation`;

/** The parameters of UPSERT_MEMBER_SQL, in its column order. */
export function memberRowValues(orgId: string, member: Member, local: boolean, generation: number): unknown[] {
  return [
    member.id,
    orgId,
    member.userId,
    member.email,
    member.name,
    sortName(member),
    member.roleId,
    member.status,
    member.origin,
    member.mustChangePassword ? 1 : 0,
    member.invitation ? JSON.stringify(member.invitation) : null,
    member.invitation?.expiresAt ?? null,
    member.createdAt,
    member.updatedAt,
    member.lastSignInAt,
    member.version,
    JSON.stringify(member.work),
    local ? 1 : 0,
    generation,
  ];
}
