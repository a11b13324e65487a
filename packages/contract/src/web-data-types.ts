/**
 * Response shapes of the web app's data endpoints (`/api/web/*`): zod schemas, which describe
 * them in the OpenAPI document and check the responses in tests, and their types. The routes of
 * `routes/web-data.ts` answer with them, so the server and the browser agree on one definition.
 * Objects are strict: a field added to a response must be added here.
 */
import { z } from 'zod';

const ZCounts = z.record(z.string(), z.number());

export const ZWebPrefecture = z.strictObject({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  region: z.string(),
  regionEn: z.string(),
  lat: z.number(),
  lon: z.number(),
});

export const ZWebMetricInfo = z.strictObject({
  id: z.string(),
  unit: z.string(),
  /** Indicator metrics have yearly values; the others are current counts. */
  yearly: z.boolean(),
  years: z.array(z.number()),
});

export const ZWebMeta = z.strictObject({
  prefectures: z.array(ZWebPrefecture),
  sectors: z.array(z.string()),
  relationTypes: z.array(z.string()),
  flags: z.array(z.string()),
  metrics: z.array(ZWebMetricInfo),
  /** Range of relation start years, for the network's year filter. */
  years: z.strictObject({ from: z.number(), to: z.number() }).nullable(),
  builtAt: z.string(),
});

export const ZWebCommunitySummary = z.strictObject({
  id: z.string(),
  /** A name made from the members (largest organisations and common fields), unique in the run. */
  name: z.string(),
  nameEn: z.string(),
  size: z.number(),
  /** Prefectures holding at least 5% of the members, most members first. */
  prefectures: z.array(z.string()),
  prefectureCounts: ZCounts,
  crossPrefectureShare: z.number(),
  scale: z.string(),
  coreActors: z.array(z.strictObject({ id: z.string(), name: z.string(), score: z.number() })),
  wheelCounts: ZCounts,
  gaps: z.array(
    z.strictObject({
      kind: z.string(),
      sectors: z.array(z.string()),
      ja: z.string(),
      en: z.string(),
    }),
  ),
});

export const ZWebCommunities = z.strictObject({
  /** `stored`: the latest saved `analyze communities` run; `computed`: computed for this view (not saved). */
  source: z.enum(['stored', 'computed']),
  runId: z.string().nullable(),
  computedAt: z.string(),
  resolution: z.number(),
  modularity: z.number(),
  ami: z.number(),
  communityCount: z.number(),
  unassigned: z.number(),
  communities: z.array(ZWebCommunitySummary),
});

export const ZWebScope = z.strictObject({
  type: z.enum(['nation', 'prefecture', 'community']),
  code: z.string().nullable(),
});

export const ZWebSummary = z.strictObject({
  scope: ZWebScope,
  actors: z.strictObject({
    total: z.number(),
    bySector: ZCounts,
    byKind: ZCounts,
    byFlag: ZCounts,
  }),
  relations: z.strictObject({
    /** Ties with both ends inside the scope. */
    internal: z.number(),
    /** Ties with exactly one end inside the scope. */
    external: z.number(),
    byType: ZCounts,
  }),
  projects: z.strictObject({ total: z.number(), active: z.number(), byStage: ZCounts }),
  seeds: z.strictObject({ total: z.number(), available: z.number() }),
  /** Public needs only: the anonymous view never counts members-only or confidential needs. */
  needs: z.strictObject({ public: z.number(), open: z.number() }),
  adoptions: z.strictObject({
    total: z.number(),
    ongoing: z.number(),
    /** Adoptions whose end year is not published: neither ongoing nor ended, but unknown. */
    endUnknown: z.number().optional(),
  }),
  /** Headline indicators for the latest year with data (prefecture and nation scopes). */
  indicators: z.strictObject({
    year: z.number().nullable(),
    values: z.record(z.string(), z.strictObject({ value: z.number(), unit: z.string() })),
  }),
  /** Research output summed over the scope's actors. */
  research: z.strictObject({ papers: z.number(), citations: z.number(), patents: z.number() }),
  communities: z.array(
    z.strictObject({
      id: z.string(),
      name: z.string(),
      nameEn: z.string(),
      size: z.number(),
      members: z.number(),
    }),
  ),
  community: ZWebCommunitySummary.nullable(),
  /** The credit line of each open source whose data the scope shows (show them with the data). */
  credits: z.array(z.strictObject({ source: z.string(), credit: z.string() })).optional(),
});

export const ZWebChoropleth = z.strictObject({
  metric: z.string(),
  unit: z.string(),
  year: z.number().nullable(),
  years: z.array(z.number()),
  values: ZCounts,
  total: z.number(),
});

/**
 * Choropleth values per municipality of one prefecture, keyed by 6-digit 全国地方公共団体コード. Wards of
 * designated cities count towards their city (the boundaries merge them). Metrics that exist only per
 * prefecture answer `available: false` with no values rather than made-up ones.
 */
export const ZWebMunicipalityChoropleth = z.strictObject({
  prefecture: z.string(),
  metric: z.string(),
  unit: z.string(),
  available: z.boolean(),
  /** Every map unit of the prefecture with its name, in code order. */
  municipalities: z.array(z.strictObject({ code: z.string(), name: z.string() })),
  values: ZCounts,
  total: z.number(),
  /** Counted in the prefecture but without a known municipality (not on the municipality map). */
  unplaced: z.number(),
});

/** Nodes and edges in columns (compact JSON for 50,000 nodes); node i is the i-th entry of each. */
export const ZWebNetwork = z.strictObject({
  nodeCount: z.number(),
  edgeCount: z.number(),
  /** Edges left out because of `maxEdges` (the weakest go first). */
  droppedEdges: z.number(),
  /** Organisations left out because of `maxNodes` (untied ones first, then the least tied). */
  droppedNodes: z.number(),
  sectors: z.array(z.string()),
  relationTypes: z.array(z.string()),
  /** Community ids; a node's `community` is an index into this list, or -1. */
  communities: z.array(z.string()),
  /** The communities' names (Japanese, English), parallel to `communities`. */
  communityNames: z.array(z.string()),
  communityNamesEn: z.array(z.string()),
  nodes: z.strictObject({
    id: z.array(z.string()),
    label: z.array(z.string()),
    x: z.array(z.number()),
    y: z.array(z.number()),
    size: z.array(z.number()),
    community: z.array(z.number()),
    sector: z.array(z.number()),
  }),
  edges: z.strictObject({
    source: z.array(z.number()),
    target: z.array(z.number()),
    type: z.array(z.number()),
    /** Strength of the tie: its type's weight × its own weight (the communities' graph weights). */
    weight: z.array(z.number()),
  }),
});

export const ZWebActorRow = z.strictObject({
  id: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  kind: z.string(),
  sector: z.string(),
  prefectureCode: z.string(),
  flags: z.array(z.string()),
  community: z.string().nullable(),
  degree: z.number(),
  /** Where the record came from (a connector's name); null when a person entered it. */
  source: z.string().nullable(),
  /** When the record was last confirmed true (YYYY-MM-DD); null when never. */
  confirmedAt: z.string().nullable(),
  /** To confirm (要確認): never confirmed, or confirmed longer ago than its source allows. */
  stale: z.boolean(),
});

export const ZWebActorPage = z.strictObject({
  total: z.number(),
  offset: z.number(),
  limit: z.number(),
  items: z.array(ZWebActorRow),
});

export const ZWebRoleEvidence = z.strictObject({
  role: z.enum(['star_scientist', 'core_company', 'anchor_company']),
  score: z.number(),
  qualifies: z.boolean(),
  evidence: z.array(
    z.strictObject({
      criterion: z.string(),
      value: z.union([z.number(), z.string()]),
      score: z.number(),
      note: z.string(),
    }),
  ),
});

export const ZWebActorProfile = z.strictObject({
  /** The actor record as stored (see the `Actor` schema). */
  actor: z.record(z.string(), z.unknown()),
  community: z
    .strictObject({ id: z.string(), name: z.string(), nameEn: z.string(), size: z.number() })
    .nullable(),
  degree: z.number(),
  relations: z.strictObject({
    total: z.number(),
    items: z.array(
      z.strictObject({
        otherId: z.string(),
        otherName: z.string(),
        otherSector: z.string(),
        type: z.string(),
        direction: z.enum(['out', 'in']),
        startDate: z.string().nullable(),
        endDate: z.string().nullable(),
      }),
    ),
  }),
  seeds: z.array(
    z.strictObject({
      id: z.string(),
      title: z.string(),
      kind: z.string(),
      trl: z.number().nullable(),
    }),
  ),
  needs: z.array(z.strictObject({ id: z.string(), title: z.string(), open: z.boolean() })),
  projects: z.array(
    z.strictObject({ id: z.string(), title: z.string(), stage: z.string(), role: z.string() }),
  ),
  adoptions: z.array(
    z.strictObject({
      id: z.string(),
      regionName: z.string(),
      programmeName: z.string(),
      startFy: z.number(),
      /** null when the end year is not published (unknown). */
      endFy: z.number().nullable(),
      via: z.enum(['core_institution', 'project']),
    }),
  ),
  roles: z.array(ZWebRoleEvidence),
});

export type WebPrefecture = z.infer<typeof ZWebPrefecture>;
export type WebMetricInfo = z.infer<typeof ZWebMetricInfo>;
export type WebMeta = z.infer<typeof ZWebMeta>;
export type WebCommunitySummary = z.infer<typeof ZWebCommunitySummary>;
export type WebCommunities = z.infer<typeof ZWebCommunities>;
export type WebScope = z.infer<typeof ZWebScope>;
export type WebSummary = z.infer<typeof ZWebSummary>;
export type WebChoropleth = z.infer<typeof ZWebChoropleth>;
export type WebMunicipalityChoropleth = z.infer<typeof ZWebMunicipalityChoropleth>;
export type WebNetwork = z.infer<typeof ZWebNetwork>;
export type WebActorRow = z.infer<typeof ZWebActorRow>;
export type WebActorPage = z.infer<typeof ZWebActorPage>;
export type WebRoleEvidence = z.infer<typeof ZWebRoleEvidence>;
export type WebActorProfile = z.infer<typeof ZWebActorProfile>;
