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
