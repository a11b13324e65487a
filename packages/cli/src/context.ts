import { openDatabase, type Database } from '#db/open-database.ts';
import { DomainError } from '#core/domain-error.ts';
import type { CliConfig } from './config.ts';

/** Where a command writes; the process streams in production, buffers in tests. */
export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface CommandContext {
  config: CliConfig;
  stdout: OutputStream;
  stderr: OutputStream;
  /** Standard input as text (tests give their own; default: the process's). */
  readStdin?: () => Promise<string>;
}

/** Opens the database named by --db (or the configured default), with a clear message when it cannot. */
export async function openTarget(
  db: string | undefined,
  context: CommandContext,
): Promise<Database> {
  const target = db ?? context.config.defaultDatabase;
  try {
    return await openDatabase(target);
  } catch (error) {
    throw new DomainError(
      'storage_unavailable',
      `cannot open database ${target.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')}: ${(error as Error).message}`,
    );
  }
}

export function writeLine(stream: OutputStream, text = ''): void {
  stream.write(`${text}\n`);
}
