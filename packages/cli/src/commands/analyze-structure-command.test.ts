import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '#core/entities/actor.ts';
import type { Relation } from '#core/entities/relation.ts';
import { openDatabase } from '#db/open-database.ts';
import { sqliteTestDatabase, TEST_WORK_DIR } from '#test/test-databases.ts';
import type { CommandContext } from '../context.ts';
import { runCli } from '../main.ts';

function capture() {
  let out = '';
  let err = '';
  const context: CommandContext = {
    config: { defaultDatabase: join(TEST_WORK_DIR, 'unused.sqlite'), defaultPort: 0 },
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
  };
  return { context, out: () => out, err: () => err };
}

const actor = (id: string, prefectureCode: string, field?: string): Actor => ({
  id,
  kind: 'organization',
  sector: 'company',
  name: `会社${id}`,
  prefectureCode,
  flags: [],
  keywords: [],
  ...(field ? { field } : {}),
});
const tie = (sourceId: string, targetId: string): Relation => ({
  sourceId,
  targetId,
  type: 'joint_research',
  weight: 3,
  startDate: '2023-04-01',
});
const clique = (ids: string[]): Relation[] =>
  ids.flatMap((a, i) => ids.slice(i + 1).map((b) => tie(a, b)));
const WEST = ['w0', 'w1', 'w2', 'w3', 'w4'];
const EAST = ['e0', 'e1', 'e2', 'e3', 'e4'];

describe('analyze brokers', () => {
  let target: string;
  beforeAll(async () => {
    target = await sqliteTestDatabase.freshTarget();
    const db = await openDatabase(target);
    await db.repos
      .entity('actors')
      .upsertMany([
        ...WEST.map((id) => actor(id, '40')),
        ...EAST.map((id) => actor(id, '13')),
        actor('bridge', '23'),
      ]);
    await db.repos
      .entity('relations')
      .upsertMany([...clique(WEST), ...clique(EAST), tie('w0', 'bridge'), tie('bridge', 'e0')]);
    await db.close();
  });

  it('--json gives { brokers: [{ actorId, betweenness, constraint, communitiesBridged }] }, the bridge first', async () => {
    const run = capture();
    expect(await runCli(['analyze', 'brokers', '--db', target, '--json'], run.context)).toBe(0);
    const output = JSON.parse(run.out()) as { brokers: Record<string, unknown>[] };
    expect(Object.keys(output.brokers[0] ?? {})).toEqual(
      expect.arrayContaining(['actorId', 'betweenness', 'constraint', 'communitiesBridged']),
    );
    expect(output.brokers[0]?.['actorId']).toBe('bridge');
    // the communities it bridges are named from their members, not c1/c2
    const names = (output as unknown as { communityNames: Record<string, { name: string }> })
      .communityNames;
    const bridged = output.brokers[0]?.['communitiesBridged'] as string[];
    expect(bridged.map((id) => names[id]?.name).sort()).toEqual([
      '会社e0・会社e1圏',
      '会社w0・会社w1圏',
    ]);
    const readable = capture();
    expect(await runCli(['analyze', 'brokers', '--db', target], readable.context)).toBe(0);
    expect(readable.out()).toContain('betweenness exact');
    expect(readable.out().split('\n')[2]).toContain('会社bridge');
    expect(readable.out().split('\n')[2]).toContain('会社w0・会社w1圏');
  });

  it('analyze communities lists each community with a name made from its members', async () => {
    const run = capture();
    expect(await runCli(['analyze', 'communities', '--db', target, '--json'], run.context)).toBe(0);
    const output = JSON.parse(run.out()) as {
      communities: { id: string; name: string; nameEn: string; members: string[] }[];
    };
    expect(output.communities.map((c) => c.id)).toEqual(['c1', 'c2']);
    for (const c of output.communities) {
      const side = c.members.includes('w0') ? 'w' : 'e';
      expect(c.name).toBe(`会社${side}0・会社${side}1圏`);
      expect(c.nameEn).toBe(`会社${side}0 · 会社${side}1 area`);
    }
    const readable = capture();
    expect(await runCli(['analyze', 'communities', '--db', target], readable.context)).toBe(0);
    expect(readable.out()).toContain('会社w0・会社w1圏');
    const bad = capture();
    expect(
      await runCli(['analyze', 'brokers', '--db', target, '--community', 'c99'], bad.context),
    ).not.toBe(0);
    expect(bad.err()).toContain('c99');
  });
});

describe('analyze strengths', () => {
  let target: string;
  beforeAll(async () => {
    target = await sqliteTestDatabase.freshTarget();
    const db = await openDatabase(target);
    await db.repos
      .entity('actors')
      .upsertMany([
        ...Array.from({ length: 25 }, (_, i) => actor(`fk${i}`, '40', 'ロボット')),
        ...Array.from({ length: 25 }, (_, i) => actor(`tk${i}`, '13', '食品')),
      ]);
    await db.close();
  });

  it('--json gives { fields: [{ field, lq, ciLow, ciHigh, count }] }, the concentrated field above 1', async () => {
    const run = capture();
    expect(
      await runCli(
        ['analyze', 'strengths', '--db', target, '--prefecture', '40', '--json'],
        run.context,
      ),
    ).toBe(0);
    const output = JSON.parse(run.out()) as { fields: Record<string, unknown>[] };
    expect(Object.keys(output.fields[0] ?? {})).toEqual(
      expect.arrayContaining(['field', 'lq', 'ciLow', 'ciHigh', 'count']),
    );
    expect(output.fields[0]).toMatchObject({ field: 'ロボット', lq: 2, count: 25 });
    expect(Number(output.fields[0]?.['ciLow'])).toBeGreaterThan(1);
    const readable = capture();
    expect(
      await runCli(
        ['analyze', 'strengths', '--db', target, '--prefecture', '40'],
        readable.context,
      ),
    ).toBe(0);
    expect(readable.out()).toContain('福岡県');
    expect(readable.out()).toMatch(/\*\s*2\.00.*ロボット/);
    const bad = capture();
    expect(await runCli(['analyze', 'strengths', '--db', target], bad.context)).not.toBe(0);
    expect(bad.err()).toContain('exactly one');
  });

  it('--municipality answers for a municipality (a designated city with its wards) in the same shape', async () => {
    const db = await openDatabase(target);
    await db.repos.entity('actors').upsertMany(
      Array.from({ length: 10 }, (_, i) => ({
        ...actor(`hm${i}`, '22', '光・量子'),
        ...(i < 8 ? { municipalityCode: '221317' } : {}),
      })),
    );
    await db.close();
    const run = capture();
    expect(
      await runCli(
        ['analyze', 'strengths', '--db', target, '--municipality', '221309', '--json'],
        run.context,
      ),
    ).toBe(0);
    const output = JSON.parse(run.out()) as {
      scope: { kind: string; name: string };
      fields: Record<string, unknown>[];
      placeUnknown: number;
    };
    expect(output.scope).toMatchObject({ kind: 'municipality', name: '浜松市' });
    expect(Object.keys(output.fields[0] ?? {})).toEqual(
      expect.arrayContaining(['field', 'lq', 'ciLow', 'ciHigh', 'count']),
    );
    // 8 of 60 units, all 光・量子, which is 10 of 60: LQ 6
    expect(output.fields[0]).toMatchObject({ field: '光・量子', lq: 6, count: 8 });
    expect(output.placeUnknown).toBe(2);
    const readable = capture();
    expect(
      await runCli(
        ['analyze', 'strengths', '--db', target, '--municipality', '221309'],
        readable.context,
      ),
    ).toBe(0);
    expect(readable.out()).toContain('浜松市');
    expect(readable.out()).toContain('2 units in 静岡県 have no municipality recorded');
    const bad = capture();
    expect(
      await runCli(['analyze', 'strengths', '--db', target, '--municipality', '123'], bad.context),
    ).not.toBe(0);
    expect(bad.err()).toContain('municipality');
  });
});
