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
/**
 * Why a text failed `emailSchema`, in plain words, where the cause is a common one; else null.
 * It decides nothing: the schema above is the rule, this only explains a failure of it (the
 * schema's syntax allows only ASCII, so "rené@…" fails with nothing saying why).
 */
export function emailSyntaxHint(text: string): string | null {
  const outside = /[^ -~]/u.exec(text.trim())?.[0];
  if (outside === undefined) return null;
  const accented = /\p{M}/u.test(outside.normalize('NFD'));
  return accented
    ? `accented letters like “${outside}” are not allowed in an address.`
    : `“${outside}” is not allowed in an address (only the letters a–z, digits and . _ - + ' are).`;
}
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
