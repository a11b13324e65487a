/**
 * Fresh, migrated databases for tests: every test gets its own. The embedded database is always
 * tested; PostgreSQL too when TEST_DATABASE_URL (or DATABASE_URL) points at a server.
 */
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '#core/ports.ts';
import { openDatabase, type Database } from '#db/open-database.ts';
import { adminQuery, withDatabase } from '#db/pg-admin.ts';

export interface TestDatabaseKind {
  name: 'sqlite' | 'postgres';
  /** Opens a fresh migrated database; close it when done. */
  open(clock?: Clock): Promise<Database>;
  /** A target string (`--db`) for a fresh database, for CLI and server tests. */
  freshTarget(): Promise<string>;
}

const postgresUrl = process.env['TEST_DATABASE_URL'] ?? process.env['DATABASE_URL'];
const workDir = mkdtempSync(join(tmpdir(), 'musubi-test-'));
let sqliteTemplate: Promise<string> | undefined;
let counter = 0;

async function sqliteTarget(): Promise<string> {
  sqliteTemplate ??= (async () => {
    const path = join(workDir, 'template.sqlite');
    const db = await openDatabase(path);
    await db.close();
    return path;
  })();
  const template = await sqliteTemplate;
  counter += 1;
  const path = join(workDir, `db-${counter}.sqlite`);
  copyFileSync(template, path);
  return path;
}

let pgTemplate: Promise<string> | undefined;

async function postgresTarget(url: string): Promise<string> {
  const tag = `${process.pid}_${Date.now().toString(36)}`;
  pgTemplate ??= (async () => {
    const name = `musubi_tpl_${tag}`;
    await adminQuery(url, `CREATE DATABASE ${name}`);
    const db = await openDatabase(withDatabase(url, name));
    await db.close();
    return name;
  })();
  const template = await pgTemplate;
  counter += 1;
  const name = `musubi_t_${tag}_${counter}`;
  await adminQuery(url, `CREATE DATABASE ${name} TEMPLATE ${template}`);
  return withDatabase(url, name);
}

export const sqliteTestDatabase: TestDatabaseKind = {
  name: 'sqlite',
  freshTarget: sqliteTarget,
  async open(clock) {
    return openDatabase(await sqliteTarget(), clock);
  },
};

export const TEST_DATABASES: TestDatabaseKind[] = [sqliteTestDatabase];
if (postgresUrl) {
  TEST_DATABASES.push({
    name: 'postgres',
    freshTarget: () => postgresTarget(postgresUrl),
    async open(clock) {
      return openDatabase(await postgresTarget(postgresUrl), clock);
    },
  });
}

export const TEST_WORK_DIR = workDir;
