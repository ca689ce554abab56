import { z } from 'zod';

/**
 * What crosses the cache worker's boundary, both ways, checked with zod like every other
 * boundary. The worker is told only which file to open; what it does there is what the file's
 * `cache_flags` say is left to do (`deferredSteps`), so a job needs no other parameters and a
 * job that died half-way is simply run again.
 */
export const cacheWorkerDataSchema = z.object({
  /** cache.db's absolute path. */
  path: z.string().min(1),
  /** SQLite page cache for the job, in KiB (index builds sort in it). */
  cacheKib: z.number().int().positive(),
});
export type CacheWorkerData = z.infer<typeof cacheWorkerDataSchema>;

/**
 * Main thread → worker: do the job now. A worker is started ahead of its job (while a big
 * listing is still being fetched: starting a thread and loading its modules takes ≈ 0.1–1 s)
 * and opens cache.db only when this arrives.
 */
export const cacheWorkerRunSchema = z.object({ type: z.literal('run') });
export type CacheWorkerRun = z.infer<typeof cacheWorkerRunSchema>;

/** Main thread → worker: read every page of cache.db (PRAGMA quick_check) and say what it found. */
export const cacheWorkerCheckSchema = z.object({ type: z.literal('check') });
export type CacheWorkerCheck = z.infer<typeof cacheWorkerCheckSchema>;

/**
 * Main thread → worker, a full listing's rows (listing-writes.ts): `listing` opens the worker's
 * connection for them (answered `ready`); each `rows` is one transaction (answered `written`);
 * `run` then closes that connection and does the job. The main thread sends the next page's rows
 * while it fetches the one after (pipelining) and writes nothing itself meanwhile.
 */
export const cacheWorkerListingSchema = z.object({ type: z.literal('listing') });
export type CacheWorkerListing = z.infer<typeof cacheWorkerListingSchema>;
export const cacheWorkerRowsSchema = z.object({
  type: z.literal('rows'),
  /** UPSERT_MEMBER_SQL's parameters, one array per member (member-rows.ts memberRowValues). */
  upserts: z.array(z.array(z.union([z.string(), z.number(), z.null()])).length(19)),
  /** Tombstones' member ids. */
  deletes: z.array(z.string()),
  /** With the listing's last rows: its sync token and generation (the stale rows' flag goes too). */
  last: z
    .object({ orgId: z.string(), syncToken: z.string(), lastSyncedAt: z.string(), generation: z.number().int() })
    .nullable(),
});
export type CacheWorkerRows = z.infer<typeof cacheWorkerRowsSchema>;

export const cacheWorkerRequestSchema = z.discriminatedUnion('type', [
  cacheWorkerRunSchema,
  cacheWorkerCheckSchema,
  cacheWorkerListingSchema,
  cacheWorkerRowsSchema,
]);

export const cacheWorkerMessageSchema = z.discriminatedUnion('type', [
  /** One step committed (its name and how long it held the worker). */
  z.object({ type: z.literal('step'), name: z.string().max(200), ms: z.number().nonnegative() }),
  /** Every step committed and the connection closed. */
  z.object({ type: z.literal('done') }),
  /** A step failed; what was committed before it stays, and its flag is still set. */
  z.object({ type: z.literal('failed'), message: z.string().max(2000) }),
  /** The listing's connection is open: rows may come. */
  z.object({ type: z.literal('ready') }),
  /** One `rows` message committed. */
  z.object({ type: z.literal('written'), rows: z.number().int().nonnegative() }),
  /** The check's answer: 'ok', or what SQLite said (its first lines, or the error it threw). */
  z.object({ type: z.literal('checked'), ok: z.boolean(), detail: z.string().max(2000) }),
]);
export type CacheWorkerMessage = z.infer<typeof cacheWorkerMessageSchema>;
