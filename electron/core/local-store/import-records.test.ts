import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IMPORT_HISTORY_KEPT, IMPORT_HISTORY_ROWS_KEPT } from '../../../shared/contract/imports';
import { createLogger } from '../logger';
import { LocalStore } from './local-store';

const dirs: string[] = [];
function open(): LocalStore {
  const dir = mkdtempSync(join(tmpdir(), 'nexus-import-records-'));
  dirs.push(dir);
  return new LocalStore(
    dir,
    createLogger(() => {}),
  );
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

let clock = Date.parse('2026-12-01T00:00:00Z');
function add(local: LocalStore, id: string, rows: number, orgId = 'org_acme') {
  clock += 1000;
  local.transaction(() =>
    local.imports.add({
      id,
      account: 'server|admin@acme.test',
      orgId,
      fileName: `${id}.csv`,
      format: 'console',
      queuedAt: new Date(clock).toISOString(),
      rows: Array.from({ length: rows }, (_, i) => ({
        line: i + 2,
        email: `${id}.${i}@example.com`,
        name: '',
        role: 'member',
        action: 'invite' as const,
        outboxId: `${id}-${i}`,
        reason: '',
      })),
    }),
  );
}
const kept = (local: LocalStore, orgId = 'org_acme') =>
  local.imports.list('server|admin@acme.test', orgId).map((record) => [record.id, record.rows.length]);

describe('ImportRecords: the bound on kept imports (real SQLite)', () => {
  it(`an older import goes once the newer ones hold ${IMPORT_HISTORY_ROWS_KEPT} rows; the newest always stays`, () => {
    const local = open();
    const big = IMPORT_HISTORY_ROWS_KEPT * 0.75;
    add(local, 'a', big);
    add(local, 'b', 6000);
    add(local, 'c', 10);
    expect(kept(local)).toEqual([
      ['c', 10],
      ['b', 6000],
      ['a', big],
    ]);
    add(local, 'd', big);
    // d, c and b hold 21,010 rows before a: a goes, with its rows.
    expect(kept(local)).toEqual([
      ['d', big],
      ['c', 10],
      ['b', 6000],
    ]);
    expect(local.db.prepare("SELECT COUNT(*) FROM import_row WHERE import_id = 'a'").pluck().get()).toBe(0);
    // One file bigger than the bound on its own is still kept.
    add(local, 'e', IMPORT_HISTORY_ROWS_KEPT + 5);
    expect(kept(local)).toEqual([['e', IMPORT_HISTORY_ROWS_KEPT + 5]]);
    local.close();
  });

  it(`at most ${IMPORT_HISTORY_KEPT} files per account and org; another org's are counted apart`, () => {
    const local = open();
    add(local, 'other', 1, 'org_other');
    for (let i = 0; i < IMPORT_HISTORY_KEPT + 3; i++) add(local, `f${i}`, 2);
    expect(kept(local).map(([id]) => id)).toEqual(
      Array.from({ length: IMPORT_HISTORY_KEPT }, (_, i) => `f${IMPORT_HISTORY_KEPT + 2 - i}`),
    );
    expect(kept(local, 'org_other')).toEqual([['other', 1]]);
    local.close();
  });
});
