import type { MembersQueryResult } from '../shared/contract/members';
import type { BenchCore } from './bench-core';

const nextEvent = () => new Promise<void>((resolve) => setImmediate(resolve));

const PAGE = 100;

/**
 * The members list's other views (issue 16): a page sorted by Status (badge groups, name order
 * within) and a page with a status chip and the Role filter on, each at the top, middle and end of
 * what it shows, through core's whole path. Both answered from the member index since issue 16
 * (before: SQL, 0.46–2.3 s a page sorted by status at 100k).
 */
export async function measureViews(core: BenchCore, runs: number) {
  const { items: roles } = await core.call<{ items: { id: string }[] }>('roles.list', {});
  const views = {
    statusSort: { sort: { field: 'status', direction: 'asc' } },
    filtered: { badges: ['Active', 'Pending'], roleIds: roles.slice(0, 1).map((role) => role.id) },
  } as const;
  const ms: Record<keyof typeof views, number[]> = { statusSort: [], filtered: [] };
  for (const [name, view] of Object.entries(views) as [keyof typeof views, (typeof views)[keyof typeof views]][]) {
    const { total } = await core.call<MembersQueryResult>('members.query', { ...view, limit: 1 });
    const offsets = [0, Math.floor(total / 2), Math.max(0, total - PAGE)];
    for (let run = 0; run <= runs; run++) {
      for (const offset of offsets) {
        await nextEvent();
        const start = performance.now();
        const result = await core.call<MembersQueryResult>('members.query', { ...view, offset, limit: PAGE });
        const took = performance.now() - start;
        if (result.rows.length !== Math.min(PAGE, total - offset))
          throw new Error(`${name} page at ${offset}: ${result.rows.length} rows of ${total}`);
        if (run > 0) ms[name].push(took); // run 0 warms up
      }
    }
  }
  return ms;
}
