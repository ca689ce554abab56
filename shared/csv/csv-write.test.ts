import fc from 'fast-check';
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

  it('the one-test fast path gives what the full rules give, for any text', () => {
    // The rules as they read, each applied in turn (what csvCell did before its fast path).
    const byTheRules = (text: string) => {
      const guarded = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
      return /[",\r\n;\t]/.test(guarded) || guarded !== guarded.trim() ? `"${guarded.replace(/"/g, '""')}"` : guarded;
    };
    // Every white space trim() knows (NBSP, BOM, line/paragraph separators, ideographic space...).
    const tricky = [
      ...'=+-@\t\r\n";, ',
      '\u00a0',
      '\ufeff',
      '\u2028',
      '\u2029',
      '\u3000',
      '\u1680',
      '\v',
      '\f',
      'a',
      'é',
      '1',
    ];
    const text = fc.oneof(
      fc.string(),
      fc.array(fc.constantFrom(...tricky), { maxLength: 6 }).map((chars) => chars.join('')),
    );
    fc.assert(
      fc.property(text, (value) => csvCell(value) === byTheRules(value)),
      { numRuns: 5000 },
    );
    for (const edge of ['', ' ', '\u00a0x', 'x\u00a0', '\ufeff', 'x\u2028', '-', 'a-b', 'Ana Lima'])
      expect(csvCell(edge)).toBe(byTheRules(edge));
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
