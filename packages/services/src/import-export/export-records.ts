import { ENTITY_SPECS, type EntityName } from '#core/entities/registry.ts';
import type { Repositories } from '#core/ports.ts';
import type { FileFormat } from './read-records.ts';
import { createRecordSink } from './write-records.ts';

export interface ExportReport {
  entity: EntityName;
  format: FileFormat;
  path: string;
  written: number;
}

/** Writes every record of an entity, in identity order, to a file (written whole or not at all). */
export async function exportRecords(
  repos: Repositories,
  entity: EntityName,
  path: string,
  format: FileFormat,
  onProgress?: (written: number) => void,
): Promise<ExportReport> {
  const sink = createRecordSink(path, format, ENTITY_SPECS[entity]);
  let written = 0;
  try {
    for await (const batch of repos.entity(entity).iterate(5000)) {
      await sink.write(batch);
      written += batch.length;
      onProgress?.(written);
    }
    await sink.close();
  } catch (error) {
    await sink.abort();
    throw error;
  }
  return { entity, format, path, written };
}
