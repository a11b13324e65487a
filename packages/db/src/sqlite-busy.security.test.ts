import BetterSqlite from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isDomainError } from '#core/domain-error.ts';
import { createSqliteClient, type SqliteClient } from './sqlite-client.ts';

describe('SQLite client while another process writes (M3)', () => {
  let client: SqliteClient | undefined;
  let other: BetterSqlite.Database | undefined;
  afterEach(async () => {
    other?.close();
    await client?.close();
  });

  async function locked(budgetMs: number) {
    const path = join(mkdtempSync(join(tmpdir(), 'musubi-busy-')), 'busy.sqlite');
    client = createSqliteClient(path, { budgetMs });
    await client.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
    await client.run('INSERT INTO t (v) VALUES (?)', ['before']);
    other = new BetterSqlite(path);
    other.exec("BEGIN IMMEDIATE; INSERT INTO t (v) VALUES ('import')");
    return { client, other };
  }

  it('M3: reads go on, a write waits without blocking the event loop, then answers busy', async () => {
    const { client: c } = await locked(300);
    expect(await c.all('SELECT v FROM t')).toEqual([{ v: 'before' }]);
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 5);
    const outcome = await c.run('INSERT INTO t (v) VALUES (?)', ['server']).then(
      () => 'written',
      (error: unknown) => (isDomainError(error) ? error : 'other'),
    );
    clearInterval(ticker);
    expect(outcome).toMatchObject({
      code: 'storage_unavailable',
      details: { retryAfterSeconds: 1, reason: 'database_busy' },
    });
    // The 300 ms were spent waiting on timers, not in SQLite's blocking busy handler.
    expect(ticks).toBeGreaterThan(5);
    await expect(c.transaction(async (t) => t.run('DELETE FROM t'))).rejects.toMatchObject({
      code: 'storage_unavailable',
    });
  });

  it('M3: a write waiting for the lock goes through once the other process commits', async () => {
    const { client: c, other: o } = await locked(5_000);
    const write = c.run('INSERT INTO t (v) VALUES (?)', ['server']);
    setTimeout(() => o.exec('COMMIT'), 100);
    expect(await write).toBe(1);
    expect((await c.all<{ v: string }>('SELECT v FROM t ORDER BY id')).map((r) => r.v)).toEqual([
      'before',
      'import',
      'server',
    ]);
  });
});
