import { describe, expect, it } from 'vitest';
import { toImportRows } from './import-rows';

const mapping = {
  email: 0,
  name: 1,
  firstName: null,
  lastName: null,
  role: null,
  password: null,
  changePasswordAtNextSignIn: null,
  blockSignIn: null,
};

describe('toImportRows', () => {
  it('makes a name with line breaks or tabs one line, as the preview field shows it, and says so', () => {
    const [row] = toImportRows(
      { rows: [{ line: 2, cells: ['multi.line@import.acme.test', ' Multi "Line\r\nName"\t Jr. '] }] },
      mapping,
    );
    expect(row!.name).toBe('Multi "Line Name" Jr.');
    expect(row!.notes).toContain('Line breaks in the name were replaced by spaces.');
  });

  it('joins first and last names that hold line breaks into one line', () => {
    const [row] = toImportRows(
      { rows: [{ line: 3, cells: ['zoe@import.acme.test', '', 'Zoë\nAnne', '  Ольга  '] }] },
      { ...mapping, firstName: 2, lastName: 3 },
    );
    expect(row!.name).toBe('Zoë Anne Ольга');
  });

  it('leaves a plain name alone, with no note', () => {
    const [row] = toImportRows({ rows: [{ line: 2, cells: ['wang.fang@import.acme.test', ' 王芳 '] }] }, mapping);
    expect(row!.name).toBe('王芳');
    expect(row!.notes).toEqual([]);
  });
});
