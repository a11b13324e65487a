import { describe, expect, it } from 'vitest';
import { projectHealth } from '#services/programmes/project-portfolio.ts';
import ja from '../../i18n/ja.json';
import { alertMessage } from './health-alerts.ts';

const role = (r: string) => `<${r}>`;

describe('project-health alerts in the chosen language', () => {
  it.each([
    ['3 milestone(s) overdue', 'health.alert.overdue', { count: 3 }],
    ['a milestone slipped 84 days', 'health.alert.slip', { days: 84 }],
    ['spending runs ahead of time', 'burn.overspending', {}],
    ['spending lags behind time', 'burn.underspending', {}],
    [
      'risk rising: 中核人材の異動・退職 (9 → 12)',
      'health.alert.riskRising',
      { title: '中核人材の異動・退職', from: 9, to: 12 },
    ],
    ['no PDCA check for 401 days', 'health.alert.noCheck', { days: 401 }],
    [
      'team lacks government, finance',
      'health.alert.teamLacks',
      { roles: '<government>・<finance>' },
    ],
  ])('%s', (alert, key, values) => {
    expect(alertMessage(alert, role)).toEqual({ key, values });
    expect(Object.keys(ja)).toContain(key);
  });

  it('leaves an alert of an unknown form as it is', () => {
    expect(alertMessage('something new', role)).toBeNull();
  });

  it('reads every alert the service writes for a troubled project', () => {
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
        milestones: [{ id: 'm1', title: 'prototype', plannedDate: '2024-06-01' }],
        risks: [
          { riskId: 'r', title: 'funding', date: '2024-05-01', likelihood: 2, impact: 2 },
          { riskId: 'r', title: 'funding', date: '2024-09-01', likelihood: 3, impact: 3 },
        ],
        pdca: [{ phase: 'check', date: '2024-05-01', note: 'review' }],
        kpis: [],
      },
      [],
      '2025-07-01',
    );
    expect(health.alerts.length).toBeGreaterThanOrEqual(5);
    for (const alert of health.alerts) expect(alertMessage(alert, role), alert).not.toBeNull();
  });
});
