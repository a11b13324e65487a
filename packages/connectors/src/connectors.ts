import type { SourceConnector, SourceName } from './connector.ts';
import { estatConnector } from './estat.ts';
import { gbizinfoConnector } from './gbizinfo.ts';
import { houjinBangouConnector } from './houjin-bangou.ts';
import { jgrantsConnector } from './jgrants.ts';
import { kakenConnector } from './kaken.ts';
import { openalexConnector } from './openalex.ts';
import { researchmapConnector } from './researchmap.ts';
import { rorConnector } from './ror.ts';

/** Every connector by its source name. */
export const CONNECTORS: Record<SourceName, SourceConnector> = {
  'houjin-bangou': houjinBangouConnector,
  gbizinfo: gbizinfoConnector,
  researchmap: researchmapConnector,
  kaken: kakenConnector,
  openalex: openalexConnector,
  ror: rorConnector,
  estat: estatConnector,
  jgrants: jgrantsConnector,
};

/** A source whose data are shown, with the credit line its terms ask for. */
export interface SourceCredit {
  source: SourceName;
  credit: string;
}

function isSourceName(value: string): value is SourceName {
  return Object.hasOwn(CONNECTORS, value);
}

/**
 * The credit lines of the open sources among these provenance values (a record's `source`, the
 * sources of an actor's fields), each once, in the connectors' order. Other values (demo, people,
 * CSV imports) ask for no credit and are left out.
 */
export function creditsOf(sources: Iterable<string | undefined>): SourceCredit[] {
  const present = new Set<string>();
  for (const source of sources) if (source !== undefined) present.add(source);
  return Object.keys(CONNECTORS)
    .filter(isSourceName)
    .filter((source) => present.has(source))
    .map((source) => ({ source, credit: CONNECTORS[source].credit }));
}

/** The provenance values of records: their own source, and for actors each field's source. */
export function* provenanceSources(
  records: Iterable<{
    source?: string | undefined;
    fieldSources?: Record<string, { source: string }> | undefined;
  }>,
): Iterable<string | undefined> {
  for (const record of records) {
    yield record.source;
    for (const field of Object.values(record.fieldSources ?? {})) yield field.source;
  }
}
