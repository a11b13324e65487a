/**
 * Consortia are listed from the partial index of their flag (migration 19), not by reading every
 * actor's flags: the list answers the flagged actors only, and on SQLite the plan of the very
 * statement the list runs reads that index.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONSORTIUM_FLAG } from '#core/consortium.ts';
import type { Actor } from '#core/entities/actor.ts';
import { buildActor } from '#test/factories.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { listItemIndexName, listItemPredicate } from './list-item-index.ts';
import type { Database } from './open-database.ts';
import { createSqlRepositories } from './repositories.ts';
import type { SqlClient, SqlParam } from './sql-client.ts';

/** The client, with every statement read through `values` noted. */
function recording(client: SqlClient, seen: { sql: string; params: readonly SqlParam[] }[]) {
  const wrapped: SqlClient = {
    dialect: client.dialect,
    all: (sql, params) => client.all(sql, params),
    values: (sql, params = []) => {
      seen.push({ sql, params });
      return client.values(sql, params);
    },
    run: (sql, params) => client.run(sql, params),
    runMany: (sql, rows) => client.runMany(sql, rows),
    exec: (sql) => client.exec(sql),
    transaction: (work) => client.transaction(work),
    close: () => client.close(),
  };
  return wrapped;
}

const INDEX = listItemIndexName('actors', 'flags', CONSORTIUM_FLAG);

/** Three consortia among 300 actors, a third of them SMEs (one consortium too). */
function flagsOf(i: number): Actor['flags'] {
  const flags: Actor['flags'] = [];
  if (i % 100 === 7) flags.push(CONSORTIUM_FLAG);
  if (i % 3 === 0) flags.push('sme');
  return flags;
}

describe.each(TEST_DATABASES)('the consortium flag index on $name', (kind) => {
  let db: Database;
  beforeEach(async () => {
    db = await kind.open();
    const actors = Array.from({ length: 300 }, (_, i) =>
      buildActor({
        id: `a-${String(i).padStart(4, '0')}`,
        flags: flagsOf(i),
        // A name that holds the word is not a flag.
        ...(i === 8 ? { name: 'consortium 株式会社' } : {}),
      }),
    );
    await db.repos.entity('actors').upsertMany(actors);
  });
  afterEach(async () => {
    await db.close();
  });

  it('lists exactly the flagged actors', async () => {
    const page = await db.repos
      .entity('actors')
      .list({ where: { flags: CONSORTIUM_FLAG }, limit: 50 });
    expect(page.items.map((a) => a['id'])).toEqual(['a-0007', 'a-0107', 'a-0207']);
    const smes = await db.repos.entity('actors').list({ where: { flags: 'sme' }, limit: 500 });
    expect(smes.items).toHaveLength(100);
  });

  it('exists after the migrations', async () => {
    const sql =
      db.client.dialect === 'sqlite'
        ? `SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?`
        : 'SELECT indexdef AS sql FROM pg_indexes WHERE indexname = ?';
    const rows = await db.client.all<{ sql: string }>(sql, [INDEX]);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.sql).toContain(
      db.client.dialect === 'sqlite'
        ? listItemPredicate('sqlite', 'flags', CONSORTIUM_FLAG)
        : CONSORTIUM_FLAG,
    );
  });

  it.runIf(kind.name === 'sqlite')(
    'is what the list statement reads (EXPLAIN QUERY PLAN)',
    async () => {
      const seen: { sql: string; params: readonly SqlParam[] }[] = [];
      const repos = createSqlRepositories(recording(db.client, seen));
      await repos.entity('actors').list({ where: { flags: CONSORTIUM_FLAG }, limit: 50 });
      const statement = seen.find((s) => s.sql.includes('json_each("flags")'));
      expect(statement).toBeDefined();
      const plan = await db.client.all<{ detail: string }>(
        `EXPLAIN QUERY PLAN ${statement?.sql ?? ''}`,
        statement?.params ?? [],
      );
      const details = plan.map((step) => step.detail);
      expect(details.join('\n')).toContain(INDEX);
      expect(details.filter((d) => /^SCAN actors\b/.test(d) && !d.includes(INDEX))).toEqual([]);
    },
  );
});
