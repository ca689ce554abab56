import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CsvFileError, parseCsv } from './parse-csv';
import { readImportFile } from './read-import-file';

const fixture = (name: string) => new Uint8Array(readFileSync(join(import.meta.dirname, 'fixtures', name)));
const bytes = (text: string) => new TextEncoder().encode(text);

describe('parseCsv: what real files look like', () => {
  it('UTF-8 with a BOM, semicolons, CRLF, a quoted semicolon and non-Latin names', () => {
    const parsed = parseCsv(fixture('semicolon-european.csv'));
    expect(parsed.encoding).toBe('utf-8-bom');
    expect(parsed.delimiter).toBe(';');
    expect(parsed.header).toEqual(['E-Mail', 'Name', 'Rolle']);
    expect(parsed.rows.map((row) => row.cells[1])).toEqual(['Zoë Müller', '陈静', 'Ольга; Иванова', 'ياسمين حداد']);
  });

  it('Excel "Unicode text": UTF-16 LE with a BOM, tab-delimited', () => {
    const parsed = parseCsv(fixture('excel-unicode-text.txt'));
    expect(parsed.encoding).toBe('utf-16le');
    expect(parsed.delimiter).toBe('\t');
    expect(parsed.rows[1]!.cells).toEqual(['sakura.ito@import.acme.test', '伊藤さくら', 'Admin']);
  });

  it('UTF-16 BE with a BOM', () => {
    const parsed = parseCsv(fixture('utf16be.csv'));
    expect(parsed.encoding).toBe('utf-16be');
    expect(parsed.rows[0]!.cells).toEqual(['be.user@import.acme.test', 'Bé User']);
  });

  it('UTF-16 LE without a BOM is still recognised', () => {
    const text = 'email,name\nno.bom@import.acme.test,Ünïcode\n';
    const buffer = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) {
      buffer[i * 2] = text.charCodeAt(i) & 0xff;
      buffer[i * 2 + 1] = text.charCodeAt(i) >> 8;
    }
    const parsed = parseCsv(buffer);
    expect(parsed.encoding).toBe('utf-16le');
    expect(parsed.rows[0]!.cells[1]).toBe('Ünïcode');
  });

  it('plain UTF-8 without a BOM, and Windows-1252 when the bytes are not UTF-8', () => {
    expect(parseCsv(fixture('quoted-multiline.csv')).encoding).toBe('utf-8');
    const cp1252 = parseCsv(fixture('windows-1252.csv'));
    expect(cp1252.encoding).toBe('windows-1252');
    expect(cp1252.rows[0]!.cells[1]).toBe('Renée Café');
  });

  it('quoted fields with commas, doubled quotes and line breaks; lines counted across them', () => {
    const parsed = parseCsv(fixture('quoted-multiline.csv'));
    expect(parsed.delimiter).toBe(',');
    expect(parsed.rows.map((row) => row.cells[1])).toEqual([
      'Lima, Ana',
      'Dwayne "The Rock" Johnson',
      'Line\nBreak',
      'After Break',
    ]);
    expect(parsed.rows.map((row) => row.line)).toEqual([2, 3, 4, 6]);
  });

  it('trailing empty columns and rows are dropped, blank rows in between too; spaces kept for the caller', () => {
    const parsed = parseCsv(fixture('trailing-spaces.csv'));
    expect(parsed.header).toEqual(['email', 'name', 'role']);
    expect(parsed.rows).toHaveLength(2);
    expect(parsed.rows[0]!.cells).toEqual(['  spaced.one@import.acme.test  ', '  Spaced One  ', ' Member ']);
    expect(parsed.rows[1]!.line).toBe(4);
  });

  it('LF and CRLF give the same rows', () => {
    const lf = parseCsv(bytes('email,name\na@x.test,A\nb@x.test,B\n'));
    const crlf = parseCsv(bytes('email,name\r\na@x.test,A\r\nb@x.test,B\r\n'));
    expect(crlf.rows).toEqual(lf.rows);
  });

  it('Entra version line, as Excel pads it, is taken off before the header', () => {
    const parsed = parseCsv(fixture('entra-bulk-create.csv'));
    expect(parsed.versionLine).toBe('version:v1.0');
    expect(parsed.header[0]).toBe('Name [displayName] Required');
    expect(parsed.rows[0]!.line).toBe(3);
  });

  it('bad files: a clear sentence, nothing parsed', () => {
    expect(() => parseCsv(new Uint8Array())).toThrow(CsvFileError);
    expect(() => parseCsv(bytes('\n,,,\n'))).toThrow('no header row');
    expect(() => parseCsv(fixture('unclosed-quote.csv'))).toThrow(/quoted field is not closed \(row 2\)/);
    expect(() => parseCsv(new Uint8Array(21 * 1024 * 1024))).toThrow(/up to 20 MB/);
  });

  it('hostile input: formulas stay text, a 200,000-character field is read whole', () => {
    const parsed = parseCsv(fixture('hostile.csv'));
    expect(parsed.rows[0]!.cells[1]).toBe("=cmd|' /C calc'!A0");
    expect(parsed.rows[3]!.cells[1]).toHaveLength(200_000);
    expect(parsed.rows[4]!.cells[1]).toBe('<img src=x onerror=alert(1)>');
  });

  it('10,000 rows', () => {
    const file = readImportFile(fixture('cohort-10000.csv'));
    expect(file.rows).toHaveLength(10_000);
    expect(file.rows[9_999]).toMatchObject({ line: 10_001, email: 'student09999@cohort.acme.test', password: '' });
    expect(file.rows[0]!.password).toBe('Cohort-Term-00000-Walnut-Anchor');
  });
});
