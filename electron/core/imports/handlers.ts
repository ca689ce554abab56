import type { CoreContext } from '../context';
import type { Handlers } from '../dispatcher';
import type { MembersService } from '../members/members-service';
import { exportActivity, exportMembers } from './csv-exports';
import { importLookup } from './import-lookup';
import { queueImport } from './import-queue';
import { importResults } from './import-results';

/** The CSV import/export commands, merged into core's handler table (../handlers.ts). */
export function createImportHandlers(ctx: CoreContext, members: MembersService): Handlers {
  return {
    'import.lookup': (input) => {
      members.requireManage();
      return importLookup(ctx, input);
    },
    'import.queue': (input) => queueImport(ctx, members, input),
    'import.results': (input) => importResults(ctx, input.outboxIds),
    'import.history': () => {
      const { account, org } = ctx.session.requireOrg();
      return { imports: ctx.local.imports.list(account, org.id) };
    },
    'members.export': (input) => exportMembers(ctx, input),
    'audit.export': () => exportActivity(ctx),
  };
}
