/**
 * `musubi backup` / `musubi restore` on both databases: a backup taken while another connection
 * keeps writing is one consistent moment; a restore into an empty database gives the same rows in
 * every table; a damaged, truncated or edited file is named and nothing is written; a database
 * that is not empty is refused (exit 5).
 */
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { BackupStore } from '#core/backup-port.ts';
import { systemClock } from '#core/ports.ts';
import { createBackupStore } from '#db/backup-store.ts';
import { openDatabase, type Database } from '#db/open-database.ts';
import type { SqlClient, SqlParam } from '#db/sql-client.ts';
import { backUpDatabase } from '#services/backup/back-up-database.ts';
import { loadDemoEcosystem } from '#demo/load-demo-ecosystem.ts';
import { TEST_DATABASES, sqliteTestDatabase, type TestDatabaseKind } from '#test/test-databases.ts';
import type { CommandContext } from '../context.ts';
import { runCli } from '../main.ts';

const dir = mkdtempSync(join(tmpdir(), 'musubi-backup-'));
let fileNo = 0;
const nextFile = (name: string) => join(dir, `${(fileNo += 1)}-${name}`);

function capture() {
  let out = '';
  let err = '';
  const context: CommandContext = {
    config: { defaultDatabase: join(dir, 'default.sqlite'), defaultPort: 0 },
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
  };
  return { context, out: () => out, err: () => err };
}

const TRICKY = 'quote " apostrophe \' back\\slash\nnew line\ttab 結び 🍣 \u2028 end';

/** Rows in every table besides the demo's entities: accounts to index chunks, with odd text. */
async function fillEveryTable(client: SqlClient): Promise<void> {
  const at = '2026-12-01T09:00:00.000Z';
  const json = (value: unknown) => JSON.stringify(value);
  const rows: [string, Record<string, SqlParam>][] = [
    [
      'accounts',
      {
        id: 'acc-1',
        email: 'a@example.org',
        display_name: TRICKY,
        role: 'admin',
        organisation_id: null,
        password_hash: 'scrypt$x',
        disabled: false,
        created_at: at,
        updated_at: at,
      },
    ],
    [
      'accounts',
      {
        id: 'acc-2',
        email: 'b@example.org',
        display_name: 'B',
        role: 'member',
        organisation_id: 'org-1',
        password_hash: 'scrypt$y',
        disabled: true,
        created_at: at,
        updated_at: at,
      },
    ],
    [
      'api_tokens',
      {
        id: 'tok-1',
        account_id: 'acc-1',
        name: 'ci',
        prefix: 'msb_1',
        token_hash: 'h1',
        created_at: at,
        expires_at: null,
        last_used_at: at,
        revoked_at: null,
      },
    ],
    [
      'sessions',
      {
        token_hash: 's1',
        account_id: 'acc-1',
        csrf_hash: 'c1',
        created_at: at,
        expires_at: '2099-01-01T00:00:00.000Z',
      },
    ],
    [
      'need_assignments',
      { need_id: 'need-x', account_id: 'acc-2', assigned_by: 'acc-1', assigned_at: at },
    ],
    [
      'audit_log',
      {
        id: 'aud-1',
        at,
        account_id: 'acc-1',
        action: 'update',
        entity: 'needs',
        entity_id: 'need-x',
        before_data: json({ title: TRICKY, n: 0.1 + 0.2 }),
        after_data: null,
      },
    ],
    [
      'audit_log',
      {
        id: 'aud-2',
        at,
        account_id: null,
        action: 'sign_in_failed',
        entity: 'sessions',
        entity_id: 'x',
        before_data: null,
        after_data: json([1, 'two', { three: null }]),
      },
    ],
    [
      'analysis_runs',
      {
        id: 'run-1',
        kind: 'communities',
        parameters: json({ resolution: 1.25 }),
        summary: json({ count: 3 }),
        result: json({ nested: { deep: [[1], [2, { a: TRICKY }]] } }),
        created_at: at,
      },
    ],
    [
      'consultations',
      {
        id: 'con-1',
        need_id: 'need-x',
        stage: 'triage',
        requester_id: 'acc-2',
        prefecture_code: '13',
        field: null,
        coordinator_ids: json(['acc-1']),
        agreement_type: null,
        outcome: null,
        close_reason: null,
        opened_by: 'acc-1',
        opened_at: at,
        stage_entered_at: at,
        closed_at: null,
        version: 3,
        updated_at: at,
      },
    ],
    [
      'consultation_events',
      {
        consultation_id: 'con-1',
        seq: 1,
        at,
        actor_id: 'acc-1',
        kind: 'opened',
        from_stage: null,
        to_stage: 'intake',
        data: json({}),
      },
    ],
    [
      'consultation_events',
      {
        consultation_id: 'con-1',
        seq: 2,
        at,
        actor_id: 'acc-1',
        kind: 'note',
        from_stage: null,
        to_stage: null,
        data: json({ text: TRICKY }),
      },
    ],
    [
      'match_feedback',
      {
        id: 'fb-1',
        need_id: 'need-x',
        seed_id: 'seed-y',
        decision: 'good',
        reason: null,
        note: TRICKY,
        need_field: 'bio',
        seed_field: 'bio',
        seed_trl: 4,
        need_terms: json(['a', 'b']),
        consultation_id: 'con-1',
        actor_id: 'acc-1',
        at,
      },
    ],
    [
      'need_digests',
      {
        need_id: 'need-x',
        digest_id: 'dg-1',
        title: 'T',
        summary: TRICKY,
        field: null,
        sdgs: json([3, 9]),
        keywords: json(['k']),
        published_by: 'acc-1',
        published_at: at,
        withdrawn_at: null,
      },
    ],
    [
      'disclosure_requests',
      {
        id: 'dr-1',
        need_id: 'need-x',
        organisation_id: 'org-2',
        requested_by: 'acc-2',
        status: 'accepted',
        message: TRICKY,
        created_at: at,
        decided_at: at,
        decided_by: 'acc-1',
        agreement_ref: 'NDA-1',
      },
    ],
    [
      'disclosure_events',
      {
        need_id: 'need-x',
        seq: 1,
        at,
        actor_id: 'acc-1',
        kind: 'disclosure_accepted',
        organisation_id: 'org-2',
        data: json({ agreementRef: 'NDA-1' }),
      },
    ],
    [
      'matching_index_chunks',
      { name: 'seeds', chunk: 0, fingerprint: 'fp', data: 'QUJD'.repeat(5000) },
    ],
  ];
  for (const [table, row] of rows) {
    const columns = Object.keys(row);
    await client.run(
      `INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      Object.values(row),
    );
  }
}

async function seeded(kind: TestDatabaseKind): Promise<{ target: string; db: Database }> {
  const target = await kind.freshTarget();
  const db = await openDatabase(target);
  await loadDemoEcosystem(db.repos, { seed: 7, scale: 0.02 });
  await fillEveryTable(db.client);
  return { target, db };
}

/** Every row of every table (sessions aside), read with plain queries in primary-key order. */
async function everyRow(db: Database): Promise<Record<string, unknown[]>> {
  const store = createBackupStore(db.client);
  const out: Record<string, unknown[]> = {};
  for (const table of await store.tables()) {
    const order = table.columns.includes('id')
      ? '"id"'
      : table.columns.map((c) => `"${c}"`).join(', ');
    out[table.name] = await db.client.all(`SELECT * FROM ${table.name} ORDER BY ${order}`);
  }
  return out;
}

const TABLES_THAT_MUST_BE_COVERED = [
  'accounts',
  'api_tokens',
  'need_assignments',
  'audit_log',
  'analysis_runs',
  'consultations',
  'consultation_events',
  'match_feedback',
  'need_digests',
  'disclosure_requests',
  'disclosure_events',
  'matching_index_chunks',
  'actors',
  'relations',
  'seeds',
  'needs',
  'projects',
  'programmes',
  'adoptions',
  'funding_flows',
  'support_measures',
  'case_stories',
  'indicators',
];

async function isEmpty(target: string): Promise<string[]> {
  const db = await openDatabase(target);
  try {
    return await createBackupStore(db.client).nonEmptyTables();
  } finally {
    await db.close();
  }
}

/** Rewrites a backup's content and its end record so that digest and counts match again. */
function reseal(file: string, edit: (lines: string[]) => string[]): Buffer {
  const lines = gunzipSync(readFileSync(file)).toString('utf8').trimEnd().split('\n');
  const body = edit(lines.slice(0, -1));
  const text = body.map((l) => `${l}\n`).join('');
  const end = JSON.parse(lines[lines.length - 1] ?? '{}') as { rows: Record<string, number> };
  let table = '';
  const rows: Record<string, number> = {};
  for (const line of body.slice(1)) {
    if (line.startsWith('{')) rows[(table = (JSON.parse(line) as { table: string }).table)] = 0;
    else rows[table] = (rows[table] ?? 0) + 1;
  }
  expect(Object.keys(rows)).toHaveLength(Object.keys(end.rows).length);
  const sha256 = createHash('sha256').update(text).digest('hex');
  return gzipSync(`${text}${JSON.stringify({ end: true, rows, sha256 })}\n`);
}

describe.each(TEST_DATABASES)('musubi backup / restore on $name', (kind) => {
  it(
    'restores into an empty database the same rows in every table',
    { timeout: 120_000 },
    async () => {
      const { target, db } = await seeded(kind);
      const before = await everyRow(db);
      await db.close();
      for (const table of TABLES_THAT_MUST_BE_COVERED)
        expect(before[table]?.length, table).toBeGreaterThan(0);
      expect(Object.keys(before)).not.toContain('sessions');

      const file = nextFile('full.musubi-backup.gz');
      const backup = capture();
      expect(
        await runCli(['backup', '--out', file, '--db', target, '--json'], backup.context),
        backup.err(),
      ).toBe(0);
      const report = JSON.parse(backup.out()) as { rows: Record<string, number> };
      for (const [table, rows] of Object.entries(before))
        expect(report.rows[table], table).toBe(rows.length);

      const copy = await kind.freshTarget();
      const restore = capture();
      expect(await runCli(['restore', file, '--db', copy], restore.context), restore.err()).toBe(0);
      expect(restore.out()).toMatch(/restored [\d,]+ rows in \d+ tables/);
      const restored = await openDatabase(copy);
      try {
        const after = await everyRow(restored);
        expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
        for (const table of Object.keys(before)) expect(after[table], table).toEqual(before[table]);
        // Text search works on the restored rows (SQLite's index is filled by its triggers).
        const someActor = before['actors']?.[0] as { name: string } | undefined;
        const found = await restored.repos
          .entity('actors')
          .list({ limit: 5, q: someActor?.name ?? '' });
        expect(found.items.length).toBeGreaterThan(0);
      } finally {
        await restored.close();
      }

      // Restoring again into the now full database is refused with exit 5, and changes nothing.
      const again = capture();
      expect(await runCli(['restore', file, '--db', copy], again.context)).toBe(5);
      expect(again.err()).toMatch(
        /not empty \(rows in .*actors.*\); restore only into an empty database/,
      );
    },
  );

  it(
    'takes one consistent moment while another connection keeps writing',
    { timeout: 120_000 },
    async () => {
      const { target, db } = await seeded(kind);
      await db.close();
      const writer = await openDatabase(target);
      let written = 0;
      let stop = false;
      // Each transaction writes one row to two tables the backup reads at different times.
      const writing = (async () => {
        while (!stop) {
          const id = `w-${written + 1}`;
          await writer.client.transaction(async (tx) => {
            await tx.run(
              'INSERT INTO analysis_runs (id, kind, parameters, summary, result, created_at) VALUES (?, ?, ?, ?, ?, ?)',
              [id, 'concurrent', '{}', '{}', '{}', '2026-12-01T00:00:00.000Z'],
            );
            await tx.run(
              'INSERT INTO audit_log (id, at, account_id, action, entity, entity_id, before_data, after_data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
              [id, '2026-12-01T00:00:00.000Z', null, 'create', 'analysis_runs', id, null, null],
            );
          });
          written += 1;
          await new Promise((resolve) => setImmediate(resolve));
        }
      })();
      const reader = await openDatabase(target);
      const file = nextFile('concurrent.musubi-backup.gz');
      let startedAt = 0;
      try {
        while (written < 5) await new Promise((resolve) => setTimeout(resolve, 5));
        startedAt = written;
        // Small pages: many reads, with the writer's commits landing between them.
        await backUpDatabase(createBackupStore(reader.client), file, {
          clock: systemClock,
          pageSize: 20,
        });
      } finally {
        stop = true;
        await writing;
        await reader.close();
        await writer.close();
      }
      expect(written - startedAt, 'writes while the backup ran').toBeGreaterThan(5);

      const copy = await kind.freshTarget();
      const restore = capture();
      expect(await runCli(['restore', file, '--db', copy], restore.context), restore.err()).toBe(0);
      const restored = await openDatabase(copy);
      try {
        const runs = await restored.client.all<{ id: string }>(
          "SELECT id FROM analysis_runs WHERE kind = 'concurrent' ORDER BY id",
        );
        const audit = await restored.client.all<{ id: string }>(
          "SELECT id FROM audit_log WHERE id LIKE 'w-%' ORDER BY id",
        );
        expect(runs.length).toBeGreaterThanOrEqual(startedAt);
        expect(audit.map((r) => r.id)).toEqual(runs.map((r) => r.id));
      } finally {
        await restored.close();
      }
    },
  );

  describe('a bad file is named and nothing is written', () => {
    let good: string | undefined;
    async function goodBackup(): Promise<string> {
      if (good) return good;
      const { target, db } = await seeded(kind);
      await db.close();
      const file = nextFile('good.musubi-backup.gz');
      expect(await runCli(['backup', '--out', file, '--db', target], capture().context)).toBe(0);
      return (good = file);
    }

    async function expectRefused(bytes: Buffer, message: RegExp, exit = 3): Promise<void> {
      const file = nextFile('bad.musubi-backup.gz');
      writeFileSync(file, bytes);
      const copy = await kind.freshTarget();
      const run = capture();
      expect(await runCli(['restore', file, '--db', copy], run.context)).toBe(exit);
      expect(run.err()).toMatch(message);
      expect(run.err()).not.toMatch(/unexpected error|\n\s+at /);
      expect(await isEmpty(copy)).toEqual([]);
    }

    it('truncated', { timeout: 60_000 }, async () => {
      const bytes = readFileSync(await goodBackup());
      await expectRefused(bytes.subarray(0, Math.floor(bytes.length / 2)), /truncated/);
      const text = gunzipSync(bytes);
      // Cut at a line end, recompressed: the missing end record says so.
      const cut = text.subarray(0, text.lastIndexOf('\n', text.length / 2) + 1);
      await expectRefused(gzipSync(cut), /no end record after line \d+ \(the file is truncated\)/);
    });

    it('damaged bytes', { timeout: 60_000 }, async () => {
      const good = readFileSync(await goodBackup());
      // Depending on where a flip lands, inflate fails, or it yields text whose first damaged
      // line, digest or counts give it away: each is named.
      for (const share of [0.1, 0.3, 0.5, 0.7, 0.9]) {
        const bytes = Buffer.from(good);
        const at = Math.floor(bytes.length * share);
        bytes[at] = (bytes[at] ?? 0) ^ 0xff;
        await expectRefused(
          bytes,
          /backup .*: (the compressed data are damaged|line \d+|checksum mismatch|no end record|table \w+: the end record counts)/,
        );
      }
    });

    it('edited content (digest no longer matches)', { timeout: 60_000 }, async () => {
      const text = gunzipSync(readFileSync(await goodBackup())).toString('utf8');
      const edited = text.replace('"a@example.org"', '"evil@example.org"');
      expect(edited).not.toBe(text);
      await expectRefused(
        gzipSync(edited),
        /checksum mismatch: the end record says sha256 [0-9a-f]{64}, the content has [0-9a-f]{64}/,
      );
    });

    it(
      'a row of the wrong width, an unknown table, a newer format, not a backup at all',
      { timeout: 60_000 },
      async () => {
        const file = await goodBackup();
        const widthLine = (lines: string[]) => lines.findIndex((l) => l.startsWith('["acc-2"'));
        await expectRefused(
          reseal(file, (lines) =>
            lines.map((l, i) => (i === widthLine(lines) ? l.replace('["acc-2",', '[') : l)),
          ),
          /line \d+: a row of accounts has \d+ values, expected \d+/,
        );
        await expectRefused(
          reseal(file, (lines) =>
            lines.map((l) => l.replace('{"table":"need_digests"', '{"table":"no_such_table"')),
          ),
          /table no_such_table does not exist in the target database/,
        );
        await expectRefused(
          reseal(file, (lines) => [
            lines[0]?.replace('"formatVersion":1', '"formatVersion":2') ?? '',
            ...lines.slice(1),
          ]),
          /format version 2 is newer than this Musubi reads \(1\)/,
        );
        await expectRefused(Buffer.from('id,name\n1,x\n'), /not a Musubi backup/);
        await expectRefused(Buffer.alloc(0), /the file is empty/);
      },
    );

    it(
      'a file whose rows break a constraint rolls back every table already written',
      { timeout: 60_000 },
      async () => {
        const file = await goodBackup();
        // A second account with the first one's e-mail (unique): accounts load first, then it fails.
        const bytes = reseal(file, (lines) => {
          const first = lines.findIndex((l) => l.startsWith('["acc-1"'));
          const row = JSON.parse(lines[first] ?? '[]') as unknown[];
          const duplicate = JSON.stringify(['acc-0', ...row.slice(1)]);
          return [...lines.slice(0, first + 2), duplicate, ...lines.slice(first + 2)];
        });
        await expectRefused(
          bytes,
          /rows of accounts could not be written \(.*\); nothing was restored/,
        );
      },
    );
  });
});

describe('backup across engines', () => {
  const postgres = TEST_DATABASES.find((k) => k.name === 'postgres');
  it.skipIf(!postgres)(
    'a SQLite backup restores into PostgreSQL and back with the same data',
    { timeout: 120_000 },
    async () => {
      if (!postgres) return;
      const { target, db } = await seeded(sqliteTestDatabase);
      const store: BackupStore = createBackupStore(db.client);
      const first = nextFile('sqlite.musubi-backup.gz');
      await backUpDatabase(store, first, { clock: systemClock });
      const before = await everyRow(db);
      await db.close();
      const pg = await postgres.freshTarget();
      expect(await runCli(['restore', first, '--db', pg], capture().context)).toBe(0);
      const second = nextFile('postgres.musubi-backup.gz');
      expect(await runCli(['backup', '--out', second, '--db', pg], capture().context)).toBe(0);
      const back = await sqliteTestDatabase.freshTarget();
      expect(await runCli(['restore', second, '--db', back], capture().context)).toBe(0);
      const restored = await openDatabase(back);
      try {
        const after = await everyRow(restored);
        // PostgreSQL stores JSON as jsonb (its own spacing and key order): compare JSON by value.
        const normalise = (rows: unknown[] | undefined) =>
          (rows ?? []).map((row) =>
            Object.fromEntries(
              Object.entries(row as Record<string, unknown>).map(([k, v]) => {
                if (typeof v === 'string' && /^[[{]/.test(v)) {
                  try {
                    return [k, JSON.parse(v) as unknown];
                  } catch {
                    return [k, v];
                  }
                }
                return [k, v];
              }),
            ),
          );
        for (const table of Object.keys(before))
          expect(normalise(after[table]), table).toEqual(normalise(before[table]));
      } finally {
        await restored.close();
      }
      expect(existsSync(target)).toBe(true);
    },
  );
});

describe('musubi backup / restore usage', () => {
  it.each([['backup'], ['restore']])('%s --help describes --db', async (command) => {
    const run = capture();
    expect(await runCli([command, '--help'], run.context)).toBe(0);
    expect(run.out()).toContain('--db <pathOrUrl>');
  });

  it('asks for --out and for the file (exit 2), and names a missing file (exit 3)', async () => {
    const target = await sqliteTestDatabase.freshTarget();
    expect(await runCli(['backup', '--db', target], capture().context)).toBe(2);
    expect(await runCli(['restore', '--db', target], capture().context)).toBe(2);
    const missing = capture();
    const file = join(dir, 'no-such.musubi-backup.gz');
    expect(await runCli(['restore', file, '--db', target], missing.context)).toBe(3);
    expect(missing.err()).toContain(`backup ${file}: no such file`);
  });

  it('writes the file readable by its owner only, and no partial file on failure', async () => {
    const { target, db } = await seeded(sqliteTestDatabase);
    await db.close();
    const file = nextFile('private.musubi-backup.gz');
    expect(await runCli(['backup', '--out', file, '--db', target], capture().context)).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const nowhere = join(dir, 'no-such-dir', 'x.gz');
    const failed = capture();
    expect(await runCli(['backup', '--out', nowhere, '--db', target], failed.context)).toBe(3);
    expect(failed.err()).toContain(`cannot write the backup to ${nowhere}: ENOENT`);
    expect(readdirSync(dir).filter((name) => name.includes('.partial-'))).toEqual([]);
  });
});
