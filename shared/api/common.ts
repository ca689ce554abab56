import { z } from 'zod';
import { FIELD_MAX } from '../field-limits';

export const API_BASE_PATH = '/api/v1';

export const idSchema = z.string().min(1).max(200);
export const isoDateTimeSchema = z.iso.datetime({ offset: true });
/** Emails are compared and stored lower-cased and trimmed. */
export const emailSchema = z
  .string()
  .trim()
  .max(FIELD_MAX.email)
  .toLowerCase()
  .pipe(z.email({ message: 'Enter a valid email address, for example ana@example.com' }));
export const nameSchema = z.string().trim().max(FIELD_MAX.name);

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const idempotencyKeySchema = z.string().min(1).max(255);

/** `ETag: "v<version>"` carries a member's optimistic-concurrency version. */
export function versionEtag(version: number): string {
  return `"v${version}"`;
}
export function parseVersionEtag(etag: string | null | undefined): number | null {
  const match = /^(?:W\/)?"v(\d+)"$/.exec(etag?.trim() ?? '');
  return match ? Number(match[1]) : null;
}
