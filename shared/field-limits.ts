/**
 * The longest text each kind of field takes: the contract's zod schemas cap what crosses the
 * boundary, the UI's inputs cap what can be typed or pasted (`maxLength`), from this one table.
 * Generous for real values (RFC 5321 caps an address at 254), far below anything that could
 * weigh on a frame, a query or a log line.
 */
export const FIELD_MAX = {
  email: 254,
  name: 200,
  password: 1024,
  serverUrl: 2000,
  search: 200,
} as const;
