import type { ConsoleErrorShape } from '../../../shared/contract/errors';

/**
 * A sentence that says what happened and what to do next. Core's messages are already written for
 * the admin; a few codes get a friendlier wording with context only the screen knows.
 */
export function errorMessage(error: ConsoleErrorShape, context: { serverUrl?: string } = {}): string {
  switch (error.code) {
    case 'invalid_credentials':
      return 'The email or password is not right. Check both and try again.';
    case 'server_unreachable':
      return `Can't reach ${context.serverUrl ?? 'the server'}. Check the address and your network connection, then try again.`;
    case 'rate_limited':
    case 'too_many_requests':
      return error.retryAfterSeconds !== undefined
        ? `Too many attempts. Wait ${formatWait(error.retryAfterSeconds)} and try again.`
        : 'Too many attempts. Wait a moment and try again.';
    case 'missing_permission':
      return error.message || "Your role doesn't allow this change. Ask an owner of the org to do it.";
    default:
      return error.message;
  }
}

export function formatWait(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  if (s < 60) return `${s} second${s === 1 ? '' : 's'}`;
  const minutes = Math.ceil(s / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/**
 * Field errors from core keyed by path (`email`, `changes.roleId`, …), for showing under each field
 * (`form.setErrors`). `under` names the input's object the form's fields sit in (`changes` for
 * `outbox.edit`), so `changes.roleId` lands on the form's `roleId`. The first error of a field wins.
 */
export function fieldErrors(error: ConsoleErrorShape, under = ''): Record<string, string> {
  const out: Record<string, string> = {};
  const prefix = under ? `${under}.` : '';
  for (const field of error.fields ?? []) {
    const path = prefix && field.path.startsWith(prefix) ? field.path.slice(prefix.length) : field.path;
    out[path] ??= field.message;
  }
  return out;
}
