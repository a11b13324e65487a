import { ENTITY_SPECS, type EntityName } from '#core/entities/registry.ts';
import { creditsOf, provenanceSources } from '#connectors/connectors.ts';
import type { Repositories, StoredRecord } from '#core/ports.ts';
import type { FileFormat } from './read-records.ts';
import { createRecordSink } from './write-records.ts';

function provenanceOf(record: StoredRecord): {
  source?: string;
  fieldSources?: Record<string, { source: string }>;
} {
  const source = typeof record['source'] === 'string' ? record['source'] : undefined;
  const fields = record['fieldSources'];
  const fieldSources: Record<string, { source: string }> = {};
  if (fields && typeof fields === 'object' && !Array.isArray(fields))
    for (const [field, value] of Object.entries(fields))
      if (
        value &&
        typeof value === 'object' &&
        typeof (value as { source?: unknown }).source === 'string'
      )
        fieldSources[field] = { source: String((value as { source: string }).source) };
  return { ...(source ? { source } : {}), fieldSources };
}

export interface ExportReport {
  entity: EntityName;
  format: FileFormat;
  path: string;
  written: number;
  /** The credit lines of the open sources among the records (in the file or beside it). */
  credits: string[];
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
  const sources = new Set<string | undefined>();
  let credits: string[] = [];
  try {
    for await (const batch of repos.entity(entity).iterate(5000)) {
      await sink.write(batch);
      for (const source of provenanceSources(batch.map(provenanceOf))) sources.add(source);
      written += batch.length;
      onProgress?.(written);
    }
    credits = creditsOf(sources).map((c) => c.credit);
    await sink.close(credits);
  } catch (error) {
    await sink.abort();
    throw error;
  }
  return { entity, format, path, written, credits };
}
