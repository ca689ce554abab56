/**
 * The example people in **Download template** (csv-write.ts `consoleTemplate`). The validator
 * (validate-import.ts) leaves a row with one of these addresses out unless the admin ticks it
 * back in: an untouched template does not fail, and an admin who adds their people under the
 * examples and forgets to delete them does not invite these addresses. One list for both, so a
 * changed example is still caught.
 */
export const TEMPLATE_EXAMPLE_ROWS = [
  { email: 'ana.lima@example.com', name: 'Ana Lima', role: 'member' },
  { email: 'kenji.sato@example.com', name: 'Kenji Sato', role: 'admin' },
] as const satisfies readonly { email: string; name: string; role: 'member' | 'admin' }[];

const exampleEmails: ReadonlySet<string> = new Set(TEMPLATE_EXAMPLE_ROWS.map((row) => row.email));

/** `email` lower-cased and trimmed, as the email rule gives it. */
export const isTemplateExampleEmail = (email: string): boolean => exampleEmails.has(email);
