import { describe, expect, it } from 'vitest';
import { consoleTemplate, csvCell, csvDocument } from './csv-write';
import { parseCsv } from './parse-csv';
import { readImportFile } from './read-import-file';

describe('CSV the console writes', () => {
  it('cells a spreadsheet would run as a formula start with a quote', () => {
    expect(['=cmd', '+1', '-2+3', '@SUM(A1)', '\tx', 'plain', '3-4'].map(csvCell)).toEqual([
      "'=cmd",
      "'+1",
      "'-2+3",
      "'@SUM(A1)",
      `"'\tx"`,
      'plain',
      '3-4',
    ]);
  });

  it('BOM, CRLF, quoting; reads back through the import parser unchanged', () => {
    const text = csvDocument(
      ['email', 'name'],
      [
        ['a@x.test', 'Lima, Ana'],
        ['b@x.test', 'Say "hi"\nthere'],
        ['c@x.test', 'Zoë 陈静'],
      ],
    );
    expect(text.startsWith('\uFEFFemail,name\r\n')).toBe(true);
    const parsed = parseCsv(new TextEncoder().encode(text));
    expect(parsed.encoding).toBe('utf-8-bom');
    expect(parsed.rows.map((row) => row.cells[1])).toEqual(['Lima, Ana', 'Say "hi"\nthere', 'Zoë 陈静']);
  });

  it('Download template imports as it is, as the console format', () => {
    const file = readImportFile(new TextEncoder().encode(consoleTemplate({ member: 'Member', admin: 'Admin' })));
    expect(file.recognised.format).toBe('console');
    expect(file.rows.map((row) => [row.email, row.role, row.password])).toEqual([
      ['ana.lima@example.com', 'Member', ''],
      ['kenji.sato@example.com', 'Admin', ''],
    ]);
  });
});
