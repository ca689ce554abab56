import type { z } from 'zod';
import { emailSchema } from '../../../shared/api/common';
import type { importQueueInputSchema } from '../../../shared/contract/imports';
import { CSV_MAX_ROWS } from '../../../shared/csv/parse-csv';
import { FIELD_MAX } from '../../../shared/field-limits';

type QueueInput = z.output<typeof importQueueInputSchema>;
type QueueRow = QueueInput['rows'][number];

/**
 * The check of `import.queue`'s input, for the dispatcher: the same answer as
 * `importQueueInputSchema.safeParse(sanitize(input))`, for less. zod walks its object schema for
 * each of up to 50,000 rows, after `sanitize` copied them (≈ 70–100 ms for 10,000 rows, on the
 * thread that also answers the console); this pass checks the same rules field by field and
 * builds the same output (known keys only), leaving the email's rules to `emailSchema` itself.
 *
 * It only ever says yes: whatever it does not accept (an object that is not plain, a missing or
 * odd field) goes to sanitize + zod, which decide and name what is wrong. A test compares both on
 * generated and broken inputs (import-queue-input.test.ts).
 */

/** Own data only, as `sanitize` copies it: a plain object (JSON, structured clone). */
const isPlain = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

/** A field as `sanitize` + zod read it: its own value, or undefined when it is not its own. */
const own = (object: Record<string, unknown>, key: string): unknown =>
  Object.hasOwn(object, key) ? object[key] : undefined;

const isId = (value: unknown): value is string => typeof value === 'string' && value.length >= 1 && value.length <= 200;

function checkRow(raw: unknown): QueueRow | null {
  if (!isPlain(raw)) return null;
  const line = own(raw, 'line');
  const action = own(raw, 'action');
  const email = own(raw, 'email');
  const name = own(raw, 'name');
  const roleId = own(raw, 'roleId');
  const password = own(raw, 'password');
  const reAdd = own(raw, 'reAdd');
  if (typeof line !== 'number' || !Number.isSafeInteger(line) || line < 1) return null;
  if (action !== 'invite' && action !== 'create') return null;
  if (typeof name !== 'string' || !isId(roleId)) return null;
  const trimmedName = name.trim();
  if (trimmedName.length > FIELD_MAX.name) return null;
  if (password !== undefined && (typeof password !== 'string' || password.length < 1 || password.length > 1024))
    return null;
  // zod keeps a key that is there with no value (`password: undefined`): left to zod.
  if (password === undefined && Object.hasOwn(raw, 'password')) return null;
  if (reAdd !== undefined && typeof reAdd !== 'boolean') return null;
  // Trim, length, lower case and the address pattern: the schema's own rules, not a copy of them.
  const parsedEmail = typeof email === 'string' ? emailSchema.safeParse(email) : null;
  if (!parsedEmail?.success) return null;
  return {
    line,
    action,
    email: parsedEmail.data,
    name: trimmedName,
    roleId,
    ...(password !== undefined && { password }),
    reAdd: reAdd ?? false,
  };
}

/** The input as importQueueInputSchema would give it, or null when this pass cannot say yes. */
export function fastImportQueueInput(raw: unknown): QueueInput | null {
  if (!isPlain(raw)) return null;
  const rows = own(raw, 'rows');
  const hold = own(raw, 'holdForHandover');
  if (!Array.isArray(rows) || rows.length < 1 || rows.length > CSV_MAX_ROWS) return null;
  if (hold !== undefined && typeof hold !== 'boolean') return null;
  const checked = new Array<QueueRow>(rows.length);
  for (let at = 0; at < rows.length; at++) {
    // A hole in a sparse array: zod sees undefined and refuses; so does this pass.
    const row = checkRow(rows[at]);
    if (!row) return null;
    checked[at] = row;
  }
  return { rows: checked, holdForHandover: hold ?? true };
}
