import { systemClock } from '#core/ports.ts';
import { createBackupStore } from '#db/backup-store.ts';
import { backUpDatabase } from '#services/backup/back-up-database.ts';
import { verifyBackupFile } from '#services/backup/backup-file.ts';
import { restoreDatabase } from '#services/backup/restore-database.ts';
import { openTarget, writeLine, type CommandContext } from '../context.ts';
import { createProgress } from '../progress.ts';

export async function runBackup(
  options: { db?: string; out: string; json?: boolean },
  context: CommandContext,
): Promise<void> {
  const database = await openTarget(options.db, context);
  const progress = createProgress('backup', context.stderr);
  try {
    const report = await backUpDatabase(createBackupStore(database.client), options.out, {
      clock: systemClock,
      onRows: (table, rows) => progress.update(0, 0, `${table}: ${rows.toLocaleString('en')}`),
    });
    progress.stop();
    if (options.json) writeLine(context.stdout, JSON.stringify(report));
    else {
      writeLine(
        context.stdout,
        `backup of ${database.location} written to ${report.path}: ${report.total.toLocaleString('en')} rows in ${Object.keys(report.rows).length} tables`,
      );
    }
  } finally {
    progress.stop();
    await database.close();
  }
}

export async function runRestore(
  file: string,
  options: { db?: string; json?: boolean },
  context: CommandContext,
): Promise<void> {
  // The file is checked whole before the target is even opened: a bad file touches nothing.
  const verified = await verifyBackupFile(file);
  const database = await openTarget(options.db, context);
  const progress = createProgress('restore', context.stderr);
  try {
    const report = await restoreDatabase(createBackupStore(database.client), file, {
      verified,
      onRows: (table, rows) => progress.update(0, 0, `${table}: ${rows.toLocaleString('en')}`),
    });
    progress.stop();
    if (options.json) writeLine(context.stdout, JSON.stringify(report));
    else {
      writeLine(
        context.stdout,
        `restored ${report.total.toLocaleString('en')} rows in ${Object.keys(report.rows).length} tables from ${file} into ${database.location}`,
      );
    }
  } finally {
    progress.stop();
    await database.close();
  }
}
