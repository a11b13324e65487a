/**
 * M3 (issue 12): a running `musubi import` froze the server — token requests and sign-ins failed
 * with 500 "database is locked", and SQLite's 5 s busy wait blocked the event loop. Another
 * connection holds the write lock here as an import does: token requests still work (their
 * last-use note waits), a write answers 503 problem+json with Retry-After, never 500, and the
 * loop keeps answering /api/health.
 */
import BetterSqlite from 'better-sqlite3';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '#db/open-database.ts';
import { sqliteTestDatabase, type TestDatabaseKind } from '#test/test-databases.ts';
import { createApiFixture, expectProblem, type ApiFixture } from './api-test-fixture.ts';

describe('M3: the database is locked by another process (SQLite)', () => {
  let f: ApiFixture | undefined;
  let importer: BetterSqlite.Database | undefined;
  afterEach(async () => {
    importer?.close();
    await f?.close();
  });

  it('M3: token requests work, writes answer 503 with Retry-After, health stays responsive', async () => {
    const path = await sqliteTestDatabase.freshTarget();
    const kind: TestDatabaseKind = {
      ...sqliteTestDatabase,
      open: (clock) => openDatabase(path, clock),
    };
    f = await createApiFixture(kind);
    const as = await f.signIn('coord@test.example');
    const created = await f.call('/api/auth/tokens', { as, body: { name: 'robot' } });
    expect(created.status).toBe(201);
    const { token } = (await created.json()) as { token: string };
    const bearer = { authorization: `Bearer ${token}` };

    // A second connection takes the write lock and keeps it, as a long import does.
    importer = new BetterSqlite(path);
    importer.exec('BEGIN IMMEDIATE');
    importer.prepare("UPDATE accounts SET display_name = display_name WHERE role = 'admin'").run();

    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const [tokenRead, signIn, health] = await Promise.all([
      // Seeds: a list of needs may hold confidential ones, whose reads are audited (a write that
      // must fail closed while the lock is held).
      f.call('/api/seeds?limit=5', { headers: bearer }),
      f.call('/api/auth/sign-in', {
        body: { email: 'a@test.example', password: 'correct horse battery' },
      }),
      f.call('/api/health'),
    ]);
    delay.disable();

    // A read with a token is a read: its first use is noted later, not at the cost of the request.
    expect(tokenRead.status).toBe(200);
    expect(health.status).toBe(200);
    // Signing in must write a session: it cannot now, and says when to try again.
    expect(signIn.status).not.toBe(500);
    if (signIn.status !== 200) {
      const body = await expectProblem(signIn, 503, 'storage_unavailable');
      expect(String(body['detail'])).toMatch(/busy/);
      expect(Number(signIn.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
    // A token write (creating another token) is refused the same way.
    const write = await f.call('/api/auth/tokens', { as, body: { name: 'second' } });
    await expectProblem(write, 503, 'storage_unavailable');
    expect(Number(write.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // SQLite's own busy wait blocks the thread; the server waits without blocking it.
    expect(delay.max / 1e6).toBeLessThan(1_000);

    importer.exec('ROLLBACK');
    expect((await f.call('/api/needs?limit=5', { headers: bearer })).status).toBe(200);
    expect(
      (
        await f.call('/api/auth/sign-in', {
          body: { email: 'a@test.example', password: 'correct horse battery' },
        })
      ).status,
    ).toBe(200);
  }, 60_000);
});
