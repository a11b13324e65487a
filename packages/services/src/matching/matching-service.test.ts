import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outcomeCode } from '#test/outcome-code.ts';
import { ZSeed } from '#core/entities/seed.ts';
import type { Database } from '#db/open-database.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { createMatchingService, type MatchingService } from './matching-service.ts';
import { createTextPipeline, type TextPipeline } from './text-pipeline.ts';
import { ANONYMOUS, COORDINATOR_K1, MEMBER_OF, loadWorld } from '#test/matching-world.ts';

const clock = { now: () => new Date('2025-04-01T00:00:00Z') };
let text: TextPipeline;
beforeAll(async () => {
  text = await createTextPipeline();
}, 30_000);
afterAll(async () => text.close());

describe.each(TEST_DATABASES)('matching service on $name', (kind) => {
  let db: Database;
  let service: MatchingService;
  beforeAll(async () => {
    db = await kind.open(clock);
    await loadWorld(db.repos);
    service = await createMatchingService({ repos: db.repos, clock, text });
  }, 30_000);
  afterAll(async () => {
    await service.close();
    await db.close();
  });

  it('ranks seeds, researchers and facilities for a need, every result explained', async () => {
    const result = await service.matchNeed(ANONYMOUS, 'n-public', { limit: 10 });
    const ids = result.results.map((r) => r.seedId);
    expect(ids.slice(0, 3)).toEqual(expect.arrayContaining(['s-chelate', 's-plating']));
    expect(ids).not.toContain('s-semi');
    const chelate = result.results.find((r) => r.seedId === 's-chelate');
    expect(chelate?.explanation.terms.map((t) => t.term)).toEqual(expect.arrayContaining(['排水']));
    expect(chelate?.explanation.highlightedTitle).toContain('【');
    expect(Object.keys(chelate?.explanation.signals ?? {})).toEqual([
      'text',
      'field',
      'sdgs',
      'stage',
      'region',
      'network',
      'availability',
      'feedback',
    ]);
    // "Your bank already works with this professor": 阿波精工 ← loan — 阿波銀行 — joint research → 吉野.
    expect(chelate?.explanation.path.map((s) => [s.fromName, s.relation, s.toName])).toEqual([
      ['阿波精工株式会社', 'loan', '阿波銀行'],
      ['阿波銀行', 'joint_research', '吉野 一郎'],
    ]);
    expect(chelate?.explanation.region).toBe('in_region');
    const plating = result.results.find((r) => r.seedId === 's-plating');
    expect(plating?.explanation.distanceKm).toBeGreaterThan(400);
    expect(result.facilities.map((f) => f.seedId)).toContain('s-icp');
    expect(result.researchers.map((r) => r.actorId)).toContain('p1');
    const sum = Object.values(chelate?.explanation.signals ?? {}).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(chelate?.score ?? 0, 3);
  });

  it('gives each result a confidence on an absolute scale, and says "no good match" instead of noise', async () => {
    const good = await service.matchText(ANONYMOUS, 'めっき廃液から銅を電解で回収したい');
    expect(good.noGoodMatch).toBeUndefined();
    expect(good.results[0]?.seedId).toBe('s-plating');
    expect(good.results[0]?.confidence).not.toBe('low');
    expect(good.results[0]?.explanation.expansionOnly).toBe(false);
    const weak = good.results.find((r) => r.seedId === 's-icp');
    if (weak !== undefined) expect(weak.confidence).toBe('low');
    // Only 銅, which three of the four seeds hold, is shared: no list of noise, but what to
    // try instead.
    const drift = await service.matchText(ANONYMOUS, 'ドローンで撮った橋梁の銅の部分を点検したい');
    expect(drift.results).toEqual([]);
    expect(drift.researchers).toEqual([]);
    expect(drift.noGoodMatch?.message).toMatch(/No good match/);
    expect(drift.noGoodMatch?.suggestions.join(' ')).toMatch(/materials, products or processes/);
  });

  it('ranks first the seed a long need was written from, though a look-alike is nearer and of the same field', async () => {
    // A look-alike in the need's own prefecture and field: on the need's core words both pass
    // the confidence scale, and only the text tells them apart.
    await db.repos.entity('seeds').upsertMany([
      {
        id: 's-plating-near',
        ownerId: 'c1',
        title: 'めっき廃液の銅の電解回収装置の評価',
        abstract: 'めっき工場の廃液の銅を電解で回収する装置の性能を評価する。',
        keywords: ['めっき', '銅', '回収'],
        field: '環境',
        prefectureCode: '36',
        sdgs: [6],
        available: true,
        kind: 'research_result',
      },
    ]);
    const written =
      'めっき廃液からの銅の電解回収装置。めっき工場の廃液から銅を電解で回収し再利用する装置。';
    const fresh = await createMatchingService({
      repos: db.repos,
      clock,
      text,
      refreshIntervalMs: 0,
    });
    const result = await fresh.matchText(
      ANONYMOUS,
      `${written.repeat(4)}再利用の費用も下げたい。`,
      {
        subject: { prefectureCode: '36', field: '環境', sdgs: [6] },
      },
    );
    await fresh.close();
    await db.repos.entity('seeds').delete('s-plating-near');
    expect(result.results.slice(0, 2).map((r) => r.seedId)).toEqual([
      's-plating',
      's-plating-near',
    ]);
  });

  it('filters by region: in-region, neighbouring, anywhere (the default)', async () => {
    const inRegion = await service.matchNeed(ANONYMOUS, 'n-public', { region: 'in' });
    expect(new Set(inRegion.results.map((r) => r.prefectureCode))).toEqual(new Set(['36']));
    const near = await service.matchNeed(ANONYMOUS, 'n-public', { region: 'near' });
    expect(near.results.map((r) => r.seedId)).toContain('s-icp'); // 高知 borders 徳島
    expect(near.results.map((r) => r.seedId)).not.toContain('s-plating');
  });

  it('reflects adding, editing and deleting a seed at once', async () => {
    const editor = COORDINATOR_K1;
    const started = performance.now();
    await service.upsertSeed(editor, {
      id: 's-new',
      ownerId: 'u1',
      title: '銅イオンを回収する新しい吸着材',
      keywords: ['銅', '回収'],
      field: '環境',
    });
    const after = await service.matchNeed(ANONYMOUS, 'n-public');
    expect(after.results.map((r) => r.seedId)).toContain('s-new');
    expect(performance.now() - started).toBeLessThan(1_000);
    await service.upsertSeed(editor, { id: 's-new', ownerId: 'u1', title: '花粉症の新薬' });
    expect(
      (await service.matchNeed(ANONYMOUS, 'n-public')).results.map((r) => r.seedId),
    ).not.toContain('s-new');
    await service.upsertSeed(editor, { id: 's-new', ownerId: 'u1', title: '銅の回収' });
    expect(await service.deleteSeed(editor, 's-new')).toBe(true);
    expect(
      (await service.matchNeed(ANONYMOUS, 'n-public')).results.map((r) => r.seedId),
    ).not.toContain('s-new');
    expect(
      await outcomeCode(service.upsertSeed(ANONYMOUS, { id: 'x', ownerId: 'u1', title: 't' })),
    ).toBe('unauthenticated');
    expect(
      await outcomeCode(
        service.upsertSeed(MEMBER_OF('c1'), { id: 'x', ownerId: 'u1', title: 't' }),
      ),
    ).toBe('forbidden');
  });

  it('proposes a closed seed no more, here, in another process and from the snapshot, until reopened', async () => {
    const stored = await db.repos.entity('seeds').get('s-plating');
    const plating = ZSeed.parse(stored?.record);
    const other = await createMatchingService({
      repos: db.repos,
      clock,
      text,
      refreshIntervalMs: 0,
    });
    const proposed = async (s: MatchingService) =>
      (await s.matchNeed(ANONYMOUS, 'n-public', { limit: 10 })).results.map((r) => r.seedId);
    for (const s of [service, other]) expect(await proposed(s)).toContain('s-plating');
    await service.upsertSeed(COORDINATOR_K1, { ...plating, closed: true });
    for (const s of [service, other]) {
      const ids = await proposed(s);
      expect(ids).not.toContain('s-plating');
      expect(ids).toContain('s-chelate');
    }
    const restored = await createMatchingService({
      repos: db.repos,
      clock,
      text,
      refreshIntervalMs: 0,
    });
    expect(await proposed(restored)).not.toContain('s-plating');
    // Its owner may still reach it (the facts stay): only the owner side deletes it.
    expect(await outcomeCode(service.deleteSeed(MEMBER_OF('c1'), 's-plating'))).toBe('forbidden');
    await service.upsertSeed(COORDINATOR_K1, { ...plating, closed: false });
    for (const s of [service, other, restored]) expect(await proposed(s)).toContain('s-plating');
    await other.close();
    await restored.close();
  });

  it('sees edits made by another process within the refresh interval, and restores from its snapshot', async () => {
    await db.repos.entity('seeds').upsertMany([
      {
        id: 's-outside',
        ownerId: 'u1',
        title: '排水の銅を回収する膜分離',
        keywords: [],
        sdgs: [],
        available: true,
        kind: 'research_result',
      },
    ]);
    const other = await createMatchingService({
      repos: db.repos,
      clock,
      text,
      refreshIntervalMs: 0,
    });
    expect((await other.matchNeed(ANONYMOUS, 'n-public')).results.map((r) => r.seedId)).toContain(
      's-outside',
    );
    await db.repos.entity('seeds').delete('s-outside');
    expect(
      (await other.matchNeed(ANONYMOUS, 'n-public')).results.map((r) => r.seedId),
    ).not.toContain('s-outside');
    const again = await createMatchingService({ repos: db.repos, clock, text });
    const report = await again.refresh();
    expect(report.seeds.analysed).toBe(0);
    // The index restored from the stored snapshot answers exactly like the live one.
    for (const need of ['n-public', 'n-members']) {
      expect(await again.matchNeed(MEMBER_OF('c1'), need, { limit: 10 })).toEqual(
        await other.matchNeed(MEMBER_OF('c1'), need, { limit: 10 }),
      );
    }
    await other.close();
    await again.close();
  });

  it('keeps confidential needs out of search, reverse matches and counts', async () => {
    expect(await outcomeCode(service.matchNeed(ANONYMOUS, 'n-secret'))).toBe('not_found');
    expect(await outcomeCode(service.matchNeed(MEMBER_OF('c1'), 'n-secret'))).toBe('not_found');
    expect(await outcomeCode(service.matchNeed(COORDINATOR_K1, 'n-secret'))).toBe('not_found');
    const owner = await service.matchNeed(MEMBER_OF('c2'), 'n-secret');
    expect(owner.results.map((r) => r.seedId)).toContain('s-plating');
    // Members-only needs: accounts only.
    expect(await outcomeCode(service.matchNeed(ANONYMOUS, 'n-members'))).toBe('not_found');
    expect(await outcomeCode(service.matchNeed(MEMBER_OF('c1'), 'n-members'))).toBe('ok');

    for (const viewer of [ANONYMOUS, MEMBER_OF('c1'), COORDINATOR_K1, MEMBER_OF('c2')]) {
      const reverse = await service.matchSeed(viewer, 's-plating', { limit: 50 });
      const needIds = reverse.results.flatMap((r) => r.needIds);
      expect(needIds).not.toContain('n-secret');
      expect(reverse.results.map((r) => r.actorId)).not.toContain('c2');
      expect(JSON.stringify(reverse)).not.toContain('讃岐');
    }
    const anonymousReverse = await service.matchSeed(ANONYMOUS, 's-chelate');
    expect(anonymousReverse.results.flatMap((r) => r.needIds)).not.toContain('n-members');
    const memberReverse = await service.matchSeed(MEMBER_OF('c1'), 's-chelate');
    expect(memberReverse.results.flatMap((r) => r.needIds)).toContain('n-members');
    expect(service.stats().sharedNeeds).toBe(2);
  });

  it('demotes a rejected seed for similar needs and says why', async () => {
    const before = await service.matchNeed(ANONYMOUS, 'n-public');
    const scoreBefore = before.results.find((r) => r.seedId === 's-chelate')?.score ?? 0;
    expect(
      await outcomeCode(
        service.recordFeedback(MEMBER_OF('c3'), {
          needId: 'n-public',
          seedId: 's-chelate',
          decision: 'rejected',
          reason: 'too_early_stage',
        }),
      ),
    ).toBe('forbidden');
    expect(
      await outcomeCode(
        service.recordFeedback(MEMBER_OF('c1'), {
          needId: 'n-public',
          seedId: 's-chelate',
          decision: 'rejected',
        }),
      ),
    ).toBe('validation_failed');
    await service.recordFeedback(MEMBER_OF('c1'), {
      needId: 'n-public',
      seedId: 's-chelate',
      decision: 'rejected',
      reason: 'too_early_stage',
    });
    const after = await service.matchNeed(ANONYMOUS, 'n-public');
    const chelate = after.results.find((r) => r.seedId === 's-chelate');
    expect(chelate?.score ?? 0).toBeLessThan(scoreBefore);
    expect(chelate?.explanation.signals.feedback).toBeLessThan(0);
    expect(chelate?.explanation.feedback.join(' ')).toContain('too_early_stage');
  });

  it('answers bad queries with clear errors or sensible results', async () => {
    expect(await outcomeCode(service.matchText(ANONYMOUS, '   '))).toBe('validation_failed');
    expect((await service.matchText(ANONYMOUS, '！？。、🙂🙂')).results).toEqual([]);
    const huge = await service.matchText(ANONYMOUS, '銅の回収'.repeat(25_000));
    expect(huge.query.truncated).toBe(true);
    const html = await service.matchText(
      ANONYMOUS,
      '<p>排水から<b>銅</b>を回収</p><script>x</script>',
    );
    expect(html.results.map((r) => r.seedId)).toContain('s-chelate');
    expect(await outcomeCode(service.matchNeed(ANONYMOUS, 'no-such-need'))).toBe('not_found');
    expect(await outcomeCode(service.matchSeed(ANONYMOUS, 'no-such-seed'))).toBe('not_found');
  }, 30_000);
});
