import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
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

describe('analyze money, strategy and people', () => {
  let target: string;
  beforeAll(async () => {
    target = await sqliteTestDatabase.freshTarget();
    const db = await openDatabase(target);
    await db.repos
      .entity('projects')
      .upsertMany([{ id: 'p', title: '実証', stage: 'development', prefectureCode: '22' }]);
    await db.repos.entity('funding').upsertMany(
      [2022, 2023, 2024].map((fy) => ({
        id: `n${fy}`,
        sourceType: 'national_programme',
        projectId: 'p',
        fiscalYear: fy,
        amount: 1000,
      })),
    );
    await db.repos.entity('region-strategies').upsertMany([
      {
        id: 'rs',
        name: '戦略',
        areaType: 'prefecture',
        areaCode: '22',
        kpiTargets: [{ metric: 'ventures', value: 'economic', year: 2024, target: 3, unit: '社' }],
      },
    ]);
    await db.close();
  });

  // the team is unknown, so one adverse factor only (no local money): at risk, not heading for a stop
  it('money --json gives the region’s dependency and each project’s runway', async () => {
    const run = capture();
    expect(
      await runCli(
        ['analyze', 'money', '--db', target, '--prefecture', '22', '--as-of-fy', '2024', '--json'],
        run.context,
      ),
    ).toBe(0);
    const out = JSON.parse(run.out()) as {
      region: { dependency: { hhi: number } };
      projects: { projectId: string; nationalEndFy: number; outlook: string }[];
    };
    expect(out.region.dependency.hhi).toBe(1);
    expect(out.projects).toMatchObject([
      { projectId: 'p', nationalEndFy: 2024, outlook: 'at_risk' },
    ]);
  });

  it('strategy and people print their basis; a bad region exits with a validation error', async () => {
    const strategy = capture();
    expect(
      await runCli(['analyze', 'strategy', '--db', target, '--prefecture', '22'], strategy.context),
    ).toBe(0);
    expect(strategy.out()).toContain('no_data');
    expect(strategy.out()).toContain('no KPI target for: social, industrial');
    const people = capture();
    expect(
      await runCli(['analyze', 'people', '--db', target, '--prefecture', '22'], people.context),
    ).toBe(0);
    expect(people.out()).toContain('no training programme recorded for 静岡県');
    const bad = capture();
    expect(await runCli(['analyze', 'money', '--db', target], bad.context)).not.toBe(0);
    expect(bad.err()).toMatch(/exactly one of --prefecture or --community/);
  });

  it('money --consortium answers for a consortium’s members, and names one not recorded', async () => {
    const db = await openDatabase(target);
    const org = (id: string, name: string, prefectureCode: string) => ({
      id,
      kind: 'organization' as const,
      sector: 'company' as const,
      name,
      prefectureCode,
      flags: [],
      keywords: [],
    });
    await db.repos
      .entity('actors')
      .upsertMany([
        org('council', '三遠南信協議会', '22'),
        org('m1', '浜松光学', '22'),
        org('m2', '豊橋精機', '23'),
      ]);
    await db.repos.entity('relations').upsertMany([
      { sourceId: 'm1', targetId: 'council', type: 'membership', weight: 1 },
      { sourceId: 'm2', targetId: 'council', type: 'membership', weight: 1 },
    ]);
    await db.repos
      .entity('funding')
      .upsertMany([
        { id: 'b1', sourceType: 'bank', recipientId: 'm2', fiscalYear: 2024, amount: 700 },
      ]);
    await db.close();
    const run = capture();
    expect(
      await runCli(
        ['analyze', 'money', '--db', target, '--consortium', 'council', '--json'],
        run.context,
      ),
    ).toBe(0);
    const out = JSON.parse(run.out()) as {
      scope: { kind: string; members: number };
      region: { total: number };
    };
    expect(out.scope).toMatchObject({ kind: 'consortium', members: 3 });
    expect(out.region.total).toBe(700);
    const text = capture();
    expect(
      await runCli(['analyze', 'money', '--db', target, '--consortium', 'council'], text.context),
    ).toBe(0);
    expect(text.out()).toContain('三遠南信協議会');
    const missing = capture();
    expect(
      await runCli(['analyze', 'money', '--db', target, '--consortium', 'nobody'], missing.context),
    ).not.toBe(0);
    expect(missing.err()).toContain('nobody');
  });
});
