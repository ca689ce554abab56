import { z } from 'zod';
import {
  memberListPageSchema,
  type Member,
  type MemberListPage,
  type MemberTombstone,
  type MemberWork,
} from '../../../shared/api';

/**
 * The check of a member list page (`GET orgs/{org}/members`), for NexusHttp.call: the same answer
 * as `memberListPageSchema.safeParse`, for less. zod walks its union and object schemas for each
 * of a page's 1,000 members (≈ 4–5 ms a page, ≈ 0.4–0.5 s of a 100,000-member full sync, on the
 * thread that also answers the console); this hand-written pass checks the same rules field by
 * field and builds the same output (known keys only, in the schema's order).
 *
 * It only ever says yes: whatever it does not accept goes to zod, which decides and says what is
 * wrong, so bad server data is refused exactly as before (NexusResponseError). A test compares
 * both on generated and broken pages (member-page-check.test.ts).
 */

/** `isoDateTimeSchema` (z.iso.datetime({ offset: true })) is this pattern. */
const ISO_DATETIME = z.regexes.datetime({ offset: true });

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** idSchema: a string of 1–200 UTF-16 units. */
const isId = (value: unknown): value is string => typeof value === 'string' && value.length >= 1 && value.length <= 200;

const isIso = (value: unknown): value is string => typeof value === 'string' && ISO_DATETIME.test(value);

/** z.number().int(): a safe integer. */
const isInt = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value);

const isCount = (value: unknown): value is number => isInt(value) && value >= 0;

function checkWork(raw: unknown): MemberWork | null {
  if (!isObject(raw)) return null;
  const { tasks, files, notes } = raw;
  if (!isCount(tasks) || !isCount(files) || !isCount(notes)) return null;
  return { tasks, files, notes };
}

function checkInvitation(raw: unknown): Member['invitation'] | undefined {
  if (raw === null) return null;
  if (!isObject(raw)) return undefined;
  const { id, expiresAt, lastSentAt, sendCount } = raw;
  if (!isId(id) || !isIso(expiresAt) || !isIso(lastSentAt) || !isCount(sendCount)) return undefined;
  return { id, expiresAt, lastSentAt, sendCount };
}

function checkMember(raw: Record<string, unknown>): Member | null {
  const { id, userId, email, name, roleId, status, origin, mustChangePassword, createdAt, updatedAt } = raw;
  const { lastSignInAt, version } = raw;
  if (!isId(id) || !isId(userId) || typeof email !== 'string' || typeof name !== 'string' || !isId(roleId)) return null;
  if (status !== 'invited' && status !== 'active' && status !== 'removed') return null;
  if (origin !== 'invitation' && origin !== 'admin_created') return null;
  if (typeof mustChangePassword !== 'boolean' || !isIso(createdAt) || !isIso(updatedAt)) return null;
  if (lastSignInAt !== null && !isIso(lastSignInAt)) return null;
  if (!isInt(version) || version <= 0) return null;
  const invitation = checkInvitation(raw.invitation);
  if (invitation === undefined) return null;
  const work = checkWork(raw.work);
  if (!work) return null;
  return {
    id,
    userId,
    email,
    name,
    roleId,
    status,
    origin,
    mustChangePassword,
    invitation,
    createdAt,
    updatedAt,
    lastSignInAt,
    version,
    work,
  };
}

/** The union's second branch: a member is tried first, as zod's union does. */
function checkTombstone(raw: Record<string, unknown>): MemberTombstone | null {
  const { id, deleted, updatedAt } = raw;
  if (!isId(id) || deleted !== true || !isIso(updatedAt)) return null;
  return { id, deleted, updatedAt };
}

/** The page as memberListPageSchema would give it, or null when this pass cannot say yes. */
export function fastMemberListPage(raw: unknown): MemberListPage | null {
  if (!isObject(raw)) return null;
  const { items, nextCursor, syncToken } = raw;
  if (!Array.isArray(items) || (nextCursor !== null && typeof nextCursor !== 'string')) return null;
  if (typeof syncToken !== 'string') return null;
  const checked: MemberListPage['items'] = new Array<MemberListPage['items'][number]>(items.length);
  for (let at = 0; at < items.length; at++) {
    const item: unknown = items[at];
    if (!isObject(item)) return null;
    const member = checkMember(item) ?? checkTombstone(item);
    if (!member) return null;
    checked[at] = member;
  }
  return { items: checked, nextCursor, syncToken };
}

/** What NexusHttp.call takes as a schema: the fast pass, and zod whenever it does not say yes. */
export const memberListPageCheck = {
  safeParse(raw: unknown): { success: true; data: MemberListPage } | { success: false } {
    const fast = fastMemberListPage(raw);
    if (fast) return { success: true, data: fast };
    return memberListPageSchema.safeParse(raw);
  },
};
