import { describe, expect, it } from 'vitest';
import type { Actor } from '#core/entities/actor.ts';
import type { FundingFlow } from '#core/entities/funding-flow.ts';
import type { Project } from '#core/entities/project.ts';
import type { FundingSourceType } from '#core/vocabulary.ts';
import { moneyCirculation } from './money-circulation.ts';

let count = 0;
function flow(
  sourceType: FundingSourceType,
  amount: number,
  extra: Partial<FundingFlow>,
): FundingFlow {
  count += 1;
  return { id: `f${count}`, sourceType, fiscalYear: 2024, amount, currency: 'JPY', ...extra };
}

const actor = (id: string, fields: Partial<Actor>) =>
  ({ id, sector: 'company', ...fields }) as Actor;
const actors = [
  actor('bank', { sector: 'financial', prefectureCode: '22' }),
  actor('city', { sector: 'municipality', prefectureCode: '22' }),
  actor('lab', { sector: 'university', prefectureCode: '22' }),
  actor('maker', { prefectureCode: '22' }),
  actor('tokyo-firm', { prefectureCode: '13' }),
  actor('aichi-firm', { prefectureCode: '23' }),
  actor('us-fund', { sector: 'financial', countryCode: 'US' }),
  actor('mext', { sector: 'national_government', prefectureCode: '13' }),
];
const context = {
  actorsById: new Map(actors.map((a) => [a.id, a])),
  projectsById: new Map<string, Project>([
    ['p-out', { id: 'p-out', prefectureCode: '23' } as Project],
  ]),
};
const shizuoka = {
  actorIds: new Set(['bank', 'city', 'lab', 'maker']),
  projectIds: new Set(['p-in']),
  adoptionIds: new Set<string>(),
};

describe('money that stays in the region', () => {
  it('splits what the region receives by origin and follows what its funders give', () => {
    const flows = [
      flow('national_programme', 600, { funderId: 'mext', projectId: 'p-in' }),
      flow('bank', 100, { funderId: 'bank', recipientId: 'maker' }),
      flow('municipality', 100, { funderId: 'city', recipientId: 'lab' }),
      flow('company', 100, { funderId: 'tokyo-firm', recipientId: 'lab' }),
      flow('vc', 100, { funderId: 'us-fund', recipientId: 'maker' }),
      flow('other', 50, { recipientId: 'maker' }), // funder not recorded
      // the region's own money paid out: to Tokyo, to a project in Aichi, and nowhere recorded
      flow('bank', 300, { funderId: 'bank', recipientId: 'tokyo-firm' }),
      flow('municipality', 100, { funderId: 'city', projectId: 'p-out' }),
      flow('company', 40, { funderId: 'maker', projectId: 'p-unknown' }),
      // money between two places outside the region: not this region's
      flow('company', 999, { funderId: 'tokyo-firm', recipientId: 'aichi-firm' }),
    ];
    const result = moneyCirculation(flows, shizuoka, context);
    const byOrigin = Object.fromEntries(result.received.map((r) => [r.origin, r]));
    expect(byOrigin['national']).toMatchObject({ amount: 600, flows: 1, share: 0.6 });
    expect(byOrigin['region']).toMatchObject({ amount: 200, share: 0.2 });
    expect(byOrigin['rest_of_japan']).toMatchObject({ amount: 100, share: 0.1 });
    expect(byOrigin['abroad']).toMatchObject({ amount: 100, share: 0.1 });
    expect(byOrigin['unknown']).toMatchObject({ amount: 50, share: null });
    expect(result.selfFundedShare).toBeCloseTo(0.2);
    expect(result.given).toEqual({ total: 640, kept: 200, paidOut: 400, unknown: 40, flows: 5 });
    expect(result.retentionShare).toBeCloseTo(200 / 600);
    expect(result.destinations).toEqual([
      { place: '13', amount: 300, flows: 1 },
      { place: '23', amount: 100, flows: 1 },
    ]);
    expect(result.notes.join(' ')).toMatch(/not recorded/);
  });

  it('makes no claim on thin money, and says why', () => {
    const result = moneyCirculation(
      [flow('bank', 100, { funderId: 'bank', recipientId: 'tokyo-firm' })],
      shizuoka,
      context,
    );
    expect(result.retentionShare).toBeNull();
    expect(result.selfFundedShare).toBeNull();
    expect(result.sufficient).toEqual({ received: false, given: false });
    expect(result.notes).toHaveLength(2);
    expect(result.given.paidOut).toBe(100);
  });

  it("counts a ministry in the region as national money, not the region's own", () => {
    const tokyo = {
      actorIds: new Set(['mext', 'tokyo-firm']),
      projectIds: new Set<string>(),
      adoptionIds: new Set<string>(),
    };
    const result = moneyCirculation(
      [flow('other', 500, { funderId: 'mext', recipientId: 'tokyo-firm' })],
      tokyo,
      context,
    );
    expect(result.received.find((r) => r.origin === 'national')?.amount).toBe(500);
    expect(result.given.flows).toBe(0);
  });
});
