/**
 * Matching use cases over stored seeds, needs and actors: a need (or free text) → seeds,
 * researchers and 公設試 facilities; a seed → companies likely to need it. Text score (BM25F
 * with query expansion) plus structured signals, every result explained. Live: edits through
 * this service are indexed before the call returns, edits by other processes within
 * `refreshIntervalMs` (default 1 s). Confidential needs are only matched for those allowed to
 * see them and never enter shared indexes.
 */
import { randomUUID } from 'node:crypto';
import { DomainError } from '#core/domain-error.ts';
import { ZNeed, type Need } from '#core/entities/need.ts';
import { ZSeed } from '#core/entities/seed.ts';
import type { MatchFeedback } from '#core/match-feedback.ts';
import { canManageNeed, canViewNeed } from '#core/need-access.ts';
import { systemClock } from '#core/ports.ts';
import { auditEntry } from '../accounts/write-audit.ts';
import { isCoordinator, type Viewer } from '#core/viewer.ts';
import { displayTerm, isBigramTerm } from '#matching/analyze.ts';
import type { QueryTerm } from '#matching/expansion.ts';
import { explainHit } from '#matching/explain.ts';
import {
  assessHit,
  isNoGoodMatch,
  noGoodMatchNotice,
  textScale,
  type HitEvidence,
} from '#matching/match-confidence.ts';
import {
  fuseCompanyHits,
  fuseSeedHits,
  rankResearchers,
  type ScoredSeed,
} from '#matching/match-fusion.ts';
import { highlight, pathView, round, roundSignals, termViews } from '#matching/match-views.ts';
import { reachFrom } from '#matching/network-path.ts';
import { resolveWeights, type MatchSubject, type SignalWeights } from '#matching/signals.ts';
import { MatchingIndex, needFields, seedFields, type RefreshReport } from './matching-index.ts';
import {
  MAX_QUERY_CHARS,
  ZFeedbackInput,
  ZMatchOptions,
  type MatchingService,
  type MatchingServiceOptions,
  type MatchOptions,
  type NeedMatchResult,
  type SeedMatch,
} from './matching-service-types.ts';
import { loadNeedAccessFacts } from './need-access-facts.ts';
import { explainSeedHits, indexSearch, namesIn, prepareQuery } from './match-steps.ts';
import { parseInput } from './parse-input.ts';
import { createTextPipeline } from './text-pipeline.ts';

export { REGION_SCOPES, type RegionScope } from '#matching/match-fusion.ts';
export { highlight, type PathStepView, type TermView } from '#matching/match-views.ts';
export {
  MAX_QUERY_CHARS,
  ZFeedbackInput,
  ZMatchOptions,
  type CompanyMatch,
  type FeedbackInput,
  type MatchExplanation,
  type MatchingService,
  type MatchingServiceOptions,
  type MatchOptions,
  type NeedMatchResult,
  type ResearcherMatch,
  type SeedMatch,
  type SeedReverseResult,
} from './matching-service-types.ts';

const CONFIDENCE_RANK = { high: 0, medium: 1, low: 2 } as const;
const rankOf = (e: HitEvidence): number => CONFIDENCE_RANK[e.confidence];

function requireAccount(viewer: Viewer): asserts viewer is Extract<Viewer, { kind: 'account' }> {
  if (viewer.kind !== 'account') throw new DomainError('unauthenticated', 'sign in first');
}

export async function createMatchingService(
  options: MatchingServiceOptions,
): Promise<MatchingService> {
  const { repos } = options;
  const clock = options.clock ?? systemClock;
  const ownsText = options.text === undefined;
  const text =
    options.text ?? (await createTextPipeline({ tokenizer: options.tokenizer ?? 'auto' }));
  const baseWeights = resolveWeights(options.weights);
  const state = new MatchingIndex(repos, text, clock, options.glossLinks);
  const interval = options.refreshIntervalMs ?? 1_000;
  const persist = options.persist ?? true;
  let lastRefresh = 0;
  let relationsCount = 0;

  const refresh = async (force = false): Promise<RefreshReport> => {
    const report = await state.refresh({ persist, force });
    lastRefresh = Date.now();
    if (force) relationsCount = (await state.trustGraph()).edgeCount;
    return report;
  };
  await refresh();

  /** The trust graph, read on first use; `relations` in stats counts its ties once read. */
  const trustGraph = async () => {
    const graph = await state.trustGraph();
    relationsCount = graph.edgeCount;
    return graph;
  };

  const fresh = async (): Promise<void> => {
    if (Date.now() - lastRefresh >= interval) await refresh();
  };

  const weightsFor = (overrides: Record<string, number> | undefined): SignalWeights =>
    overrides === undefined ? baseWeights : resolveWeights({ ...baseWeights, ...overrides });

  const search = indexSearch(text.dictionary);
  const explainSeeds = (query: readonly QueryTerm[], ids: readonly string[]) =>
    explainSeedHits({ repos, text, index: state.seedIndex }, query, ids);

  const matchSeeds = async (
    raw: string,
    subject: MatchSubject,
    originActorId: string | undefined,
    optionsIn: MatchOptions | undefined,
  ): Promise<NeedMatchResult> => {
    const opts = parseInput(ZMatchOptions, optionsIn ?? {}, 'match options');
    const weights = weightsFor(opts.weights);
    const { text: queryText, truncated } = prepareQuery(raw);
    const analyzer = await text.analyzer.prepare([queryText]);
    const k = opts.region === 'any' ? 300 : 2_000;
    const { query, hits } = search(
      state.seedIndex,
      analyzer,
      queryText,
      k,
      opts.expand,
      state.seedGlosses,
      {
        weights: state.linkWeights,
        ...(subject.field !== undefined ? { needField: subject.field } : {}),
      },
    );
    const queryTerms = new Set(
      query.filter((t) => t.source === 'query' && !isBigramTerm(t.term)).map((t) => t.term),
    );
    const seedOf = (id: string) => state.seeds.get(id);
    // Only the hits' owners (and the origin) are read, in one batch: never every actor.
    const owners = await state.actorsByIds([
      ...hits.flatMap((h) => state.seeds.get(h.id)?.ownerId ?? []),
      ...(originActorId !== undefined ? [originActorId] : []),
    ]);
    const reach =
      originActorId !== undefined && owners.has(originActorId)
        ? reachFrom(await trustGraph(), originActorId, { maxHops: 3 })
        : undefined;
    const actorOf = (id: string) => owners.get(id);
    // Confidence judges a hit on the need's core words; the ranking weighs its text against the
    // need's every own word, or a long need's best hits would all reach the cap of 1 and be
    // ranked by place and field alone (the seed a need was written from fell out of the top 5).
    const scale = textScale(state.seedIndex, query);
    const rankingScale = textScale(state.seedIndex, query, Number.POSITIVE_INFINITY);
    const hitScores = new Map(hits.map((h) => [h.id, h.score]));
    const scored = fuseSeedHits({
      hits,
      textScale: rankingScale,
      subject,
      region: opts.region,
      weights,
      seedOf,
      actorOf,
      feedbackOf: (facts) => state.feedback.score(queryTerms, subject.field, facts),
      hopsTo: (actorId) => reach?.hops(actorId),
    });
    const top = scored.slice(0, opts.limit);
    const facilityPool = scored
      .filter((s) => state.seeds.get(s.id)?.kind === 'facility')
      .slice(0, Math.min(10, opts.limit));
    const explained = await explainSeeds(query, [
      ...new Set([...top, ...facilityPool].map((s) => s.id)),
    ]);
    // The actors on the paths from the origin, named in the explanations.
    const onPaths = await state.actorsByIds(
      [...top, ...facilityPool].flatMap((s) =>
        (reach?.path(state.seeds.get(s.id)?.ownerId ?? '') ?? []).flatMap((step) =>
          owners.has(step.from) && owners.has(step.to) ? [] : [step.from, step.to],
        ),
      ),
    );
    const actorName = namesIn(owners, onPaths);
    const evidenceOf = new Map<string, HitEvidence>();
    const toMatch = (s: ScoredSeed): SeedMatch | undefined => {
      const entry = explained.get(s.id);
      if (entry === undefined) return undefined;
      const { seed, explanation } = entry;
      const evidence = assessHit(
        state.seedIndex,
        query,
        { id: s.id, score: hitScores.get(s.id) ?? 0 },
        scale,
      );
      evidenceOf.set(s.id, evidence);
      const titleSpans = explanation.terms.flatMap((t) =>
        t.spans.filter((sp) => sp.field === 'title'),
      );
      const match: SeedMatch = {
        seedId: seed.id,
        kind: seed.kind,
        title: seed.title,
        ownerId: seed.ownerId ?? '',
        ownerName: seed.ownerId === undefined ? (seed.ownerName ?? '') : actorName(seed.ownerId),
        ...(seed.prefectureCode !== undefined ? { prefectureCode: seed.prefectureCode } : {}),
        score: round(s.score),
        confidence: evidence.confidence,
        explanation: {
          terms: termViews(explanation),
          signals: roundSignals(s.signals.contributions),
          path: pathView(reach, seed.ownerId ?? '', actorName),
          region: s.signals.region,
          ...(s.signals.distanceKm !== undefined ? { distanceKm: s.signals.distanceKm } : {}),
          highlightedTitle: highlight(seed.title, titleSpans),
          feedback: s.feedback,
          expansionOnly: evidence.expansionOnly,
        },
      };
      return match;
    };
    const candidates = top.map(toMatch).filter((m): m is SeedMatch => m !== undefined);
    // Nothing above low confidence, and the best only shares generic words: an honest "no
    // good match" instead of noise.
    const strongest = candidates
      .map((m) => evidenceOf.get(m.seedId))
      .filter((e): e is HitEvidence => e !== undefined)
      .sort((a, b) => rankOf(a) - rankOf(b) || b.specificity - a.specificity)[0];
    const noGoodMatch = isNoGoodMatch(strongest)
      ? noGoodMatchNotice(opts.region, subject.field)
      : undefined;
    const results = noGoodMatch === undefined ? candidates : [];
    const facilities = facilityPool
      .map(toMatch)
      .filter(
        (m): m is SeedMatch =>
          m !== undefined && (noGoodMatch === undefined || m.confidence !== 'low'),
      );
    const researchers = rankResearchers(scored, seedOf, actorOf, opts.limit).map((r) => ({
      ...r,
      name: actorName(r.actorId),
    }));
    return {
      results,
      ...(noGoodMatch !== undefined ? { noGoodMatch } : {}),
      researchers: noGoodMatch === undefined ? researchers : [],
      facilities,
      query: {
        terms: query.filter((t) => t.source === 'query' || t.source === 'synonym').length,
        expandedTerms: query.filter((t) => t.source !== 'query' && t.source !== 'synonym').length,
        truncated,
      },
    };
  };

  const loadNeed = async (viewer: Viewer, needId: string): Promise<Need> => {
    const stored = await repos.entity('needs').get(needId);
    const parsed = stored === undefined ? undefined : ZNeed.safeParse(stored.record);
    // Not found and not allowed look the same: a confidential need's existence is not revealed.
    if (parsed === undefined || !parsed.success)
      throw new DomainError('not_found', `no need ${needId}`);
    const facts = await loadNeedAccessFacts(repos, needId);
    if (!canViewNeed(viewer, parsed.data, facts))
      throw new DomainError('not_found', `no need ${needId}`);
    return parsed.data;
  };

  const subjectOfNeed = async (need: Need): Promise<MatchSubject> => {
    const owner =
      need.ownerId === undefined
        ? undefined
        : (await state.actorsByIds([need.ownerId])).get(need.ownerId);
    return {
      sdgs: need.sdgs,
      ...(need.field !== undefined ? { field: need.field } : {}),
      ...(need.desiredTrl !== undefined ? { desiredTrl: need.desiredTrl } : {}),
      ...((need.prefectureCode ?? owner?.prefectureCode) !== undefined
        ? { prefectureCode: need.prefectureCode ?? owner?.prefectureCode }
        : {}),
      ...(owner?.location !== undefined ? { location: owner.location } : {}),
    };
  };

  const needText = (need: Need): string =>
    [need.title, need.description ?? '', need.keywords.join('、')].join('\n');

  const keyTerms = async (
    raw: string,
    limit = 10,
    emphasis = '',
  ): Promise<{ term: string; weight: number }[]> => {
    const cleaned = raw.trim().slice(0, MAX_QUERY_CHARS);
    if (cleaned === '') return [];
    const analyzer = await text.analyzer.prepare([cleaned, emphasis]);
    const emphasised = new Set(emphasis === '' ? [] : analyzer.terms(emphasis));
    const counts = new Map<string, number>();
    for (const t of analyzer.analyze(cleaned)) {
      if (isBigramTerm(t.term) || (t.term.length < 2 && !/\p{Script=Han}/u.test(t.term))) continue;
      counts.set(t.term, (counts.get(t.term) ?? 0) + 1);
    }
    // Title/keyword terms count triple; terms no seed uses count half (they cannot match).
    return [...counts.entries()]
      .map(([term, tf]) => {
        const seen = state.seedIndex.documentFrequency(term) > 0 ? 1 : 0.5;
        const boost = emphasised.has(term) ? 3 : 1;
        return {
          term: displayTerm(term),
          weight: round(tf * boost * seen * state.seedIndex.idf(term)),
        };
      })
      .sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1))
      .slice(0, limit);
  };

  const service: MatchingService = {
    get tokenizerName() {
      return text.batch.name;
    },
    async matchNeed(viewer, needId, opts) {
      await fresh();
      const need = await loadNeed(viewer, needId);
      return matchSeeds(needText(need), await subjectOfNeed(need), need.ownerId, opts);
    },
    async matchText(viewer, query, opts = {}) {
      await fresh();
      const subject: MatchSubject = { sdgs: [], ...(opts.subject ?? {}) };
      const origin =
        opts.originActorId ??
        (viewer.kind === 'account' ? (viewer.organisationId ?? undefined) : undefined);
      if (subject.prefectureCode === undefined && origin !== undefined) {
        const actor = (await state.actorsByIds([origin])).get(origin);
        if (actor !== undefined) {
          return matchSeeds(
            query,
            {
              ...subject,
              prefectureCode: actor.prefectureCode,
              ...(actor.location ? { location: actor.location } : {}),
            },
            origin,
            opts,
          );
        }
      }
      if (subject.prefectureCode === undefined && (opts.region ?? 'any') !== 'any') {
        throw new DomainError(
          'validation_failed',
          'a region filter needs a prefecture (or an organisation to take it from)',
        );
      }
      return matchSeeds(query, subject, origin, opts);
    },
    async matchSeed(viewer, seedId, optionsIn) {
      await fresh();
      const opts = parseInput(ZMatchOptions, optionsIn ?? {}, 'match options');
      const weights = weightsFor(opts.weights);
      const stored = await repos.entity('seeds').get(seedId);
      const parsed = stored === undefined ? undefined : ZSeed.safeParse(stored.record);
      if (parsed === undefined || !parsed.success)
        throw new DomainError('not_found', `no seed ${seedId}`);
      const seed = parsed.data;
      // Companies are ranked among every actor: this use case reads them all.
      const actors = await state.allActors();
      const actorName = namesIn(actors);
      const owner = seed.ownerId === undefined ? undefined : actors.get(seed.ownerId);
      const queryText = prepareQuery(Object.values(seedFields(seed)).join('\n')).text;
      const analyzer = await text.analyzer.prepare([queryText]);
      const { query, hits } = search(
        state.needIndex,
        analyzer,
        queryText,
        500,
        opts.expand,
        state.needGlosses,
      );
      const reach = reachFrom(await trustGraph(), seed.ownerId ?? '', { maxHops: 3 });
      const prefectureCode = seed.prefectureCode ?? owner?.prefectureCode;
      const scored = fuseCompanyHits({
        hits,
        subject: {
          sdgs: seed.sdgs,
          ...(seed.field !== undefined ? { field: seed.field } : {}),
          ...(prefectureCode !== undefined ? { prefectureCode } : {}),
          ...(owner?.location !== undefined ? { location: owner.location } : {}),
        },
        region: opts.region,
        weights,
        membersVisible: viewer.kind === 'account',
        needOf: (id) => state.needs.get(id),
        actorOf: (id) => actors.get(id),
        actors: () => actors.values(),
        hopsTo: (actorId) => reach.hops(actorId),
      });
      const top = scored.slice(0, opts.limit);
      const needAnalyzerTexts: string[] = [];
      const needDocs = new Map<string, Record<string, string>>();
      const bestNeeds = top.map((s) => s.bestNeed).filter((id) => id !== '');
      const storedNeeds = await repos.entity('needs').getMany(bestNeeds);
      for (const id of bestNeeds) {
        const storedNeed = storedNeeds.get(id);
        const parsedNeed =
          storedNeed === undefined ? undefined : ZNeed.safeParse(storedNeed.record);
        if (parsedNeed?.success) {
          const fields = needFields(parsedNeed.data);
          needDocs.set(parsedNeed.data.id, fields);
          needAnalyzerTexts.push(...Object.values(fields));
        }
      }
      const needAnalyzer = await text.analyzer.prepare(needAnalyzerTexts);
      return {
        results: top.map((s) => {
          const doc = needDocs.get(s.bestNeed);
          const explanation =
            doc === undefined
              ? undefined
              : explainHit({
                  index: state.needIndex,
                  analyzer: needAnalyzer,
                  query,
                  document: { id: s.bestNeed, fields: doc },
                });
          return {
            actorId: s.actorId,
            name: actorName(s.actorId),
            score: round(s.signals.score),
            needIds: s.needIds.slice(0, 5),
            explanation: {
              terms: termViews(explanation),
              signals: roundSignals(s.signals.contributions),
              path: pathView(reach, s.actorId, actorName),
              region: s.signals.region,
              ...(s.signals.distanceKm !== undefined ? { distanceKm: s.signals.distanceKm } : {}),
            },
          };
        }),
      };
    },
    async upsertSeed(viewer, input) {
      requireAccount(viewer);
      const seed = parseInput(ZSeed, input, 'seed');
      if (!isCoordinator(viewer) && viewer.organisationId !== seed.ownerId) {
        throw new DomainError('forbidden', 'only the owner or a coordinator may edit a seed');
      }
      await repos.entity('seeds').upsertMany([seed]);
      const stored = await repos.entity('seeds').get(seed.id);
      await state.applySeed(seed, stored?.version ?? 0);
      return seed;
    },
    async deleteSeed(viewer, seedId) {
      requireAccount(viewer);
      const facts = state.seeds.get(seedId);
      if (
        facts !== undefined &&
        !isCoordinator(viewer) &&
        viewer.organisationId !== facts.ownerId
      ) {
        throw new DomainError('forbidden', 'only the owner or a coordinator may delete a seed');
      }
      const deleted = await repos.entity('seeds').delete(seedId);
      await state.removeSeed(seedId);
      return deleted;
    },
    async upsertNeed(viewer, input) {
      requireAccount(viewer);
      const need = parseInput(ZNeed, input, 'need');
      const existing = await repos.entity('needs').get(need.id);
      const prior = existing === undefined ? undefined : ZNeed.safeParse(existing.record);
      const target = prior?.success ? prior.data : need;
      const facts = await loadNeedAccessFacts(repos, need.id);
      if (
        !canManageNeed(viewer, target, facts) ||
        (prior?.success !== true &&
          viewer.organisationId !== need.ownerId &&
          !isCoordinator(viewer))
      ) {
        throw new DomainError(
          'forbidden',
          'only the owner organisation or an assigned coordinator may edit a need',
        );
      }
      await repos.entity('needs').upsertMany([need]);
      const stored = await repos.entity('needs').get(need.id);
      await state.applyNeed(need, stored?.version ?? 0);
      return need;
    },
    async deleteNeed(viewer, needId) {
      requireAccount(viewer);
      const need = await loadNeed(viewer, needId);
      if (!canManageNeed(viewer, need, await loadNeedAccessFacts(repos, needId))) {
        throw new DomainError(
          'forbidden',
          'only the owner organisation or an assigned coordinator may delete a need',
        );
      }
      const deleted = await repos.entity('needs').delete(needId);
      await state.removeNeed(needId);
      return deleted;
    },
    async recordFeedback(viewer, input) {
      requireAccount(viewer);
      const parsed = parseInput(ZFeedbackInput, input, 'feedback');
      const need = await loadNeed(viewer, parsed.needId);
      if (!canManageNeed(viewer, need, await loadNeedAccessFacts(repos, need.id))) {
        throw new DomainError(
          'forbidden',
          'only the requester or an assigned coordinator may judge candidates',
        );
      }
      const seed = state.seeds.get(parsed.seedId);
      if (seed === undefined) throw new DomainError('not_found', `no seed ${parsed.seedId}`);
      const feedback: MatchFeedback = {
        id: randomUUID(),
        needId: need.id,
        seedId: seed.id,
        decision: parsed.decision,
        ...(parsed.reason !== undefined ? { reason: parsed.reason } : {}),
        ...(parsed.note !== undefined ? { note: parsed.note } : {}),
        ...(need.field !== undefined ? { needField: need.field } : {}),
        ...(seed.field !== undefined ? { seedField: seed.field } : {}),
        ...(seed.trl !== undefined ? { seedTrl: seed.trl } : {}),
        ...(parsed.consultationId !== undefined ? { consultationId: parsed.consultationId } : {}),
        // Stored as index terms (folded), matching how queries are compared.
        needTerms: (await text.analyzer.prepare([needText(need)]))
          .terms(needText(need))
          .filter((t) => !isBigramTerm(t))
          .filter((t, i, all) => all.indexOf(t) === i)
          .slice(0, 60),
        actorId: viewer.accountId,
        at: clock.now().toISOString(),
      };
      // The judgement and its audit entry are written together, on whichever thread holds the database.
      await repos.matching.addFeedback(
        feedback,
        auditEntry(
          { accountId: feedback.actorId, at: feedback.at },
          {
            action: 'feedback',
            entity: 'match-feedback',
            entityId: feedback.id,
            after: {
              needId: feedback.needId,
              seedId: feedback.seedId,
              decision: feedback.decision,
              ...(feedback.reason !== undefined ? { reason: feedback.reason } : {}),
              ...(feedback.consultationId !== undefined
                ? { consultationId: feedback.consultationId }
                : {}),
            },
          },
        ),
      );
      await state.reloadFeedback();
      return feedback;
    },
    keyTerms,
    async refresh(opts = {}) {
      if (opts.rebuild === true) state.reset();
      if (opts.rebuild === true) {
        const report = await state.refresh({ persist: false, force: true, ignoreSnapshot: true });
        await state.saveSnapshots();
        lastRefresh = Date.now();
        return report;
      }
      return refresh(true);
    },
    expire() {
      lastRefresh = 0;
    },
    stats() {
      return {
        timings: { ...state.timings },
        seeds: state.seedIndex.documentCount,
        sharedNeeds: state.needIndex.documentCount,
        actors: state.loadedActorCount,
        relations: relationsCount,
        tokenizer: text.batch.name,
      };
    },
    async close() {
      if (ownsText) await text.close();
    },
  };
  return service;
}
