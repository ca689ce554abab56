import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROTATED_LOGS_KEPT } from './log-rotation';
import { createLogger } from './logger';
import { removeDir, tempDir } from './test/harness';

describe('log rotation by size', () => {
  const dir = tempDir('nexus-logs-');
  afterAll(() => removeDir(dir));

  it('keeps the current file under the limit and only the newest rotated files', () => {
    const path = join(dir, 'core.log');
    const logger = createLogger(path, () => new Date('2026-01-01T00:00:00Z'), { maxBytes: 4096 });
    for (let i = 0; i < 1000; i++) logger.info(`line ${i}`, { index: i });
    const files = readdirSync(dir).sort();
    expect(files).toEqual(['core.1.log', 'core.2.log', 'core.3.log', 'core.log']);
    expect(files).toHaveLength(ROTATED_LOGS_KEPT + 1);
    for (const name of files) expect(statSync(join(dir, name)).size).toBeLessThanOrEqual(4096);
    expect(readFileSync(path, 'utf8')).toContain('line 999');
    expect(readFileSync(join(dir, 'core.1.log'), 'utf8')).not.toContain('line 999');
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });
});
