import { describe, expect, it } from 'vitest';
import type { Actor } from '#core/entities/actor.ts';
import {
  analyseBudgetBurn,
  analyseProgress,
  analyseRisks,
  checkTeamComposition,
  summarisePdca,
} from './project-health.ts';

describe('analyseProgress', () => {
  const result = analyseProgress(
    [
      { id: 'm1', title: '試作', plannedDate: '2024-04-01', actualDate: '2024-04-11' },
      { id: 'm2', title: '実証', plannedDate: '2024-06-01', actualDate: '2024-05-29' },
      { id: 'm3', title: '量産', plannedDate: '2024-08-01' },
      { id: 'm4', title: '販売', plannedDate: '2025-01-01' },
    ],
    '2024-09-01',
  );

  it('slip in days: +10 late, −3 early, 31 days overdue, upcoming', () => {
    expect(result.milestones.map((m) => [m.id, m.slipDays, m.status])).toEqual([
      ['m1', 10, 'done_late'],
      ['m2', -3, 'done_early'],
      ['m3', 31, 'overdue'],
      ['m4', 0, 'upcoming'],
    ]);
    expect(result.meanSlipDays).toBe(3.5);
    expect(result.maxSlipDays).toBe(31);
    expect(result.overdue).toBe(1);
    expect(result.done).toBe(2);
  });

  it('refuses impossible dates', () => {
    expect(() =>
      analyseProgress([{ id: 'm', title: 't', plannedDate: '2024-02-30' }], '2024-03-01'),
    ).toThrow(/milestone m planned date: "2024-02-30" is not a date/);
  });
});

describe('analyseBudgetBurn', () => {
  // 2024-01-01 .. 2024-12-31 is 365 days; 2024-07-01 is day 182 → elapsed 182/365
  const base = {
    budget: 10_000_000,
    startDate: '2024-01-01',
    endDate: '2024-12-31',
    asOf: '2024-07-01',
  };

  it('spent 80% at 49.9% of the time: overspending, burn ratio 1.604', () => {
    const burn = analyseBudgetBurn({ ...base, spent: 8_000_000 });
    expect(burn.elapsedShare).toBeCloseTo(182 / 365, 12);
    expect(burn.burnRatio).toBeCloseTo(0.8 / (182 / 365), 12);
    expect(burn.status).toBe('overspending');
  });

  it('on track and underspending', () => {
    expect(analyseBudgetBurn({ ...base, spent: 5_000_000 }).status).toBe('on_track');
    expect(analyseBudgetBurn({ ...base, spent: 2_000_000 }).status).toBe('underspending');
    expect(analyseBudgetBurn({ ...base, spent: 0, asOf: '2023-12-01' }).status).toBe('not_started');
  });

  it('refuses an end before the start, a zero budget, negative spending', () => {
    expect(() => analyseBudgetBurn({ ...base, spent: 1, startDate: '2025-01-01' })).toThrow(
      'project end 2024-12-31 is not after its start 2025-01-01',
    );
    expect(() => analyseBudgetBurn({ ...base, budget: 0, spent: 1 })).toThrow(/positive amount/);
    expect(() => analyseBudgetBurn({ ...base, spent: -1 })).toThrow(/spent must be an amount ≥ 0/);
  });
});

describe('analyseRisks', () => {
  const trends = analyseRisks([
    { riskId: 'r1', title: '量産コスト', date: '2024-01-01', likelihood: 2, impact: 3 },
    {
      riskId: 'r1',
      title: '量産コスト',
      date: '2024-03-01',
      likelihood: 3,
      impact: 4,
      owner: '田中',
    },
    { riskId: 'r2', title: '人材', date: '2024-01-01', likelihood: 4, impact: 4 },
    { riskId: 'r2', title: '人材', date: '2024-03-01', likelihood: 2, impact: 4 },
  ]);

  it('scores likelihood × impact, flags rising risks, sorts by latest score', () => {
    expect(trends.map((t) => [t.riskId, t.latestScore, t.previousScore, t.rising])).toEqual([
      ['r1', 12, 6, true],
      ['r2', 8, 16, false],
    ]);
    // +6 over 60 days = +3 per 30 days
    expect(trends[0]?.slopePer30Days).toBeCloseTo(3, 10);
    expect(trends[0]?.owner).toBe('田中');
  });

  it('refuses a likelihood outside 1..5', () => {
    expect(() =>
      analyseRisks([{ riskId: 'r', title: 't', date: '2024-01-01', likelihood: 6, impact: 1 }]),
    ).toThrow('risk r on 2024-01-01: likelihood must be a whole number 1..5, got 6');
  });
});

describe('checkTeamComposition', () => {
  const actor = (id: string, sector: Actor['sector'], flags: Actor['flags'] = []): Actor => ({
    id,
    kind: 'organization',
    sector,
    name: id,
    prefectureCode: '01',
    flags,
    keywords: [],
  });
  const actors = [
    actor('uni', 'university'),
    actor('co', 'company'),
    actor('bank', 'financial', ['bank']),
  ];

  it('a university–company–bank team misses government', () => {
    const team = checkTeamComposition(
      {
        members: [
          { actorId: 'uni', role: 'lead' },
          { actorId: 'co', role: 'company' },
          { actorId: 'bank', role: 'member' },
        ],
      },
      actors,
    );
    expect(team.covered).toEqual(['university', 'company', 'finance']);
    expect(team.missing).toEqual(['government']);
    expect(team.complete).toBe(false);
  });

  it('a role covers the gap even when the actor record is missing', () => {
    const team = checkTeamComposition(
      {
        members: [
          { actorId: 'uni', role: 'researcher' },
          { actorId: 'co', role: 'company' },
          { actorId: 'pref-x', role: 'government' },
          { actorId: 'bank', role: 'finance' },
        ],
      },
      actors,
    );
    expect(team.complete).toBe(true);
    expect(team.unknownMembers).toEqual(['pref-x']);
  });
});

describe('summarisePdca', () => {
  it('counts one full cycle and days since the last check', () => {
    const status = summarisePdca(
      [
        { phase: 'plan', date: '2024-01-10', note: '計画' },
        { phase: 'do', date: '2024-02-10', note: '試作' },
        { phase: 'check', date: '2024-03-10', note: '評価' },
        { phase: 'act', date: '2024-03-20', note: '改善' },
        { phase: 'plan', date: '2024-04-01', note: '次' },
      ],
      '2024-04-09',
    );
    expect(status.completedCycles).toBe(1);
    expect(status.counts).toEqual({ plan: 2, do: 1, check: 1, act: 1 });
    expect(status.daysSinceLastCheck).toBe(30);
    expect(status.latest?.note).toBe('次');
  });
});
