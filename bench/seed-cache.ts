import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TEST_ADMIN_PASSWORD, TEST_SCRYPT_COST } from '../sandbox/testing';

/** Below this many members seeding takes a second or two: not worth a file. */
export const SEED_CACHE_MIN_MEMBERS = 100_000;
/** Outside the worktree (a few hundred MB at a million members); delete it to force a fresh seed. */
export const SEED_CACHE_DIR = join(tmpdir(), 'nexus-bench-seed-cache');
const DB_FILE = 'nexus-sandbox.db';

/**
 * The sandbox's file right after `large:N` seeding, kept between bench runs: seeding a million
 * members takes 25–50 s on this machine, copying the file a second or two. Keyed by the size,
 * the code that writes the file (schema, seed, demo people) and the test password and scrypt
 * cost, and by the UTC day: the seed's timestamps and the demo invitations' expiry are relative
 * to the day it ran.
 */
async function cacheFile(members: number): Promise<string> {
  const root = resolve(import.meta.dirname, '..');
  const hash = createHash('sha256');
  for (const file of ['sandbox/db/schema.ts', 'sandbox/db/seed.ts', 'sandbox/db/demo-people.ts'])
    hash.update(await readFile(join(root, file)));
  hash.update(`${TEST_ADMIN_PASSWORD}\n${TEST_SCRYPT_COST}`);
  const day = new Date().toISOString().slice(0, 10);
  return join(SEED_CACHE_DIR, `large-${members}-${hash.digest('hex').slice(0, 12)}-${day}.db`);
}

/** Copies a cached seed into an empty sandbox data dir; false when there is none for this size and code. */
export async function restoreSeed(members: number, sandboxDir: string): Promise<boolean> {
  if (members < SEED_CACHE_MIN_MEMBERS) return false;
  try {
    await copyFile(await cacheFile(members), join(sandboxDir, DB_FILE));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/**
 * Keeps the freshly seeded file (the sandbox running on it, nothing else done yet) for the next
 * run: SQLite's online backup through a reader of its own, into a temp name, then renamed, so a
 * concurrent bench never copies half a file. Older seeds of the same size are removed.
 */
export async function saveSeed(members: number, sandboxDir: string): Promise<void> {
  if (members < SEED_CACHE_MIN_MEMBERS) return;
  await mkdir(SEED_CACHE_DIR, { recursive: true });
  const target = await cacheFile(members);
  const partial = `${target}.${process.pid}.partial`;
  const source = new Database(join(sandboxDir, DB_FILE), { readonly: true, fileMustExist: true });
  try {
    await source.backup(partial);
  } finally {
    source.close();
  }
  await rename(partial, target);
  for (const name of await readdir(SEED_CACHE_DIR))
    if (name.startsWith(`large-${members}-`) && join(SEED_CACHE_DIR, name) !== target && !name.endsWith('.partial'))
      await rm(join(SEED_CACHE_DIR, name), { force: true });
}
