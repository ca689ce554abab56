import { redactText } from '../logger';

/** Anything shaped like an email address: local part and domain, no spaces, quotes or separators. */
const EMAIL = /[^\s"'<>()[\]{},;:|=]+@[^\s"'<>()[\]{},;:|=/]+\.[^\s"'<>()[\]{},;:|=/]+/g;

/**
 * The last pass over every file of a diagnostics zip: the logger's secret shapes (bearer values,
 * JWT-like and long opaque strings) and — unless the admin ticked
 * "include member emails" — every email address, replaced by a placeholder.
 */
export function redactForExport(text: string, options: { includeMemberEmails: boolean }): string {
  const redacted = redactText(text);
  return options.includeMemberEmails ? redacted : redacted.replace(EMAIL, '[email]');
}
