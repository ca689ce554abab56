import type { ImportResultItem } from '../../../../shared/contract/imports';
import { csvDocument } from '../../../../shared/csv/csv-write';
import type { CheckedRow } from '../../../../shared/csv/validate-import';
import type { QueuedImportRow, SessionImport } from '../../stores/import-store';

/** One row of an import's results, as shown and as written by **Download results** (never a password). */
export interface ResultLine {
  line: number;
  email: string;
  name: string;
  role: string;
  action: string;
  result: 'created' | 'invited' | 'rejected' | 'waiting' | 'discarded' | 'not queued';
  reason: string;
}

function outcome(row: QueuedImportRow, item: ImportResultItem | undefined): Pick<ResultLine, 'result' | 'reason'> {
  if (!item || item.state === 'queued' || item.state === 'sending')
    return { result: 'waiting', reason: 'Waiting to be sent' };
  if (item.state === 'done') {
    // The entry's kind as it was sent: a refused create may have gone out as an invitation
    // (Invite instead, under Pending changes), and the results must not say "created".
    const sent = item.kind ?? row.action;
    const reason =
      sent === row.action
        ? ''
        : sent === 'invite'
          ? 'Sent as an invitation instead (changed under Pending changes).'
          : 'Created directly instead (changed under Pending changes).';
    return { result: sent === 'create' ? 'created' : 'invited', reason };
  }
  if (item.state === 'needs_attention')
    return { result: 'rejected', reason: item.error?.message ?? 'Rejected by the server' };
  return { result: 'discarded', reason: 'Discarded under Pending changes' };
}

/** Why a row of the preview was not queued, as its import's record keeps it. */
export function notQueuedReason(row: CheckedRow): string {
  return row.skip ? 'Left out' : row.problems.map((problem) => problem.message).join(' ');
}

/** What a result line shows of the file's row, queued or not. */
function rowColumns(row: SessionImport['queued'][number] | SessionImport['notQueued'][number]) {
  return {
    line: row.line,
    email: row.email,
    name: row.name,
    role: row.roleName,
    action: row.action === 'create' ? 'Create' : 'Invite',
  };
}

/** Every row of one queued file, by line: the queued ones with how they ended, then those not queued. */
export function resultLines(queuedFile: SessionImport, results: Map<string, ImportResultItem>): ResultLine[] {
  return [
    ...queuedFile.queued.map((row) => ({ ...rowColumns(row), ...outcome(row, results.get(row.outboxId)) })),
    ...queuedFile.notQueued.map((row) => ({
      ...rowColumns(row),
      result: 'not queued' as const,
      reason: row.reason,
    })),
  ].sort((a, b) => a.line - b.line);
}

export function countResults(lines: ResultLine[]): Record<ResultLine['result'], number> {
  const counts = { created: 0, invited: 0, rejected: 0, waiting: 0, discarded: 0, 'not queued': 0 };
  for (const line of lines) counts[line.result]++;
  return counts;
}

const COLUMNS = ['line', 'email', 'name', 'role', 'action', 'result', 'reason'];
const cells = (l: ResultLine) => [l.line, l.email, l.name, l.role, l.action, l.result, l.reason];

/** **Download results** of one file. */
export function resultsCsv(lines: ResultLine[]): string {
  return csvDocument(COLUMNS, lines.map(cells));
}

/** **Download all results**: every listed file, newest first, each row naming its file. */
export function allResultsCsv(files: { fileName: string; queuedAt: string; lines: ResultLine[] }[]): string {
  return csvDocument(
    ['file', 'queued at', ...COLUMNS],
    files.flatMap((file) => file.lines.map((line) => [file.fileName, file.queuedAt, ...cells(line)])),
  );
}

/** `import-results-<file>-<yyyy-mm-dd-hh-mm>.csv`, the file name cut to what a file system takes. */
export function resultsFileName(fileName: string | null, at = new Date()): string {
  const base = fileName
    ? `-${fileName
        .replace(/\.[^.]*$/, '')
        .replace(/[^\p{L}\p{N}._-]+/gu, '-')
        .slice(0, 60)}`
    : '';
  return `import-results${base}-${at.toISOString().slice(0, 16).replace(/[:T]/g, '-')}.csv`;
}
