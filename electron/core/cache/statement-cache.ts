import type Database from 'better-sqlite3';
import type { Db } from './open-database';

/**
 * Statements prepared once per SQL text. Preparing a statement on members compiles its FTS
 * trigger programs too, and was most of the cost of small writes (≈ 1 ms each during an outbox
 * replay). A statement prepared before the cache worker changed the schema is prepared again
 * by SQLite on its next run.
 */
export function statementCache(db: Db): (text: string) => Database.Statement {
  const statements = new Map<string, Database.Statement>();
  return (text) => {
    let statement = statements.get(text);
    if (!statement) {
      // Filtered queries build their SQL from the filters: a bounded set, but bound it anyway.
      if (statements.size > 500) statements.clear();
      statement = db.prepare(text);
      statements.set(text, statement);
    }
    return statement;
  };
}
