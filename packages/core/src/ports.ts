import type { EntityName } from './entities/registry.ts';

export type StoredRecord = Record<string, unknown>;

/** Equality filters on columns plus a text query over the entity's search fields. */
export interface ListQuery {
  limit: number;
  /** Opaque cursor from a previous page (the last id seen). */
  cursor?: string;
  /** Exact matches on domain fields, e.g. { sector: 'university', prefectureCode: '13' }. */
  where?: Record<string, string | number | boolean>;
  /** Substring search over the entity's search fields. */
  q?: string;
  /** Restrict to these confidentiality levels (needs only). */
  confidentialityIn?: readonly string[];
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** A stored record with its storage bookkeeping. */
export interface Versioned<T> {
  record: T;
  /** Incremented on every change; the HTTP layer uses it as an ETag. */
  version: number;
  updatedAt: string;
}

/** Storage of one entity's records, keyed by the entity's identity. */
export interface EntityRepo {
  readonly entity: EntityName;
  /** Inserts or replaces by identity; returns how many rows were written. */
  upsertMany(records: readonly StoredRecord[]): Promise<number>;
  get(key: string): Promise<Versioned<StoredRecord> | undefined>;
  list(query: ListQuery): Promise<Page<StoredRecord>>;
  count(where?: ListQuery['where']): Promise<number>;
  delete(key: string): Promise<boolean>;
  /** All records in key order, in batches (exports, graph building). */
  iterate(batchSize?: number): AsyncIterable<StoredRecord[]>;
  /** Which of these keys exist. */
  findExisting(keys: readonly string[]): Promise<Set<string>>;
}

export type EntityCounts = Record<EntityName, number> & { prefectures: number };

/** All repositories over one database; `transaction` gives the same view inside one atomic unit. */
export interface Repositories {
  entity(name: EntityName): EntityRepo;
  analysisRuns: AnalysisRunRepo;
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
  counts(): Promise<EntityCounts>;
  /** True when the database answers. */
  ping(): Promise<boolean>;
}

/** Time source, injected so rules that depend on "now" (stale profiles, overdue consultations) test deterministically. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A stored analysis run (communities, roles…): its parameters and date, so trends between years show. */
export interface AnalysisRun<T = unknown> {
  id: string;
  kind: string;
  parameters: Record<string, unknown>;
  /** Small headline figures for listing runs side by side. */
  summary: Record<string, unknown>;
  result: T;
  createdAt: string;
}

export interface AnalysisRunRepo {
  save(run: AnalysisRun): Promise<void>;
  get(id: string): Promise<AnalysisRun | undefined>;
  /** Runs of a kind, newest first, without their full results. */
  list(kind: string, limit?: number): Promise<Omit<AnalysisRun, 'result'>[]>;
}
