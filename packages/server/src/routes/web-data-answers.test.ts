import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '#core/ports.ts';
import type { Database } from '#db/open-database.ts';
import { buildActor, buildNeed, buildRelation } from '#test/factories.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { createWebDataAnswers } from './web-data-answers.ts';

const clock: Clock = { now: () => new Date('2026-06-01T00:00:00Z') };

describe.each(TEST_DATABASES)('web views answered from the snapshot on $name', (kind) => {
  let db: Database;
  let answers: ReturnType<typeof createWebDataAnswers>;
  beforeEach(async () => {
    db = await kind.open(clock);
    await db.repos
      .entity('actors')
      .upsertMany([
        buildActor({ id: 'u1', sector: 'university', prefectureCode: '13' }),
        buildActor({ id: 'c1', sector: 'company', prefectureCode: '13' }),
        buildActor({ id: 'c2', sector: 'company', prefectureCode: '40' }),
      ]);
    await db.repos
      .entity('relations')
      .upsertMany([buildRelation({ sourceId: 'u1', targetId: 'c1' })]);
    answers = createWebDataAnswers(db.repos, clock);
  });
  afterEach(async () => {
    await db.close();
  });

  it('keeps an answer while the data stay the same, and makes it again after a write', async () => {
    const query = { maxEdges: 100, isolated: 'true', maxNodes: 50_000 } as const;
    const first = await answers.answer('network', query);
    expect(await answers.answer('network', { ...query })).toBe(first);
    expect(first.edgeCount).toBe(1);

    await db.repos
      .entity('relations')
      .upsertMany([buildRelation({ sourceId: 'u1', targetId: 'c2' })]);
    // The network part is rebuilt in the background: the next answers show the new tie.
    let after = await answers.answer('network', query);
    while (after.edgeCount === 1) after = await answers.answer('network', query);
    expect(after.edgeCount).toBe(2);
  });

  it('keeps the JSON text of an answer, the same as the answer, until a write', async () => {
    const query = { maxEdges: 100, isolated: 'true', maxNodes: 50_000 } as const;
    const text = await answers.answerJson('network', query);
    expect(JSON.parse(text)).toEqual(await answers.answer('network', query));
    expect(text).toBe(JSON.stringify(await answers.answer('network', query)));
    expect(await answers.answerJson('network', { ...query })).toBe(text);

    await db.repos
      .entity('relations')
      .upsertMany([buildRelation({ sourceId: 'u1', targetId: 'c2' })]);
    let after = await answers.answerJson('network', query);
    while (after === text) after = await answers.answerJson('network', query);
    expect(JSON.parse(after)).toMatchObject({ edgeCount: 2 });
    expect(after).toBe(JSON.stringify(await answers.answer('network', query)));
  });

  it('never keeps a need in an answer once it is no longer public', async () => {
    const need = buildNeed({ ownerId: 'c1', title: '公開のニーズ', confidentiality: 'public' });
    await db.repos.entity('needs').upsertMany([need]);
    expect((await answers.answer('summary', {})).needs.public).toBe(1);
    expect(JSON.parse(await answers.answerJson('summary', {}))).toMatchObject({
      needs: { public: 1 },
    });
    await db.repos.entity('needs').upsertMany([{ ...need, confidentiality: 'confidential' }]);
    expect((await answers.answer('summary', {})).needs.public).toBe(0);
    const text = await answers.answerJson('summary', {});
    expect(JSON.parse(text)).toMatchObject({ needs: { public: 0 } });
    expect(text).not.toContain('公開のニーズ');
  });

  it('answers the home data after a restart on unchanged data from the kept answer, without building', async () => {
    const before = await answers.answerJson('summary', {});
    const meta = await answers.answerJson('meta', {});
    // The first server stopped: its answers made again in the background are written (a write
    // of them racing the restarted server's reads is not a restart on unchanged data).
    await answers.answersKept();
    // A server started again on the same database: a new answerer, nothing in memory.
    const restarted = createWebDataAnswers(db.repos, clock);
    expect(await restarted.answerJson('summary', {})).toBe(before);
    expect(await restarted.answerJson('meta', {})).toBe(meta);
    expect(restarted.progress()).toEqual({ snapshotBuilds: 0, restored: 2 });

    // A write to a table the snapshot reads: the kept answer no longer holds.
    await db.repos
      .entity('actors')
      .upsertMany([buildActor({ id: 'c3', sector: 'company', prefectureCode: '22' })]);
    const after = JSON.parse(await restarted.answerJson('summary', {})) as unknown;
    expect(after).toMatchObject({ actors: { total: 4 } });
    expect(JSON.parse(before)).toMatchObject({ actors: { total: 3 } });
    expect(restarted.progress()).toEqual({ snapshotBuilds: 1, restored: 2 });
    // …and the new answer is the one kept for the next start.
    const again = createWebDataAnswers(db.repos, clock);
    expect(await again.answer('summary', {})).toEqual(after);
    expect(again.progress().snapshotBuilds).toBe(0);
  });

  it('warms the home data from the kept answers on a restart, and from the snapshot on a first start', async () => {
    await answers.warm();
    const restarted = createWebDataAnswers(db.repos, clock);
    await restarted.warm();
    expect(restarted.progress().snapshotBuilds).toBe(0);
    expect(restarted.progress().restored).toBeGreaterThanOrEqual(3);
  });

  it('does not keep an answer made from an older snapshot under the new data', async () => {
    const query = { maxEdges: 100, isolated: 'true', maxNodes: 50_000 } as const;
    await answers.answer('network', query);
    await db.repos
      .entity('relations')
      .upsertMany([buildRelation({ sourceId: 'u1', targetId: 'c2' })]);
    // Served from the previous network part while the new one is built.
    await answers.answer('network', query);
    const restarted = createWebDataAnswers(db.repos, clock);
    expect((await restarted.answer('network', query)).edgeCount).toBe(2);
  });

  it('keeps every answer the home page asks, and those asked lately, once one is made for new data', async () => {
    await answers.warm();
    const scoped = { prefecture: '40' };
    await answers.answer('summary', scoped);
    await db.repos
      .entity('needs')
      .upsertMany([buildNeed({ ownerId: 'c1', title: '公開のニーズ', confidentiality: 'public' })]);
    // Only the summary is asked after the write…
    expect((await answers.answer('summary', {})).needs.public).toBe(1);
    await answers.answersKept();
    // …yet a restart finds the meta, the communities and a prefecture's summary asked before the
    // write, made again for the new data, without building the snapshot.
    const restarted = createWebDataAnswers(db.repos, clock);
    await restarted.answerJson('meta', {});
    await restarted.answerJson('communities', {});
    expect(await restarted.answer('summary', scoped)).toEqual(
      await answers.answer('summary', scoped),
    );
    expect(restarted.progress()).toEqual({ snapshotBuilds: 0, restored: 3 });
  });
});
