import type { ColumnMapping } from './import-formats';
import type { ParsedCsv } from './parse-csv';

/** One row of the file as the admin sees and edits it in the preview (cells already trimmed). */
export interface ImportRow {
  /** The file's line the row starts on: how the preview, the problems and the results name it. */
  line: number;
  email: string;
  name: string;
  role: string;
  password: string;
  /** Google's `Change Password at Next Sign-In`: false where the file says FALSE. */
  changePasswordAtNextSignIn: boolean | null;
  /** Entra's `Block sign in (Yes/No)`: true where the file says Yes. */
  blockSignIn: boolean | null;
  /** Spaces that were trimmed, and similar quiet repairs, in plain words. */
  notes: string[];
}

const FALSE_WORDS = new Set(['false', 'no', 'n', '0', 'off']);
const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 'on']);

function parseFlag(value: string): boolean | null {
  const word = value.trim().toLowerCase();
  if (FALSE_WORDS.has(word)) return false;
  if (TRUE_WORDS.has(word)) return true;
  return null;
}

/**
 * A spreadsheet cell may hold line breaks (Alt+Enter in Excel) or tabs: a name is one line, so
 * every run of white space becomes one space — what the preview's one-line field shows is what
 * the server gets.
 */
function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/** Cells through the mapping; first + last name make the name where the file has no full name. */
export function toImportRows(parsed: Pick<ParsedCsv, 'rows'>, mapping: ColumnMapping): ImportRow[] {
  const cell = (cells: string[], index: number | null) => (index === null ? '' : (cells[index] ?? ''));
  return parsed.rows.map(({ line, cells }) => {
    const notes: string[] = [];
    const password = cell(cells, mapping.password);
    if (password !== password.trim()) notes.push('Spaces before or after the password were removed.');
    const rawNames = [mapping.name, mapping.firstName, mapping.lastName].map((index) => cell(cells, index));
    if (rawNames.some((value) => /[\r\n\t]/.test(value.trim())))
      notes.push('Line breaks in the name were replaced by spaces.');
    const [fullName, firstName, lastName] = rawNames.map(oneLine) as [string, string, string];
    const joined = [firstName, lastName].filter(Boolean).join(' ');
    return {
      line,
      email: cell(cells, mapping.email).trim(),
      name: fullName || joined,
      role: cell(cells, mapping.role).trim(),
      password: password.trim(),
      changePasswordAtNextSignIn:
        mapping.changePasswordAtNextSignIn === null ? null : parseFlag(cell(cells, mapping.changePasswordAtNextSignIn)),
      blockSignIn: mapping.blockSignIn === null ? null : parseFlag(cell(cells, mapping.blockSignIn)),
      notes,
    };
  });
}
