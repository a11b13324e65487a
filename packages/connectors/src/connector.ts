import type { ActorFlag, ActorKind, RelationType, SeedKind, Sector } from '#core/vocabulary.ts';
import type { SkipReason } from './skip-reasons.ts';

/** The open sources Musubi reads, as named on the command line (`musubi connect SOURCE`). */
export const SOURCE_NAMES = [
  'houjin-bangou',
  'gbizinfo',
  'researchmap',
  'kaken',
  'openalex',
  'ror',
  'estat',
  'jgrants',
] as const;
export type SourceName = (typeof SOURCE_NAMES)[number];

/** A file (or API answer) as bytes, with the name it came under; the connector decodes it. */
export interface ConnectorInput {
  /** File name or URL: named in messages, and some sources tell variants apart by it. */
  name: string;
  chunks: AsyncIterable<Uint8Array>;
}

/** Identifiers and the name/place an actor is known by in a source: what resolution works from. */
export interface ActorKeys {
  /** 法人番号, 13 digits with a valid check digit. */
  corporateNumber?: string;
  /** Bare ROR id, e.g. 02e16g702. */
  ror?: string;
  orcid?: string;
  /** researchmap member id (rm:user_id) or permalink. */
  researchmapId?: string;
  /** KAKEN / e-Rad researcher number (研究者番号), 8 digits. */
  kakenId?: string;
  /** OpenAlex id without the URL, e.g. I135598925 or A5043579160. */
  openalexId?: string;
  name?: string;
  prefectureCode?: string;
  /** ISO 3166-1 alpha-2 of a foreign actor (absent or JP: Japan); matched instead of a prefecture. */
  countryCode?: string;
  kind?: ActorKind;
}

/** The actor fields a source can state; absent fields are left as they are. */
export interface ActorFields {
  kind: ActorKind;
  sector: Sector;
  name: string;
  nameEn?: string;
  nameKana?: string;
  prefectureCode?: string;
  municipalityCode?: string;
  /** ISO 3166-1 alpha-2; JP unless the source says otherwise. */
  countryCode?: string;
  lat?: number;
  lon?: number;
  url?: string;
  flags?: ActorFlag[];
  field?: string;
  keywords?: string[];
  employees?: number;
  capital?: number;
  foundedYear?: number;
  papers?: number;
  citations?: number;
  patents?: number;
  /** Names the actor was known by before (法人番号 history, ROR aliases): resolution matches them too. */
  formerNames?: string[];
}

/** A corporation whose register was closed (閉鎖), with why and who took it over. */
export interface Closure {
  date: string;
  cause?: string;
  successorCorporateNumber?: string;
}

interface At {
  /** Where in the input: "line 12", "hojin-infos[0].subsidy[3]", "VALUE[2]". */
  at: string;
}

export type ConnectorRecord =
  | (At & {
      type: 'actor';
      keys: ActorKeys;
      fields: ActorFields;
      closure?: Closure;
      /** Date the source last changed the record, YYYY-MM-DD. */
      updatedOn?: string;
    })
  | (At & {
      type: 'relation';
      from: ActorKeys;
      to: ActorKeys;
      relation: RelationType;
      weight: number;
      startDate?: string;
      endDate?: string;
      note?: string;
    })
  | (At & {
      type: 'seed';
      owner: ActorKeys;
      /** Identity within the source (application number, award number). */
      key: string;
      kind: SeedKind;
      title: string;
      abstract?: string;
      keywords?: string[];
      patentNumber?: string;
      url?: string;
    })
  | (At & {
      type: 'funding';
      recipient: ActorKeys;
      key: string;
      fiscalYear: number;
      amount: number;
      /** Programme (事業) name as the source writes it. */
      programmeName?: string;
      funderName?: string;
      note?: string;
    })
  | (At & {
      type: 'indicator';
      areaType: 'nation' | 'prefecture' | 'municipality';
      areaCode: string;
      year: number;
      metric: string;
      value: number;
      unit: string;
      label: string;
    })
  | (At & {
      type: 'support-measure';
      key: string;
      name: string;
      provider: string;
      prefectureCodes: string[];
      maxAmount?: number;
      startDate?: string;
      endDate?: string;
      eligibility?: string;
      url?: string;
    });

/** A row that was read but is left out on purpose (not an error), with why (skip-reasons.ts). */
export interface SkippedRecord extends At, SkipReason {
  type: 'skipped';
}

/** A row the source published wrongly: it stops an all-or-nothing run. */
export interface RejectedRecord extends At {
  type: 'rejected';
  field: string;
  reason: string;
  reasonJa: string;
}

export type ConnectorOutput = ConnectorRecord | SkippedRecord | RejectedRecord;

/** One module per source: reads the source's own published format into records with their place. */
export interface SourceConnector {
  readonly source: SourceName;
  /** The credit line the source's terms ask for wherever its data are shown. */
  readonly credit: string;
  /**
   * True when the source gives only actors, each with its 法人番号 (no relations, seeds…): a run
   * may then apply them in batches as they are read instead of holding the whole file.
   */
  readonly actorsOnly?: boolean;
  /** Throws DomainError('unsupported_format') when the input is not this source's format. */
  parse(input: ConnectorInput): AsyncIterable<ConnectorOutput>;
}
