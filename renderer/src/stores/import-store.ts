import { useMemo } from 'react';
import { create } from 'zustand';
import type { SessionStatus } from '../../../shared/contract/session';
import type { ImportRecord, ImportResultItem } from '../../../shared/contract/imports';
import type { ColumnMapping, ImportFormatId } from '../../../shared/csv/import-formats';
import type { ImportRow } from '../../../shared/csv/import-rows';
import { type ImportFile, remap } from '../../../shared/csv/read-import-file';
import type { ImportChoices, KnownMember, RowOverride } from '../../../shared/csv/validate-import';
import { useSessionStore } from './session-store';

export type ImportStep = 'choose' | 'mapping' | 'preview' | 'results';

/** What the cache and the server said about the file's addresses (import.lookup). */
export interface ImportKnowledge {
  members: Map<string, KnownMember>;
  existing: Set<string>;
  missing: Set<string>;
}

/** A row that went into the outbox, as the results show it (never its password). */
export interface QueuedImportRow {
  line: number;
  outboxId: string;
  email: string;
  name: string;
  roleName: string;
  action: 'invite' | 'create';
}

/** A row of the file that was not queued, with why (left out, or its problems). */
export interface NotQueuedImportRow {
  line: number;
  email: string;
  name: string;
  roleName: string;
  action: 'invite' | 'create';
  reason: string;
}

/**
 * One queued file: its rows as queued (never a password) and those that were not. Core keeps
 * the record (import.history, in local.db): a reload or restart shows the same files, newest first.
 */
export interface SessionImport {
  /** Core's id of the import's record. */
  id: string;
  /** The server, admin and org it was queued for (`importScope`): another's imports are not shown. */
  scope: string;
  fileName: string;
  format: ImportFormatId;
  queuedAt: string;
  queued: QueuedImportRow[];
  /** Rows the admin left out or that still had problems when queueing: in the results as not queued. */
  notQueued: NotQueuedImportRow[];
  /** Passwords the keychain refused to hold although asked (the rows ARE queued). */
  notHeld: number;
}

interface ImportState {
  step: ImportStep;
  /** The parsed file (its bytes are not kept); null before one is chosen. */
  file: (ImportFile & { fileName: string; format: ImportFormatId }) | null;
  rows: ImportRow[];
  overrides: Map<number, RowOverride>;
  choices: ImportChoices;
  knowledge: ImportKnowledge;
  /** The queued files core keeps (and this window's), newest first (**Import another file** keeps them). */
  imports: SessionImport[];
  /** How each queued row ended, by outbox id, across all of the listed imports. */
  results: Map<string, ImportResultItem>;
  /** **Hold for handover**: the creates' passwords are kept for the Handover screen (on by default, asked per file). */
  holdForHandover: boolean;
  setHoldForHandover(hold: boolean): void;
  setFile(file: ImportFile, fileName: string, needsMapping: boolean): void;
  applyMapping(mapping: ColumnMapping): void;
  editRow(line: number, changes: Partial<Pick<ImportRow, 'email' | 'name' | 'password' | 'role'>>): void;
  override(line: number, changes: RowOverride): void;
  setChoices(changes: Partial<ImportChoices>): void;
  learn(result: {
    members: { email: string; status: KnownMember['status']; origin: KnownMember['origin']; queued: boolean }[];
    accounts: { checked: boolean; existing: string[]; missing: string[] };
  }): void;
  setQueued(importId: string, queued: QueuedImportRow[], notQueued: NotQueuedImportRow[], notHeld?: number): void;
  /**
   * The imports core keeps for `scope` (import.history, asked at `askedAt`): they replace this
   * window's list for that scope (sign-out may have removed them), except a file queued since.
   */
  setHistory(scope: string, records: ImportRecord[], askedAt: string): void;
  setResults(items: ImportResultItem[]): void;
  /** Back to choosing a file; the results stay. */
  reset(): void;
  /** Shows the results again (from choosing a file). */
  showResults(): void;
  /** Forgets this window's copy of the results too (tests; core still has them). */
  clear(): void;
}

const emptyKnowledge = (): ImportKnowledge => ({
  members: new Map(),
  existing: new Set(),
  missing: new Set(),
});

export const useImportStore = create<ImportState>()((set, get) => ({
  step: 'choose',
  file: null,
  rows: [],
  overrides: new Map(),
  choices: { defaultRoleId: null, withoutPassword: 'invite' },
  knowledge: emptyKnowledge(),
  imports: [],
  results: new Map(),
  holdForHandover: true,
  setHoldForHandover: (holdForHandover) => set({ holdForHandover }),
  setFile: (file, fileName, needsMapping) =>
    set(({ choices }) => ({
      // The Default role carries over; whether to invite or generate is asked again per file.
      file: { ...file, fileName, format: file.recognised.format },
      rows: file.rows,
      overrides: new Map(),
      knowledge: emptyKnowledge(),
      choices: { ...choices, withoutPassword: 'invite' },
      holdForHandover: true,
      step: needsMapping ? 'mapping' : 'preview',
    })),
  applyMapping: (mapping) => {
    const file = get().file;
    if (!file) return;
    const next = remap(file, mapping);
    set({ file: { ...file, ...next }, rows: next.rows, overrides: new Map(), step: 'preview' });
  },
  editRow: (line, changes) =>
    set(({ rows }) => ({ rows: rows.map((row) => (row.line === line ? { ...row, ...changes } : row)) })),
  override: (line, changes) =>
    set(({ overrides }) => {
      const next = new Map(overrides);
      next.set(line, { ...next.get(line), ...changes });
      return { overrides: next };
    }),
  setChoices: (changes) => set(({ choices }) => ({ choices: { ...choices, ...changes } })),
  learn: (result) =>
    set(({ knowledge }) => {
      const members = new Map(knowledge.members);
      for (const { email, ...member } of result.members) members.set(email, member);
      return {
        knowledge: {
          members,
          existing: new Set([...knowledge.existing, ...result.accounts.existing]),
          missing: new Set([...knowledge.missing, ...result.accounts.missing]),
        },
      };
    }),
  setQueued: (importId, queued, notQueued, notHeld = 0) =>
    set(({ imports, file }) => {
      const latest: SessionImport = {
        id: importId,
        scope: importScope(useSessionStore.getState().status),
        fileName: file?.fileName ?? 'CSV file',
        format: file?.format ?? 'custom',
        queuedAt: new Date().toISOString(),
        queued,
        notQueued,
        notHeld,
      };
      return { imports: [latest, ...imports.filter((known) => known.id !== importId)], step: 'results' };
    }),
  setHistory: (scope, records, askedAt) =>
    set(({ imports }) => {
      const kept = records.map((record) => fromRecord(scope, record));
      const ids = new Set(kept.map((known) => known.id));
      // Another scope's list is not this answer's; a file queued after the question is not in it yet.
      const others = imports.filter(
        (known) => !ids.has(known.id) && (known.scope !== scope || known.queuedAt >= askedAt),
      );
      return { imports: [...others, ...kept].sort((a, b) => b.queuedAt.localeCompare(a.queuedAt)) };
    }),
  setResults: (items) =>
    set(({ results }) => {
      const next = new Map(results);
      for (const item of items) next.set(item.outboxId, item);
      return { results: next };
    }),
  reset: () =>
    set({
      step: 'choose',
      file: null,
      rows: [],
      overrides: new Map(),
      knowledge: emptyKnowledge(),
    }),
  showResults: () => set(({ imports }) => (imports.length > 0 ? { step: 'results' } : {})),
  clear: () => {
    get().reset();
    set({ imports: [], results: new Map() });
  },
}));

/** A kept import (core's record) as the results show it. */
function fromRecord(scope: string, record: ImportRecord): SessionImport {
  const queued: QueuedImportRow[] = [];
  const notQueued: NotQueuedImportRow[] = [];
  for (const { outboxId, role, ...row } of record.rows) {
    if (outboxId === null) notQueued.push({ ...row, roleName: role });
    else
      queued.push({ line: row.line, outboxId, email: row.email, name: row.name, roleName: role, action: row.action });
  }
  return {
    id: record.id,
    scope,
    fileName: record.fileName,
    format: record.format,
    queuedAt: record.queuedAt,
    queued,
    notQueued,
    notHeld: record.notHeld,
  };
}

/** Whose imports these are: the same window may sign in as another admin or switch org. */
export function importScope(status: SessionStatus | null): string {
  return [status?.serverUrl ?? '', status?.user?.id ?? '', status?.org?.id ?? ''].join('|');
}

/** The imports of the signed-in admin and org, newest first. */
export function useSessionImports(): SessionImport[] {
  const scope = useSessionStore((s) => importScope(s.status));
  const imports = useImportStore((s) => s.imports);
  return useMemo(() => imports.filter((queuedFile) => queuedFile.scope === scope), [imports, scope]);
}
