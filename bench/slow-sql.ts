import Database from 'better-sqlite3';

interface SlowStatement {
  ms: number;
  phase: string;
  sql: string;
}

let threshold: number | null = null;
let phase = 'start';
const slow: SlowStatement[] = [];

/** Which measurement runs now: each slow statement is listed under it. */
export function markPhase(name: string): void {
  phase = name;
}

const record = (started: number, sql: string) => {
  const ms = performance.now() - started;
  if (threshold !== null && ms >= threshold)
    slow.push({ ms, phase, sql: sql.replace(/\s+/g, ' ').trim().slice(0, 120) });
};

/**
 * `--slow-sql MS`: every better-sqlite3 statement in this process (core's, the sandbox's, the
 * floor's) that holds the thread for at least MS is recorded with the measurement it ran in — how
 * the full-sync and one-change stalls were attributed at a million members. Costs two clock reads
 * per statement; off unless asked.
 */
export function watchSlowSql(thresholdMs: number): void {
  threshold = thresholdMs;
  const probe = new Database(':memory:');
  const statement = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<string, unknown>;
  probe.close();
  for (const method of ['run', 'get', 'all']) {
    const original = statement[method] as (...args: unknown[]) => unknown;
    statement[method] = function (this: { source: string }, ...args: unknown[]) {
      const started = performance.now();
      try {
        return original.apply(this, args);
      } finally {
        record(started, this.source);
      }
    };
  }
  const database = Database.prototype as unknown as { exec: (sql: string) => unknown };
  const exec = database.exec;
  database.exec = function (this: unknown, sql: string) {
    const started = performance.now();
    try {
      return exec.call(this, sql);
    } finally {
      record(started, `exec: ${sql}`);
    }
  };
}

/** The slowest statements of each phase, slowest first (at most `top` per phase). */
export function slowSqlReport(top = 8): string[] {
  const phases = [...new Set(slow.map((entry) => entry.phase))];
  return phases.flatMap((name) => {
    const entries = slow.filter((entry) => entry.phase === name).sort((a, b) => b.ms - a.ms);
    return [
      `slow SQL during ${name}: ${entries.length} statements ≥ ${threshold} ms`,
      ...entries.slice(0, top).map((entry) => `  ${entry.ms.toFixed(0).padStart(7)} ms  ${entry.sql}`),
    ];
  });
}
