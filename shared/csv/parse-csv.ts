import Papa from 'papaparse';
import { decodeCsvBytes, type CsvEncoding } from './decode-text';

/** Larger files are refused with a clear error before parsing (a cohort is not 50 MB). */
export const CSV_MAX_BYTES = 20 * 1024 * 1024;
export const CSV_MAX_ROWS = 50_000;

export type CsvDelimiter = ',' | ';' | '\t' | '|';
export const delimiterLabels: Record<CsvDelimiter, string> = {
  ',': 'comma',
  ';': 'semicolon',
  '\t': 'tab',
  '|': 'vertical bar',
};

export interface ParsedCsv {
  encoding: CsvEncoding;
  delimiter: CsvDelimiter;
  /** Entra's bulk templates start with `version:v1.0` (Excel saves it as `version:v1.0,,,,`). */
  versionLine: string | null;
  header: string[];
  /** Data rows, each as long as the header; `line` is the 1-based line of the file it starts on. */
  rows: { line: number; cells: string[] }[];
}

export class CsvFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvFileError';
  }
}

const VERSION_LINE = /^\uFEFF?\s*"?(version:v\d+(?:\.\d+)*)"?\s*[,;\t|]*\s*$/i;

/** Splits off the first physical line (any of CRLF, LF, CR). */
function firstLine(text: string): { line: string; rest: string } {
  const match = /\r\n|\n|\r/.exec(text);
  return match
    ? { line: text.slice(0, match.index), rest: text.slice(match.index + match[0].length) }
    : { line: text, rest: '' };
}

const isBlank = (cells: string[]) => cells.every((cell) => cell.trim() === '');

/**
 * Reads a CSV (or tab-separated) file entirely in memory with papaparse: delimiter guessed
 * among comma, semicolon, tab and bar; quoted fields with delimiters, quotes and line breaks;
 * blank rows and trailing empty columns dropped. Cells keep their spaces (the caller trims and
 * says so where it matters).
 */
export function parseCsv(bytes: Uint8Array): ParsedCsv {
  if (bytes.length === 0) throw new CsvFileError('The file is empty.');
  if (bytes.length > CSV_MAX_BYTES)
    throw new CsvFileError(
      `The file is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; files up to 20 MB can be imported. Split it into smaller files.`,
    );
  const { text: decoded, encoding } = decodeCsvBytes(bytes);
  let text = decoded.replace(/^\uFEFF/, '');
  let versionLine: string | null = null;
  let skippedLines = 0;
  const first = firstLine(text);
  const version = VERSION_LINE.exec(first.line);
  if (version) {
    versionLine = version[1]!;
    text = first.rest;
    skippedLines = 1;
  }
  const result = Papa.parse<string[]>(text, {
    header: false,
    delimiter: '',
    delimitersToGuess: [',', ';', '\t', '|'],
    skipEmptyLines: false,
  });
  const fatal = result.errors.find((error) => error.type === 'Quotes');
  if (fatal) {
    const row = (fatal.row ?? 0) + 1 + skippedLines;
    throw new CsvFileError(`A quoted field is not closed (row ${row}): check for a stray " in the file.`);
  }
  const delimiter = (result.meta.delimiter || ',') as CsvDelimiter;
  // Line numbers: papaparse gives rows, not lines; a quoted field may span lines, so count them.
  const records: { line: number; cells: string[] }[] = [];
  let line = 1 + skippedLines;
  for (const cells of result.data) {
    records.push({ line, cells });
    line += 1 + cells.reduce((sum, cell) => sum + (cell.match(/\r\n|\n|\r/g)?.length ?? 0), 0);
  }
  const nonBlank = records.filter((record) => !isBlank(record.cells));
  if (nonBlank.length === 0) throw new CsvFileError('The file has no header row.');
  const [headerRecord, ...dataRecords] = nonBlank;
  if (dataRecords.length > CSV_MAX_ROWS)
    throw new CsvFileError(
      `The file has ${dataRecords.length.toLocaleString('en')} rows; up to ${CSV_MAX_ROWS.toLocaleString('en')} can be imported at once.`,
    );
  // Trailing empty columns (Excel pads rows with delimiters): the widest column anyone filled.
  let width = 0;
  for (const record of nonBlank) {
    for (let i = record.cells.length - 1; i >= width; i--) {
      if (record.cells[i]!.trim() !== '') {
        width = i + 1;
        break;
      }
    }
  }
  const fit = (cells: string[]) => Array.from({ length: width }, (_, i) => cells[i] ?? '');
  return {
    encoding,
    delimiter,
    versionLine,
    header: fit(headerRecord!.cells).map((cell) => cell.trim()),
    rows: dataRecords.map((record) => ({ line: record.line, cells: fit(record.cells) })),
  };
}
