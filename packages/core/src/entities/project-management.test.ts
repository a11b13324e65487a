import { describe, expect, it } from 'vitest';
import { ZProject } from './project.ts';

const base = { id: 'p1', title: '医療機器の開発' };

describe('project management fields', () => {
  // Found by fuzzing the JSON importer (issue 12): a milestone that is not an object threw a
  // TypeError in the duplicate check instead of being reported.
  it.each([[[null]], [[5, 'x']], [[{ id: 'm1' }, null, { id: 'm1' }]]])(
    'reports milestones that are not objects as field errors: %j',
    (milestones) => {
      const result = ZProject.safeParse({ ...base, milestones });
      expect(result.success).toBe(false);
      expect(result.error?.issues.some((i) => i.path[0] === 'milestones')).toBe(true);
    },
  );

  it('accepts PDCA, milestones, risks and KPIs on the three values', () => {
    const project = ZProject.parse({
      ...base,
      spent: 1_000_000,
      pdca: [{ phase: 'check', date: '2025-10-01', note: '推進会議' }],
      milestones: [
        { id: 'm1', title: '試作', plannedDate: '2025-09-30', actualDate: '2025-11-15' },
      ],
      risks: [
        {
          riskId: 'r1',
          title: '資金',
          date: '2025-10-01',
          likelihood: 3,
          impact: 4,
          owner: 'PD',
          mitigation: '地銀と協議',
        },
      ],
      kpis: [
        { name: '新規雇用', value: 'industrial', unit: '人', target: 10, actual: 4, sdgs: [8] },
      ],
    });
    expect(project.kpis?.[0]?.value).toBe('industrial');
    expect(project.milestones).toHaveLength(1);
  });

  it('rejects a KPI without a unit, a bad value kind, scores outside 1..5 and repeated milestones', () => {
    const noUnit = ZProject.safeParse({
      ...base,
      kpis: [{ name: '売上', value: 'economic', target: 100 }],
    });
    expect(noUnit.success).toBe(false);
    expect(noUnit.error?.issues[0]?.message).toContain('unit');
    const blankUnit = ZProject.safeParse({
      ...base,
      kpis: [{ name: '売上', value: 'economic', unit: ' ', target: 100 }],
    });
    expect(blankUnit.error?.issues[0]?.message).toBe('a KPI needs a unit');
    expect(
      ZProject.safeParse({ ...base, kpis: [{ name: 'x', value: 'money', unit: '円', target: 1 }] })
        .success,
    ).toBe(false);
    expect(
      ZProject.safeParse({
        ...base,
        risks: [{ riskId: 'r', title: 't', date: '2025-01-01', likelihood: 6, impact: 1 }],
      }).success,
    ).toBe(false);
    const repeated = ZProject.safeParse({
      ...base,
      milestones: [
        { id: 'm1', title: 'a', plannedDate: '2025-01-01' },
        { id: 'm1', title: 'b', plannedDate: '2025-02-01' },
      ],
    });
    expect(repeated.error?.issues.map((i) => i.message)).toContain('milestone m1 repeated');
    expect(
      ZProject.safeParse({ ...base, pdca: [{ phase: 'review', date: '2025-01-01', note: 'x' }] })
        .success,
    ).toBe(false);
  });
});
