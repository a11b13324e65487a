import type { KnownActor } from '#connectors/resolve-actor.ts';
import type { StoredRecord } from '#core/ports.ts';

/** What resolution needs of a stored actor. */
export function knownOf(record: StoredRecord): KnownActor {
  const text = (key: string): string | undefined =>
    typeof record[key] === 'string' ? (record[key] as string) : undefined;
  return {
    id: String(record['id']),
    kind: record['kind'] === 'person' ? 'person' : 'organization',
    name: String(record['name']),
    prefectureCode: text('prefectureCode'),
    countryCode: text('countryCode'),
    // The English name is matched like a former one (OpenAlex and KAKEN often give only it).
    formerNames: [
      ...(Array.isArray(record['formerNames']) ? record['formerNames'].map(String) : []),
      ...(typeof record['nameEn'] === 'string' ? [record['nameEn']] : []),
    ],
    corporateNumber: text('corporateNumber'),
    ror: text('ror'),
    orcid: text('orcid'),
    researchmapId: text('researchmapId'),
    kakenId: text('kakenId'),
    openalexId: text('openalexId'),
  };
}
