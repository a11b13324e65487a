import { DomainError } from '#core/domain-error.ts';
import { ENTITY_NAMES, isEntityName } from '#core/entities/registry.ts';
import { exportRecords } from '#services/import-export/export-records.ts';
import { FILE_FORMATS, type FileFormat } from '#services/import-export/read-records.ts';
import { auditCli } from '../cli-audit.ts';
import { openTarget, writeLine, type CommandContext } from '../context.ts';
import { createProgress } from '../progress.ts';

export async function runExport(
  entity: string,
  options: { db?: string; format: string; out: string },
  context: CommandContext,
): Promise<void> {
  if (!isEntityName(entity)) {
    throw new DomainError(
      'validation_failed',
      `unknown entity "${entity}"; one of: ${ENTITY_NAMES.join(', ')}`,
    );
  }
  if (!(FILE_FORMATS as readonly string[]).includes(options.format)) {
    throw new DomainError(
      'unsupported_format',
      `unknown format "${options.format}"; one of: ${FILE_FORMATS.join(', ')}`,
    );
  }
  const database = await openTarget(options.db, context);
  const progress = createProgress(`export ${entity}`, context.stderr);
  try {
    const total = await database.repos.entity(entity).count();
    const report = await exportRecords(
      database.repos,
      entity,
      options.out,
      options.format as FileFormat,
      (written) => progress.update(written, total, `${written.toLocaleString('en')} records`),
    );
    progress.stop();
    // An export carries every record, confidential needs included: who took which file is audited.
    await auditCli(database.repos, {
      action: 'export',
      entity,
      entityId: entity,
      after: {
        records: report.written,
        ...(entity === 'needs'
          ? {
              confidential: await database.repos
                .entity('needs')
                .count({ confidentiality: 'confidential' }),
            }
          : {}),
        file: report.path,
        format: options.format,
      },
    });
    writeLine(
      context.stdout,
      `${entity}: ${report.written.toLocaleString('en')} records written to ${report.path}`,
    );
  } finally {
    progress.stop();
    await database.close();
  }
}
