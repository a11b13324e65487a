import { describe, expect, it } from 'vitest';
import { projectHealth } from '#services/programmes/project-portfolio.ts';
import en from '../../i18n/en.json';
import ja from '../../i18n/ja.json';
import { alertMessage } from './health-alerts.ts';

const role = (r: string) => `<${r}>`;

/** Fills `{name}` placeholders as i18n.tsx does. */
function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}

describe('project-health alerts in the chosen language, from their codes and values', () => {
  const health = projectHealth(
    {
      id: 'p1',
      title: 'test',
      stage: 'development',
      startDate: '2024-04-01',
      endDate: '2026-03-31',
      budget: 10_000_000,
      spent: 9_000_000,
      members: [{ actorId: 'a1', role: 'lead' }],
      sdgs: [],
      milestones: [{ id: 'm1', title: '試作機', plannedDate: '2024-06-01' }],
      risks: [
        { riskId: 'r', title: '資金', date: '2024-05-01', likelihood: 2, impact: 2 },
        { riskId: 'r', title: '資金', date: '2024-09-01', likelihood: 3, impact: 3 },
      ],
      pdca: [{ phase: 'check', date: '2024-05-01', note: 'review' }],
      kpis: [],
    },
    [],
    '2025-07-01',
  );

  it('renders every alert the service gives for a troubled project in Japanese and English', () => {
    expect(health.alertDetails.map((a) => a.code)).toEqual([
      'milestones_overdue',
      'milestone_slipped',
      'overspending',
      'risk_rising',
      'no_pdca_check',
      'team_incomplete',
    ]);
    const rendered = health.alertDetails.map((a) => {
      const m = alertMessage(a, role);
      return [fill(ja[m.key], m.values), fill(en[m.key], m.values)];
    });
    expect(rendered).toEqual([
      ['期限を過ぎて未達のマイルストーンが 1 件', '1 milestone(s) overdue'],
      ['マイルストーン「試作機」が 395 日遅れた', 'milestone “試作機” slipped 395 days'],
      ['予算の消化が時間より速い', 'spending runs ahead of time'],
      ['リスク上昇: 資金（4 → 9）', 'risk rising: 資金 (4 → 9)'],
      ['PDCA の評価（Check）が 426 日ない', 'no PDCA check for 426 days'],
      [
        'チームに欠けている役割: <university>・<company>・<government>・<finance>',
        'the team lacks: <university>・<company>・<government>・<finance>',
      ],
    ]);
    for (const [jaText, enText] of rendered) {
      expect(jaText).not.toMatch(/\{\w+\}/);
      expect(enText).not.toMatch(/\{\w+\}/);
    }
  });

  it('keeps the English sentences beside the codes, one for one', () => {
    expect(health.alerts).toEqual(health.alertDetails.map((a) => a.text));
    expect(health.alerts[0]).toBe('1 milestone(s) overdue');
  });
});
