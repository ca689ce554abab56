import { Text } from '@mantine/core';
import { encodingLabels } from '../../../../shared/csv/decode-text';
import { delimiterLabels } from '../../../../shared/csv/parse-csv';
import type { ImportFile } from '../../../../shared/csv/read-import-file';

/** The chosen file as the console read it: name, encoding, delimiter, rows (the mapping and preview steps). */
export function ImportFileLine({ file }: { file: ImportFile & { fileName: string } }) {
  const rows = file.rows.length;
  return (
    <Text size="sm" c="dimmed" data-testid="import-file-line">
      {file.fileName} · {encodingLabels[file.parsed.encoding]} · {delimiterLabels[file.parsed.delimiter]}-separated ·{' '}
      {rows.toLocaleString('en')} {rows === 1 ? 'row' : 'rows'}
    </Text>
  );
}
