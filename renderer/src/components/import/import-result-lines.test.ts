import { expect, it } from 'vitest';
import type { ImportResultItem } from '../../../../shared/contract/imports';
import type { SessionImport } from '../../stores/import-store';
import { resultLines, resultsCsv } from './import-result-lines';

const file: SessionImport = {
  id: 'import-1',
  scope: 'scope',
  fileName: 'entra.csv',
  format: 'entra',
  queuedAt: '2026-12-02T10:42:00.000Z',
  queued: [
    { line: 3, outboxId: 'o3', email: 'zhang.wei@x.test', name: 'Zhang Wei', roleName: 'member', action: 'create' },
    { line: 4, outboxId: 'o4', email: 'dana@globex.test', name: 'Dana', roleName: 'member', action: 'create' },
  ],
  notQueued: [],
  notHeld: 0,
};
const done = (outboxId: string, kind: 'invite' | 'create'): ImportResultItem => ({
  outboxId,
  state: 'done',
  kind,
  memberId: `m_${outboxId}`,
  error: null,
});

it('a refused create sent as an invitation (Invite instead, under Pending changes) ends "invited", and says why', () => {
  const lines = resultLines(
    file,
    new Map([
      ['o3', done('o3', 'create')],
      ['o4', done('o4', 'invite')],
    ]),
  );
  expect(lines.map((line) => [line.email, line.result])).toEqual([
    ['zhang.wei@x.test', 'created'],
    ['dana@globex.test', 'invited'],
  ]);
  expect(lines[1]!.reason).toBe('Sent as an invitation instead (changed under Pending changes).');
  expect(resultsCsv(lines)).toContain('dana@globex.test,Dana,member,Create,invited,');
});
