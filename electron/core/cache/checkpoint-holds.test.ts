import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logger';
import { removeDir, tempDir } from '../test/harness';
import { holdCheckpoints, openDatabase, releaseCheckpoints, type Db } from './open-database';

const autocheckpoint = (db: Db) => db.pragma('wal_autocheckpoint', { simple: true });

/**
 * An import's optimistic slices hold automatic checkpoints; the sync cycle the previous import
 * kicked holds and releases its own meanwhile. Its release must not end the import's hold.
 */
describe('checkpoint holds are counted per connection', () => {
  let dir: string;
  let db: Db;
  afterEach(() => {
    db.close();
    removeDir(dir);
  });

  it('automatic checkpoints stay off until the last hold is released, which checkpoints', () => {
    dir = tempDir();
    db = openDatabase(
      join(dir, 'x.db'),
      [(d) => d.exec('CREATE TABLE t (v TEXT)')],
      createLogger(() => {}),
    ).db;
    const before = autocheckpoint(db);
    expect(before).toBeGreaterThan(0);
    holdCheckpoints(db); // the import
    holdCheckpoints(db); // a sync cycle starts meanwhile
    db.exec("INSERT INTO t VALUES ('a')");
    releaseCheckpoints(db); // the cycle ends first
    expect(autocheckpoint(db)).toBe(0);
    releaseCheckpoints(db); // the import's last slice
    expect(autocheckpoint(db)).toBe(before);
    // A release without a hold (a replaced connection's) does not go below zero or throw.
    releaseCheckpoints(db);
    holdCheckpoints(db);
    expect(autocheckpoint(db)).toBe(0);
    releaseCheckpoints(db);
    expect(autocheckpoint(db)).toBe(before);
  });
});
