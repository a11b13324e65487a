/**
 * Response shapes of the web app's data endpoints (`/api/web/*`). Types only: the web app imports
 * them with `import type`, so the server and the browser agree on one definition.
 */

export interface WebPrefecture {
  code: string;
  name: string;
  nameEn: string;
  region: string;
  regionEn: string;
  lat: number;
  lon: number;
}

export interface WebMeta {
  prefectures: WebPrefecture[];
  sectors: string[];
  relationTypes: string[];
  flags: string[];
  metrics: WebMetricInfo[];
  /** Range of relation start years, for the network's year filter. */
  years: { from: number; to: number } | null;
  builtAt: string;
}

export interface WebMetricInfo {
  id: string;
  unit: string;
  /** Indicator metrics have yearly values; the others are current counts. */
  yearly: boolean;
  years: number[];
}

export interface WebCommunitySummary {
  id: string;
  size: number;
  /** Prefectures holding at least 5% of the members, most members first. */
  prefectures: string[];
  prefectureCounts: Record<string, number>;
  crossPrefectureShare: number;
  scale: string;
  coreActors: { id: string; name: string; score: number }[];
  wheelCounts: Record<string, number>;
  gaps: { kind: string; sectors: string[]; ja: string; en: string }[];
}

export interface WebCommunities {
  /** `stored`: the latest saved `analyze communities` run; `computed`: computed for this view (not saved). */
  source: 'stored' | 'computed';
  runId: string | null;
  computedAt: string;
  resolution: number;
  modularity: number;
  ami: number;
  communityCount: number;
  unassigned: number;
  communities: WebCommunitySummary[];
}

export interface WebScope {
  type: 'nation' | 'prefecture' | 'community';
  code: string | null;
}

export interface WebSummary {
  scope: WebScope;
  actors: {
    total: number;
    bySector: Record<string, number>;
    byKind: Record<string, number>;
    byFlag: Record<string, number>;
  };
  relations: {
    /** Ties with both ends inside the scope. */
    internal: number;
    /** Ties with exactly one end inside the scope. */
    external: number;
    byType: Record<string, number>;
  };
  projects: { total: number; active: number; byStage: Record<string, number> };
  seeds: { total: number; available: number };
  /** Public needs only: the anonymous view never counts members-only or confidential needs. */
  needs: { public: number; open: number };
  adoptions: { total: number; ongoing: number };
  /** Headline indicators for the latest year with data (prefecture and nation scopes). */
  indicators: { year: number | null; values: Record<string, { value: number; unit: string }> };
  /** Research output summed over the scope's actors. */
  research: { papers: number; citations: number; patents: number };
  communities: { id: string; size: number; members: number }[];
  community: WebCommunitySummary | null;
}

export interface WebChoropleth {
  metric: string;
  unit: string;
  year: number | null;
  years: number[];
  values: Record<string, number>;
  total: number;
}

/**
 * Choropleth values per municipality of one prefecture, keyed by 6-digit 全国地方公共団体コード. Wards of
 * designated cities count towards their city (the boundaries merge them). Metrics that exist only per
 * prefecture answer `available: false` with no values rather than made-up ones.
 */
export interface WebMunicipalityChoropleth {
  prefecture: string;
  metric: string;
  unit: string;
  available: boolean;
  /** Every map unit of the prefecture with its name, in code order. */
  municipalities: { code: string; name: string }[];
  values: Record<string, number>;
  total: number;
  /** Counted in the prefecture but without a known municipality (not on the municipality map). */
  unplaced: number;
}

/** Nodes and edges in columns (compact JSON for 50,000 nodes); node i is the i-th entry of each. */
export interface WebNetwork {
  nodeCount: number;
  edgeCount: number;
  /** Edges left out because of `maxEdges` (the weakest go first). */
  droppedEdges: number;
  sectors: string[];
  relationTypes: string[];
  /** Community ids; a node's `community` is an index into this list, or -1. */
  communities: string[];
  nodes: {
    id: string[];
    label: string[];
    x: number[];
    y: number[];
    size: number[];
    community: number[];
    sector: number[];
  };
  edges: { source: number[]; target: number[]; type: number[] };
}

export interface WebActorRow {
  id: string;
  name: string;
  nameEn: string | null;
  kind: string;
  sector: string;
  prefectureCode: string;
  flags: string[];
  community: string | null;
  degree: number;
}

export interface WebActorPage {
  total: number;
  offset: number;
  limit: number;
  items: WebActorRow[];
}

export interface WebRoleEvidence {
  role: 'star_scientist' | 'core_company' | 'anchor_company';
  score: number;
  qualifies: boolean;
  evidence: { criterion: string; value: number | string; score: number; note: string }[];
}

export interface WebActorProfile {
  actor: Record<string, unknown>;
  community: { id: string; size: number } | null;
  degree: number;
  relations: {
    total: number;
    items: {
      otherId: string;
      otherName: string;
      otherSector: string;
      type: string;
      direction: 'out' | 'in';
      startDate: string | null;
      endDate: string | null;
    }[];
  };
  seeds: { id: string; title: string; kind: string; trl: number | null }[];
  needs: { id: string; title: string; open: boolean }[];
  projects: { id: string; title: string; stage: string; role: string }[];
  adoptions: {
    id: string;
    regionName: string;
    programmeName: string;
    startFy: number;
    endFy: number;
    via: 'core_institution' | 'project';
  }[];
  roles: WebRoleEvidence[];
}
