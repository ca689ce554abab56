import { TEMPLATE_EXAMPLE_ROWS } from './template-examples';

/**
 * Writing CSV the console hands out (exports, results, the template): UTF-8 with a BOM so Excel
 * opens it as UTF-8, CRLF, every field quoted where needed, and cells that a spreadsheet would
 * run as a formula (starting with = + - @, or a tab / carriage return) prefixed with a quote
 * (OWASP "CSV injection").
 */
export const UTF8_BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Anything that makes a cell need the rules below: a formula start, a character that needs
 * quoting, or white space at either end (`\s` is the set `trim()` removes). Most cells have
 * none: one test for them instead of three (600,000 cells in a 100,000-member export).
 */
const NEEDS_CARE = /^[=+\-@\s]|[",\r\n;\t]|\s$/;

export function csvCell(value: string | number | boolean | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (!NEEDS_CARE.test(text)) return text;
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n;\t]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly (string | number | boolean | null | undefined)[]): string {
  return values.map(csvCell).join(',');
}

/** A whole document: BOM, header, rows, CRLF line ends. */
export function csvDocument(
  header: readonly string[],
  rows: Iterable<readonly (string | number | boolean | null | undefined)[]>,
): string {
  const lines = [csvLine(header)];
  for (const row of rows) lines.push(csvLine(row));
  return `${UTF8_BOM}${lines.join('\r\n')}\r\n`;
}

/**
 * The console's own template (what **Download template** gives): it imports as it is. No sample
 * password: a password printed in a template would end up on real accounts. Its example rows
 * come from template-examples.ts, which the import also uses to flag them when left in.
 */
export function consoleTemplate(roleNames: { member: string; admin: string }): string {
  return csvDocument(
    ['email', 'name', 'role', 'password'],
    TEMPLATE_EXAMPLE_ROWS.map((example) => [example.email, example.name, roleNames[example.role], '']),
  );
}
