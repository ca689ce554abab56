// Every console command fed with generated invalid payloads, the way they would arrive over IPC
// (structured clone) or the browser host's socket (JSON): each answer is the typed error, the
// process stays up, no prototype is polluted, and cache.db / local.db do not change by one byte.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandNames, commands, shellCommands, type CommandName } from '../../../../shared/contract/commands';
import { createCore, type Core } from '../../create-core';
import { sanitize } from '../../dispatcher';
import { printFigures, printSeed } from './figures';
import { describePayload, mutated, prototypesPolluted } from './hostile-payloads';
import { ACME, OWNER, StressRig, TEST_ADMIN_PASSWORD } from './stress-rig';

const PER_COMMAND = Number(process.env.NEXUS_FUZZ_PAYLOADS ?? 1000);
const SEED = Number(process.env.NEXUS_FUZZ_SEED ?? Date.now() % 1_000_000);

/** A valid input per command, the base every mutation starts from. */
const VALID: Record<string, Record<string, unknown>> = {
  'session.signIn': { serverUrl: 'http://127.0.0.1:9', email: 'owner@acme.test', password: 'Some-Long-Password-123' },
  'session.changePassword': { newPassword: 'Some-Long-Password-123' },
  'orgs.select': { orgId: ACME },
  'members.query': {
    text: 'a',
    badges: ['Active'],
    roleIds: ['role_acme_member'],
    includeRemoved: true,
    sort: { field: 'name', direction: 'asc' },
    offset: 0,
    limit: 10,
  },
  'members.get': { memberId: 'mem_x' },
  'members.lookupEmail': { email: 'someone@example.com' },
  'members.invite': { email: 'someone@example.com', roleId: 'role_acme_member' },
  'members.create': {
    email: 'someone@example.com',
    name: 'Some One',
    roleId: 'role_acme_member',
    temporaryPassword: 'Some-Long-Password-123',
  },
  'members.resendInvite': { memberId: 'mem_x' },
  'members.cancelInvite': { memberId: 'mem_x' },
  'members.setPassword': { memberId: 'mem_x', password: 'Some-Long-Password-123', reason: 'change' },
  'members.changeRole': { memberId: 'mem_x', roleId: 'role_acme_member' },
  'members.remove': { memberId: 'mem_x' },
  'outbox.retry': { id: 'x' },
  'outbox.discard': { id: 'x' },
  'outbox.edit': { id: 'x', changes: { roleId: 'role_acme_member' } },
  // CSV import and export (issue 13).
  'import.lookup': { emails: ['someone@example.com'], checkAccounts: ['someone@example.com'] },
  'import.queue': {
    rows: [{ line: 2, action: 'invite', email: 'someone@example.com', name: '', roleId: 'role_acme_member' }],
  },
  'import.results': { outboxIds: ['x'] },
  'members.export': {
    text: 'a',
    badges: ['Active'],
    roleIds: [],
    includeRemoved: true,
    sort: { field: 'name', direction: 'asc' },
  },
};

const fuzzed = commandNames.filter((name) => !shellCommands.includes(name));

/** Rejected by the contract as sent, and after the dispatcher's sanitising copy. */
function invalid(command: CommandName, payload: unknown): boolean {
  const schema = commands[command].input;
  if (schema.safeParse(payload ?? {}).success) return false;
  try {
    return !schema.safeParse(sanitize(payload ?? {})).success;
  } catch {
    return true;
  }
}

/** How the payload crosses into core: structured clone (Electron IPC) or JSON (browser host). */
function transported(payload: unknown, viaJson: boolean): unknown {
  if (viaJson) {
    const text = JSON.stringify(payload, (_key, v: unknown) => (typeof v === 'bigint' ? Number(v) : v));
    return text === undefined ? undefined : JSON.parse(text);
  }
  try {
    return structuredClone(payload);
  } catch {
    return JSON.parse(JSON.stringify(payload) ?? 'null');
  }
}

describe('hostile input to every console command', () => {
  const rig = new StressRig();
  let core: Core;

  /** Checkpoint (from a second connection: WAL allows it), then hash the database files. */
  const fingerprint = () => {
    const hashes: string[] = [];
    for (const name of ['cache.db', 'local.db']) {
      const path = join(rig.dataDir, name);
      const db = new Database(path);
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
      for (const file of [path, `${path}-wal`]) {
        hashes.push(existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : '-');
      }
    }
    return hashes.join(' ');
  };

  beforeAll(async () => {
    await rig.start();
    core = await createCore({
      dataDir: rig.dataDir,
      secretStore: rig.secrets,
      syncIntervalMs: 0,
      requestTimeoutMs: 5000,
    });
    expect(
      (await core.dispatch('session.signIn', { serverUrl: rig.url, email: OWNER, password: TEST_ADMIN_PASSWORD })).ok,
    ).toBe(true);
    expect((await core.dispatch('orgs.select', { orgId: ACME })).ok).toBe(true);
    expect((await core.dispatch('sync.now', {})).ok).toBe(true);
    // One queued change, so the outbox commands have something real next to the garbage.
    await rig.stop();
    expect(
      (await core.dispatch('members.invite', { email: 'queued.one@example.com', roleId: 'role_acme_member' })).ok,
    ).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
  });
  afterAll(async () => {
    await core?.close();
    await rig.close();
  });

  it(`answers ${PER_COMMAND} invalid payloads per command with invalid_input and changes nothing`, async () => {
    printSeed('console command fuzzing', 'NEXUS_FUZZ_SEED', SEED);
    const started = performance.now();
    const before = fingerprint();
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort().join();
    const perCommand: Record<string, number> = {};
    const codes = new Map<string, number>();
    let tried = 0;
    let hugeOnes = 0;
    for (const [index, command] of fuzzed.entries()) {
      const base = VALID[command] ?? {};
      const payloads = fc
        .sample(mutated(base), { numRuns: PER_COMMAND * 4, seed: SEED + index })
        .filter((p) => invalid(command, p));
      expect(payloads.length, `${command}: enough invalid payloads generated`).toBeGreaterThanOrEqual(PER_COMMAND);
      for (const [n, payload] of payloads.slice(0, PER_COMMAND).entries()) {
        const input = transported(payload, n % 2 === 1);
        if (!invalid(command, input)) continue; // the transport itself repaired it (e.g. undefined fields dropped)
        if (typeof input === 'string' && input.length > 65_536) hugeOnes++;
        const result = await core.dispatch(command, input);
        if (result.ok || result.error.code !== 'invalid_input') {
          throw new Error(`${command} answered ${JSON.stringify(result).slice(0, 300)} to ${describePayload(input)}`);
        }
        expect(typeof result.error.message).toBe('string');
        expect(JSON.stringify(result.error)).not.toMatch(/\n\s+at |Error:/);
        codes.set(result.error.code, (codes.get(result.error.code) ?? 0) + 1);
        perCommand[command] = (perCommand[command] ?? 0) + 1;
        tried++;
      }
      expect(perCommand[command] ?? 0, `${command}: invalid payloads tried`).toBeGreaterThanOrEqual(PER_COMMAND * 0.95);
    }
    // Unknown commands and non-string names too.
    for (const name of ['nope', '__proto__', 'constructor', 'toString', 'clipboard.copySecret', 42, null, { a: 1 }]) {
      const result = await core.dispatch(name as string, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown_command' } });
      tried++;
    }

    const after = fingerprint();
    const polluted = prototypesPolluted();
    // The figures first, measured: a failure below still shows what was found.
    printFigures('console command fuzzing', {
      seed: SEED,
      commands: fuzzed.length,
      'invalid payloads tried': tried,
      'per command (min)': Math.min(...Object.values(perCommand)),
      'answers by code': Object.fromEntries(codes),
      'whole payload a string over 64 KiB': hugeOnes,
      'prototype polluted': polluted,
      'cache.db + local.db unchanged': after === before,
      'duration (s)': ((performance.now() - started) / 1000).toFixed(1),
    });
    expect(polluted).toBe(false);
    expect(Object.getOwnPropertyNames(Object.prototype).sort().join()).toBe(prototypeKeys);
    expect(after, 'cache.db + local.db after the fuzzing (sha-256 of each file and its WAL)').toBe(before);
    // Still alive and still answering real commands.
    const query = await core.dispatch('members.query', { text: 'queued.one' });
    expect(query).toMatchObject({ ok: true, value: { total: 1 } });
  }, 600_000); // ~80 s on a quiet 2-core machine; 240 s at a load of 20
});
