/**
 * The live matching state built from the database: BM25F indexes of seeds and of shared
 * (non-confidential) needs, the facts the structured signals use, the trust graph and the
 * feedback model. Persisted as a snapshot (index + row versions) and brought up to date
 * incrementally: only rows whose version changed are analysed again.
 */
import { ZActor } from '#core/entities/actor.ts';
import { ZNeed, type Need } from '#core/entities/need.ts';
import { ZRelation } from '#core/entities/relation.ts';
import { ZSeed, type Seed } from '#core/entities/seed.ts';
import { isSharedNeed } from '#core/need-access.ts';
import type { Clock } from '#core/ports.ts';
import { analyzeFields } from '#matching/analyze.ts';
import { analyzeTermIdsInOrder } from '#matching-node/parallel-analyzer.ts';
import {
  createBm25fIndex,
  decodeSerializedIndex,
  restoreBm25fIndex,
  type Bm25fIndex,
} from '#matching/bm25f.ts';
import {
  expandWithCooccurrence,
  expandWithDictionary,
  expandWithGlosses,
  type QueryTerm,
} from '#matching/expansion.ts';
import { buildFeedbackModel, type FeedbackModel } from '#matching/feedback-model.ts';
import { learnLinkWeights, type LinkWeights } from '#matching/link-judgements.ts';
import {
  decodeGlossLinkTable,
  encodeGlossLinkTable,
  type GlossLinkTable,
} from '#matching/gloss-link-table.ts';
import {
  buildGlossLinksFor,
  GLOSS_TABLE_VERSION,
  type GlossLinkSource,
} from './gloss-link-source.ts';
import { buildTrustGraph, type GraphRelation, type TrustGraph } from '#matching/network-path.ts';
import {
  actorFacts,
  needFacts,
  seedFacts,
  type ActorFacts,
  type NeedFacts,
  type SeedFacts,
} from './index-facts.ts';
import { decodeEnvelope, encodeEnvelope } from './index-snapshot-envelope.ts';
import type { MatchingStore } from './matching-store.ts';
import type { TextPipeline } from './text-pipeline.ts';
import { NEED_FIELDS, SEED_FIELDS, needFields, sameFields, seedFields } from './matching-fields.ts';

export { NEED_FIELDS, SEED_FIELDS, needFields, sameFields, seedFields } from './matching-fields.ts';

/** Bump when analysis changes so old snapshots are not reused. */
const ANALYSIS_VERSION = 1;

export interface RefreshReport {
  readonly seeds: { analysed: number; removed: number; restored: boolean };
  readonly needs: { analysed: number; removed: number; restored: boolean };
  readonly seconds: number;
}

/** What matching uses of a stored actor; undefined for a record that does not parse. */
function actorFactsOf(record: unknown): ActorFacts | undefined {
  const parsed = ZActor.safeParse(record);
  return parsed.success ? actorFacts(parsed.data) : undefined;
}

/** Rows are analysed in batches of this many (one MeCab round trip each). */
const ANALYSE_BATCH = 2_000;

export class MatchingIndex {
  seedIndex: Bm25fIndex = createBm25fIndex({ fields: SEED_FIELDS });
  needIndex: Bm25fIndex = createBm25fIndex({ fields: NEED_FIELDS });
  readonly seeds = new Map<string, SeedFacts>();
  readonly needs = new Map<string, NeedFacts>();
  /** Every actor's facts, read only when a use case needs them all (see `allActors`). */
  private readonly actors = new Map<string, ActorFacts>();
  /** The actors changed since `actors` was filled: read them again when next asked for all. */
  private actorsStale = true;
  private graph: TrustGraph = buildTrustGraph([]);
  /** The relations changed since the trust graph was built: rebuild it when next asked for. */
  private graphStale = true;
  feedback: FeedbackModel = buildFeedbackModel([]);
  /** Link factors learned from coordinators' judgements (`link-judgements.ts`). */
  linkWeights: LinkWeights = learnLinkWeights(createBm25fIndex({ fields: SEED_FIELDS }), []);
  private linkWeightsKey = '';
  /** Gloss links of each index's vocabulary; undefined without EDICT (no links). */
  seedGlosses: GlossLinkTable | undefined;
  needGlosses: GlossLinkTable | undefined;
  private seedVersions = new Map<string, number>();
  private needVersions = new Map<string, number>();
  private fingerprints = new Map<string, string>();
  private ignoreSnapshot = false;
  /** Seconds spent per phase in the last refresh (for measurements). */
  readonly timings: Record<string, number> = {};

  constructor(
    private readonly repos: MatchingStore,
    private readonly text: TextPipeline,
    private readonly clock: Clock,
    private readonly glossSource?: GlossLinkSource,
  ) {}

  private snapshotName(kind: 'seeds' | 'needs'): string {
    return `${kind}:v${ANALYSIS_VERSION}:${this.text.batch.name === 'mecab' || this.text.batch.name === 'kuromoji' ? 'ipadic' : this.text.batch.name}`;
  }

  /** What a stored snapshot was made from: the dictionary, then the table's rows. */
  private snapshotFingerprint(kind: 'seeds' | 'needs'): string {
    return `${this.text.dictionaryFingerprint}|${this.fingerprints.get(kind) ?? ''}`;
  }

  /** A snapshot analysed with other dictionary entries (or before they were recorded). */
  private otherDictionary(snapshot: { fingerprint: string }): boolean {
    return !snapshot.fingerprint.startsWith(`${this.text.dictionaryFingerprint}|`);
  }

  private glossSnapshotName(kind: 'seeds' | 'needs'): string {
    // A table built with synonyms is not one built without them: each has its own row.
    const sources = this.glossSource?.synonymsPath === undefined ? '' : 'synonyms:';
    return `gloss-links:v${GLOSS_TABLE_VERSION}:${sources}${this.snapshotName(kind)}`;
  }

  /**
   * The gloss link table of one index: loaded from its snapshot when the index was, built
   * again (EDICT parsed, in this thread) when the index was built or changed much. Without
   * EDICT there is none (one log line), and matching goes on without gloss links.
   */
  private async syncGlossLinks(
    kind: 'seeds' | 'needs',
    report: { analysed: number; restored: boolean },
    persist: boolean,
  ): Promise<void> {
    if (this.glossSource === undefined) return;
    const index = kind === 'seeds' ? this.seedIndex : this.needIndex;
    let table = kind === 'seeds' ? this.seedGlosses : this.needGlosses;
    if (table === undefined && report.restored) table = await this.restoreGlossLinks(kind);
    if (index.documentCount === 0) {
      this.setGlossLinks(kind, undefined);
      return;
    }
    const changedMuch = report.analysed >= Math.max(1_000, index.documentCount / 10);
    const built = !report.restored && report.analysed > 0;
    if (table !== undefined && !changedMuch && !built) {
      this.setGlossLinks(kind, table);
      return;
    }
    const t0 = performance.now();
    table = buildGlossLinksFor(
      this.glossSource,
      index.vocabulary(),
      this.text.dictionary.canonical,
    );
    if (table === undefined) {
      this.setGlossLinks(kind, undefined);
      return;
    }
    this.setGlossLinks(kind, table);
    this.timings[`glossLinks:${kind}`] = (performance.now() - t0) / 1000;
    if (persist) await this.saveGlossLinks(kind);
  }

  private setGlossLinks(kind: 'seeds' | 'needs', table: GlossLinkTable | undefined): void {
    if (kind === 'seeds') this.seedGlosses = table;
    else this.needGlosses = table;
  }

  private async restoreGlossLinks(kind: 'seeds' | 'needs'): Promise<GlossLinkTable | undefined> {
    if (this.ignoreSnapshot) return undefined;
    const snapshot = await this.repos.matching.loadIndexSnapshot(this.glossSnapshotName(kind));
    if (snapshot === undefined || this.otherDictionary(snapshot)) return undefined;
    try {
      return decodeGlossLinkTable(snapshot.bytes);
    } catch {
      return undefined;
    }
  }

  private async saveGlossLinks(kind: 'seeds' | 'needs'): Promise<void> {
    const table = kind === 'seeds' ? this.seedGlosses : this.needGlosses;
    if (table === undefined) return;
    await this.repos.matching.saveIndexSnapshot(
      this.glossSnapshotName(kind),
      this.snapshotFingerprint(kind),
      encodeGlossLinkTable(table),
    );
  }

  /** Brings everything up to date with the database; cheap when nothing changed. */
  async refresh(
    options: { persist?: boolean; force?: boolean; ignoreSnapshot?: boolean } = {},
  ): Promise<RefreshReport> {
    this.ignoreSnapshot = options.ignoreSnapshot ?? false;
    const started = performance.now();
    const changed = async (
      entity: 'seeds' | 'needs' | 'actors' | 'relations',
    ): Promise<boolean> => {
      const fingerprint = await this.repos.matching.fingerprint(entity);
      const same = this.fingerprints.get(entity) === fingerprint && options.force !== true;
      this.fingerprints.set(entity, fingerprint);
      return !same;
    };
    const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
      const t0 = performance.now();
      const result = await work();
      this.timings[name] = (performance.now() - t0) / 1000;
      return result;
    };
    // Actors are read when a use case needs them: all of them (a seed's companies), or only the
    // owners of a match's hits (`actorsByIds`), so a text match never reads every actor.
    if (await changed('actors')) {
      this.actorsStale = true;
      this.actors.clear();
    }
    // The trust graph is read on first use: a match without an origin (free text) never needs it.
    if (await changed('relations')) this.graphStale = true;
    if (options.force === true) {
      // A forced refresh (a reindex) reads everything, as before: its stats count the actors.
      await this.trustGraph();
      await this.allActors();
    }
    const persist = options.persist ?? true;
    const seeds = (await changed('seeds'))
      ? await timed('seeds', () => this.syncSeeds(persist))
      : { analysed: 0, removed: 0, restored: false };
    const needs = (await changed('needs'))
      ? await timed('needs', () => this.syncNeeds(persist))
      : { analysed: 0, removed: 0, restored: false };
    await this.syncGlossLinks('seeds', seeds, persist);
    await this.syncGlossLinks('needs', needs, persist);
    await this.reloadFeedback();
    return { seeds, needs, seconds: (performance.now() - started) / 1000 };
  }

  async reloadFeedback(): Promise<void> {
    const judgements = await this.repos.matching.listFeedback();
    this.feedback = buildFeedbackModel(judgements);
    const key = `${judgements.length}:${this.seedIndex.revision}:${this.seedGlosses === undefined ? 0 : 1}`;
    if (key !== this.linkWeightsKey) {
      this.linkWeights = learnLinkWeights(
        this.seedIndex,
        judgements.map((f) => ({
          query: this.expandJudgedNeed(f.needTerms),
          seedId: f.seedId,
          decision: f.decision,
          ...(f.needField !== undefined ? { needField: f.needField } : {}),
        })),
      );
      this.linkWeightsKey = key;
    }
  }

  /**
   * A judged need's terms expanded as the service expands a query (dictionary, gloss links,
   * co-occurrence), to find which links carried the judged seed.
   */
  private expandJudgedNeed(needTerms: readonly string[]): QueryTerm[] {
    let query: QueryTerm[] = [...new Set(needTerms)].map((term) => ({
      term,
      weight: 1,
      source: 'query',
      via: [],
    }));
    query = expandWithDictionary(query, this.text.dictionary);
    if (this.seedGlosses !== undefined)
      query = expandWithGlosses(this.seedIndex, query, this.seedGlosses);
    return expandWithCooccurrence(this.seedIndex, query, { maxDocuments: 300 });
  }

  /** How many actors the full read holds (0 until a use case needed them all). */
  get loadedActorCount(): number {
    return this.actors.size;
  }

  /** Every actor's facts, read from the database when they changed since the last read. */
  async allActors(): Promise<ReadonlyMap<string, ActorFacts>> {
    if (this.actorsStale) {
      const t0 = performance.now();
      this.actors.clear();
      for await (const batch of this.repos.entity('actors').iterate(10_000))
        for (const record of batch) {
          const facts = actorFactsOf(record);
          if (facts !== undefined) this.actors.set(facts.id, facts);
        }
      this.timings.actors = (performance.now() - t0) / 1000;
      this.actorsStale = false;
    }
    return this.actors;
  }

  /** The facts of these actors only: from the full read when it is current, else one batched read. */
  async actorsByIds(ids: Iterable<string>): Promise<ReadonlyMap<string, ActorFacts>> {
    const wanted = [...new Set(ids)];
    const out = new Map<string, ActorFacts>();
    if (!this.actorsStale) {
      for (const id of wanted) {
        const facts = this.actors.get(id);
        if (facts !== undefined) out.set(id, facts);
      }
      return out;
    }
    if (wanted.length === 0) return out;
    const stored = await this.repos.entity('actors').getMany(wanted);
    for (const row of stored.values()) {
      const facts = actorFactsOf(row.record);
      if (facts !== undefined) out.set(facts.id, facts);
    }
    return out;
  }

  /** The trust graph of the relations, read from the database when they changed since the last read. */
  async trustGraph(): Promise<TrustGraph> {
    if (this.graphStale) {
      const t0 = performance.now();
      await this.loadRelations();
      this.timings.relations = (performance.now() - t0) / 1000;
      this.graphStale = false;
    }
    return this.graph;
  }

  private async loadRelations(): Promise<void> {
    const relations: GraphRelation[] = [];
    for await (const batch of this.repos.entity('relations').iterate(20_000)) {
      for (const record of batch) {
        const parsed = ZRelation.safeParse(record);
        if (parsed.success) relations.push(parsed.data);
      }
    }
    this.graph = buildTrustGraph(relations, {
      asOf: this.clock.now().toISOString().slice(0, 10),
    });
  }

  private async restore(
    kind: 'seeds' | 'needs',
  ): Promise<{ index: Bm25fIndex; versions: Map<string, number> } | undefined> {
    if (this.ignoreSnapshot) return undefined;
    const snapshot = await this.repos.matching.loadIndexSnapshot(this.snapshotName(kind));
    if (snapshot === undefined || this.otherDictionary(snapshot)) return undefined;
    const envelope = decodeEnvelope(snapshot.bytes);
    if (envelope === undefined) return undefined;
    try {
      const index = restoreBm25fIndex(decodeSerializedIndex(envelope.index));
      // Built with other field weights: rebuilt rather than ranked by the old ones.
      if (!sameFields(index.fields, kind === 'seeds' ? SEED_FIELDS : NEED_FIELDS)) return undefined;
      return { index, versions: new Map(Object.entries(envelope.versions)) };
    } catch {
      return undefined;
    }
  }

  private async syncSeeds(persist: boolean): Promise<RefreshReport['seeds']> {
    const current = await this.repos.matching.versions('seeds');
    let restored = false;
    if (this.seedVersions.size === 0) {
      const snapshot = await this.restore('seeds');
      if (snapshot !== undefined) {
        this.seedIndex = snapshot.index;
        this.seedVersions = snapshot.versions;
        restored = true;
      }
    }
    let removed = 0;
    for (const id of [...this.seedVersions.keys()]) {
      if (current.has(id)) continue;
      this.seedIndex.remove(id);
      this.seedVersions.delete(id);
      this.seeds.delete(id);
      removed += 1;
    }
    const stale = new Set<string>();
    for (const [id, version] of current) {
      if (this.seedVersions.get(id) !== version || !this.seedIndex.has(id)) stale.add(id);
    }
    // Facts come from the rows every time the table changed (cheap next to analysis).
    const toAnalyse: Seed[] = [];
    for await (const batch of this.repos.entity('seeds').iterate(10_000)) {
      for (const record of batch) {
        const parsed = ZSeed.safeParse(record);
        if (!parsed.success) continue;
        const seed = parsed.data;
        this.seeds.set(seed.id, seedFacts(seed));
        if (seed.closed === true) {
          // Closed by its owner: out of the index, as a deleted seed, but its facts stay.
          if (this.seedIndex.has(seed.id)) removed += 1;
          this.seedIndex.remove(seed.id);
          this.seedVersions.set(seed.id, current.get(seed.id) ?? 0);
        } else if (stale.has(seed.id)) toAnalyse.push(seed);
      }
    }
    await this.indexSeedsInBulk(toAnalyse);
    for (const seed of toAnalyse) this.seedVersions.set(seed.id, current.get(seed.id) ?? 0);
    this.seedIndex.flush();
    if (persist && (toAnalyse.length > 0 || removed > 0)) {
      await this.repos.matching.saveIndexSnapshot(
        this.snapshotName('seeds'),
        this.snapshotFingerprint('seeds'),
        encodeEnvelope(this.seedVersions, this.seedIndex),
      );
    }
    return { analysed: toAnalyse.length, removed, restored };
  }

  private async syncNeeds(persist: boolean): Promise<RefreshReport['needs']> {
    const current = await this.repos.matching.versions('needs');
    let restored = false;
    if (this.needVersions.size === 0) {
      const snapshot = await this.restore('needs');
      if (snapshot !== undefined) {
        this.needIndex = snapshot.index;
        this.needVersions = snapshot.versions;
        restored = true;
      }
    }
    let removed = 0;
    for (const id of [...this.needVersions.keys()]) {
      if (current.has(id)) continue;
      this.needIndex.remove(id);
      this.needVersions.delete(id);
      this.needs.delete(id);
      removed += 1;
    }
    const toAnalyse: Need[] = [];
    for await (const batch of this.repos.entity('needs').iterate(10_000)) {
      for (const record of batch) {
        const parsed = ZNeed.safeParse(record);
        if (!parsed.success) continue;
        const need = parsed.data;
        this.needs.set(need.id, needFacts(need));
        if (!isSharedNeed(need)) {
          // Confidential needs never enter a shared index (not even their term statistics).
          this.needIndex.remove(need.id);
          this.needVersions.set(need.id, current.get(need.id) ?? 0);
          continue;
        }
        if (this.needVersions.get(need.id) !== current.get(need.id) || !this.needIndex.has(need.id))
          toAnalyse.push(need);
      }
    }
    await this.indexNeedsInBulk(toAnalyse);
    for (const need of toAnalyse) this.needVersions.set(need.id, current.get(need.id) ?? 0);
    this.needIndex.flush();
    if (persist && (toAnalyse.length > 0 || removed > 0)) {
      await this.repos.matching.saveIndexSnapshot(
        this.snapshotName('needs'),
        this.snapshotFingerprint('needs'),
        encodeEnvelope(this.needVersions, this.needIndex),
      );
    }
    return { analysed: toAnalyse.length, removed, restored };
  }

  /**
   * Many seeds at once (a rebuild, a catch-up): in the worker threads when there are enough of
   * them, merged in order, so the index is the one `indexSeeds` batch by batch would build.
   */
  private async indexSeedsInBulk(seeds: readonly Seed[]): Promise<void> {
    const bulk = seeds.length >= this.text.bulkThreshold ? await this.text.bulk() : undefined;
    if (bulk === undefined) {
      for (let i = 0; i < seeds.length; i += ANALYSE_BATCH)
        await this.indexSeeds(seeds.slice(i, i + ANALYSE_BATCH));
      return;
    }
    await analyzeTermIdsInOrder(
      bulk,
      seeds,
      seedFields,
      (seed, fields, vocabulary) => {
        this.seedIndex.upsertTermIds(seed.id, fields, vocabulary);
        this.seeds.set(seed.id, seedFacts(seed));
      },
      { batchSize: ANALYSE_BATCH },
    );
  }

  /** Shared needs only (as `syncNeeds` collects them); see `indexSeedsInBulk`. */
  private async indexNeedsInBulk(needs: readonly Need[]): Promise<void> {
    const bulk = needs.length >= this.text.bulkThreshold ? await this.text.bulk() : undefined;
    if (bulk === undefined) {
      for (let i = 0; i < needs.length; i += ANALYSE_BATCH)
        await this.indexNeeds(needs.slice(i, i + ANALYSE_BATCH));
      return;
    }
    await analyzeTermIdsInOrder(
      bulk,
      needs.filter(isSharedNeed),
      needFields,
      (need, fields, vocabulary) => {
        this.needs.set(need.id, needFacts(need));
        this.needIndex.upsertTermIds(need.id, fields, vocabulary);
      },
      { batchSize: ANALYSE_BATCH },
    );
  }

  /** Analyses and (re)indexes open seeds, takes closed ones out; updates their facts. */
  async indexSeeds(seeds: readonly Seed[]): Promise<void> {
    const open = seeds.filter((s) => s.closed !== true);
    for (const seed of seeds) {
      this.seeds.set(seed.id, seedFacts(seed));
      if (seed.closed === true) this.seedIndex.remove(seed.id);
    }
    if (open.length === 0) return;
    const texts = open.flatMap((s) => Object.values(seedFields(s)));
    const analyzer = await this.text.analyzer.prepare(texts);
    for (const seed of open)
      this.seedIndex.upsert(seed.id, analyzeFields(analyzer, seedFields(seed)));
  }

  async indexNeeds(needs: readonly Need[]): Promise<void> {
    const shared = needs.filter(isSharedNeed);
    for (const need of needs) {
      this.needs.set(need.id, needFacts(need));
      if (!isSharedNeed(need)) this.needIndex.remove(need.id);
    }
    if (shared.length === 0) return;
    const analyzer = await this.text.analyzer.prepare(
      shared.flatMap((n) => Object.values(needFields(n))),
    );
    for (const need of shared)
      this.needIndex.upsert(need.id, analyzeFields(analyzer, needFields(need)));
  }

  /** Live edit: the row is stored; index it now and remember its version. */
  async applySeed(seed: Seed, version: number): Promise<void> {
    await this.indexSeeds([seed]);
    this.seedVersions.set(seed.id, version);
    await this.acknowledge('seeds');
  }

  async removeSeed(id: string): Promise<void> {
    this.seedIndex.remove(id);
    this.seeds.delete(id);
    this.seedVersions.delete(id);
    await this.acknowledge('seeds');
  }

  async applyNeed(need: Need, version: number): Promise<void> {
    await this.indexNeeds([need]);
    this.needVersions.set(need.id, version);
    await this.acknowledge('needs');
  }

  async removeNeed(id: string): Promise<void> {
    this.needIndex.remove(id);
    this.needs.delete(id);
    this.needVersions.delete(id);
    await this.acknowledge('needs');
  }

  /**
   * After an edit of our own the table's new fingerprint is taken as known, so the next refresh
   * does not re-read the table. (An edit by someone else in between is caught by the next one.)
   */
  private async acknowledge(entity: 'seeds' | 'needs'): Promise<void> {
    this.fingerprints.set(entity, await this.repos.matching.fingerprint(entity));
  }

  async saveSnapshots(): Promise<void> {
    await this.repos.matching.saveIndexSnapshot(
      this.snapshotName('seeds'),
      await this.repos.matching.fingerprint('seeds'),
      encodeEnvelope(this.seedVersions, this.seedIndex),
    );
    await this.repos.matching.saveIndexSnapshot(
      this.snapshotName('needs'),
      await this.repos.matching.fingerprint('needs'),
      encodeEnvelope(this.needVersions, this.needIndex),
    );
    await this.saveGlossLinks('seeds');
    await this.saveGlossLinks('needs');
  }

  /** Drops everything in memory (the next refresh restores the snapshot or rebuilds). */
  reset(): void {
    this.seedIndex = createBm25fIndex({ fields: SEED_FIELDS });
    this.needIndex = createBm25fIndex({ fields: NEED_FIELDS });
    this.seeds.clear();
    this.needs.clear();
    this.seedVersions = new Map();
    this.needVersions = new Map();
    this.seedGlosses = undefined;
    this.needGlosses = undefined;
    this.fingerprints.clear();
  }
}
