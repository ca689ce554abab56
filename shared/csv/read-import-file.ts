import { recogniseFormat, type ColumnMapping, type RecognisedFormat } from './import-formats';
import { toImportRows, type ImportRow } from './import-rows';
import { parseCsv, type ParsedCsv } from './parse-csv';

export interface ImportFile {
  parsed: ParsedCsv;
  recognised: RecognisedFormat;
  /** Rows through the recognised (or guessed) mapping; re-made with `toImportRows` after the mapping step. */
  rows: ImportRow[];
}

/** Bytes of the chosen file → recognised format and rows. Throws CsvFileError with a sentence. */
export function readImportFile(bytes: Uint8Array): ImportFile {
  const parsed = parseCsv(bytes);
  const sample = parsed.rows.slice(0, 50).map((row) => row.cells);
  const recognised = recogniseFormat(parsed.header, parsed.versionLine, sample);
  return { parsed, recognised, rows: toImportRows(parsed, recognised.mapping) };
}

/** The mapping step is needed when the file follows no known template or no email column was found. */
export function needsMapping(recognised: RecognisedFormat): boolean {
  return recognised.format === 'custom' || recognised.mapping.email === null;
}

export function remap(file: ImportFile, mapping: ColumnMapping): ImportFile {
  return { ...file, recognised: { ...file.recognised, mapping }, rows: toImportRows(file.parsed, mapping) };
}
