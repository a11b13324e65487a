import { resolve } from 'node:path';
import type { Clock, Repositories } from '#core/ports.ts';
import { systemClock } from '#core/ports.ts';
import { migrate } from './migrations.ts';
import { createSqlRepositories } from './repositories.ts';
import { repairSearchIndexes } from './search-index.ts';
import type { SqlClient } from './sql-client.ts';
import { createSqliteClient } from './sqlite-client.ts';

export interface Database {
  /** Where the data lives, for messages: a file path or a URL without its password. */
  readonly location: string;
  readonly client: SqlClient;
  readonly repos: Repositories;
  close(): Promise<void>;
}

export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

/** Opens (and migrates) the database at a file path (embedded) or a postgres:// URL. */
export async function openDatabase(target: string, clock: Clock = systemClock): Promise<Database> {
  const postgres = isPostgresUrl(target);
  // The PostgreSQL driver loads only when used.
  const client = postgres
    ? (await import('./pg-client.ts')).createPgClient(target)
    : createSqliteClient(target === ':memory:' ? target : resolve(target));
  try {
    await migrate(client);
    await repairSearchIndexes(client);
  } catch (error) {
    await client.close().catch(() => undefined);
    throw error;
  }
  return {
    location: postgres ? redact(target) : target,
    client,
    repos: createSqlRepositories(client, clock),
    close: () => client.close(),
  };
}
