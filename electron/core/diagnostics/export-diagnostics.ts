import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { arch, platform, release } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { DiagnosticsExportResult } from '../../../shared/contract/settings';
import type { CoreContext } from '../context';
import type { SettingsService } from '../settings/settings-service';
import type { SyncEngine } from '../sync/sync-engine';
import { redactForExport } from './redact-for-export';

export interface DiagnosticsOptions {
  /** Folder the zip is written to (the shell passes Downloads; default `<dataDir>/diagnostics`). */
  outputDir: string;
  logFolder: string;
  /** App, Electron, Chrome versions as the shell knows them. */
  versions: Record<string, string>;
}

const MAX_LOG_BYTES = 20 * 1024 * 1024;

function readLogs(folder: string): Array<[string, string]> {
  if (!existsSync(folder)) return [];
  let budget = MAX_LOG_BYTES;
  const files = readdirSync(folder)
    .filter((name) => name.endsWith('.log'))
    .sort();
  const out: Array<[string, string]> = [];
  for (const name of files) {
    const path = join(folder, name);
    const size = statSync(path).size;
    if (size > budget) continue;
    budget -= size;
    out.push([name, readFileSync(path, 'utf8')]);
  }
  return out;
}

/** What the sync queue holds, by kind and state, with the server's reasons; no temporary password ever. */
function outboxSummary(ctx: CoreContext) {
  const rows = ctx.local.openOutbox();
  const counts: Record<string, number> = {};
  for (const row of rows) counts[`${row.kind}/${row.state}`] = (counts[`${row.kind}/${row.state}`] ?? 0) + 1;
  const attention = rows
    .filter((row) => row.state === 'needs_attention')
    .slice(0, 200)
    .map((row) => ({
      id: row.id,
      kind: row.kind,
      email: row.email,
      errorCode: row.last_error_code,
      errorMessage: row.last_error_message,
      attempts: row.attempts,
      updatedAt: row.updated_at,
    }));
  return { counts, needsAttention: attention };
}

/**
 * **Export diagnostics**: a zip of the redacted logs, versions, the settings with their sources,
 * the keychain and sync state. Nothing secret goes in: every file passes `redactForExport`, and
 * member emails only when the admin asked for them.
 */
export async function exportDiagnostics(
  ctx: CoreContext,
  deps: { settings: SettingsService; sync: SyncEngine },
  options: DiagnosticsOptions,
  input: { includeMemberEmails: boolean },
): Promise<DiagnosticsExportResult> {
  const session = await ctx.session.status();
  const keychain = session.secretStore;
  const accounts = await ctx.secrets.list().catch(() => [] as string[]);
  const generatedAt = ctx.now().toISOString();

  const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';
  const files: Record<string, string> = {
    'README.txt': [
      'Nexus Admin diagnostics',
      `Generated ${generatedAt}.`,
      'Holds no sign-in token and no password. Email addresses are ' +
        (input.includeMemberEmails ? 'included (the admin asked for them).' : 'replaced by [email].'),
      '',
    ].join('\n'),
    'versions.json': json({
      ...options.versions,
      node: process.versions.node,
      v8: process.versions.v8,
      os: `${platform()} ${release()} ${arch()}`,
    }),
    'settings.json': json(deps.settings.state()),
    'session.json': json({
      state: session.state,
      serverUrl: session.serverUrl,
      user: session.user ? { id: session.user.id, email: session.user.email } : null,
      offline: session.offline,
      reauthRequired: session.reauthRequired,
      org: session.org ? { id: session.org.id, name: session.org.name, roleName: session.org.roleName } : null,
      orgCount: session.orgs.length,
    }),
    'keychain.json': json({
      ...keychain,
      refreshTokensStored: accounts.filter((account) => account.includes('|')).length,
      temporaryPasswordsWaiting: accounts.filter((account) => account.startsWith('outbox:')).length,
    }),
    'sync.json': json({ status: deps.sync.status(), outbox: outboxSummary(ctx) }),
  };
  for (const [name, text] of readLogs(options.logFolder)) files[`logs/${name}`] = text;

  const zippable: Zippable = {};
  for (const [name, text] of Object.entries(files)) {
    zippable[name] = strToU8(redactForExport(ctx.logger.redact(text), input));
  }
  const bytes = zipSync(zippable, { level: 6, mtime: ctx.now() });
  mkdirSync(options.outputDir, { recursive: true });
  const path = join(options.outputDir, `nexus-admin-diagnostics-${generatedAt.replace(/[:.]/g, '-')}.zip`);
  writeFileSync(path, bytes, { mode: 0o600 });
  ctx.logger.info('diagnostics exported', {
    path,
    bytes: bytes.length,
    includeMemberEmails: input.includeMemberEmails,
  });
  return { path, sizeBytes: bytes.length, files: Object.keys(files) };
}
