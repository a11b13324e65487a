/**
 * Demo hands-on management data for a project: PDCA log, milestones (some slipping), a risk
 * register assessed over time (some risks rising), budget spent and KPIs on the three values.
 * Drawn from its own random stream (seeded by the project number) so the rest of the demo
 * ecosystem does not change.
 */
import type { Project } from '#core/entities/project.ts';
import type {
  Kpi,
  Milestone,
  PdcaEntry,
  RiskAssessment,
} from '#core/entities/project-management.ts';
import { createRandom } from './random.ts';

const DAY = 86_400_000;
/** The demo's "today". */
const AS_OF = '2026-03-31';

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + Math.round(days) * DAY)
    .toISOString()
    .slice(0, 10);
}

const MILESTONES = [
  '要素技術の確立',
  '試作品の完成',
  '実証試験の開始',
  '顧客評価の完了',
  '事業化判断',
];
const RISKS: readonly [id: string, title: string, owner: string, mitigation: string][] = [
  ['r-tech', '技術課題の解決が遅れる', '研究代表者', '公設試と共同で評価系を前倒しで整備'],
  ['r-fund', '事業終了後の資金が確保できない', 'PD', '地域金融機関・自治体と早期に資金計画を協議'],
  [
    'r-market',
    '想定顧客の需要が見込みより小さい',
    '参画企業',
    'コーディネーターが追加の用途・顧客を探索',
  ],
  ['r-people', '中核人材の異動・退職', 'プロジェクト管理者', '複数担当制と引継ぎ記録'],
];
const KPIS: readonly [
  name: string,
  value: Kpi['value'],
  unit: string,
  target: number,
  sdgs: number[],
][] = [
  ['実証参加住民', 'social', '人', 300, [3, 11]],
  ['育成した若手研究者・技術者', 'social', '人', 10, [4]],
  ['新規雇用', 'industrial', '人', 15, [8]],
  ['試作・新製品', 'industrial', '件', 3, [9]],
  ['新規売上', 'economic', '百万円', 120, [8, 9]],
  ['ライセンス収入', 'economic', '百万円', 5, [9, 17]],
];

export function generateProjectManagement(project: Project, index: number): Partial<Project> {
  const { startDate, endDate } = project;
  if (!startDate || !endDate || startDate > AS_OF) return {};
  const random = createRandom(90_001 + index);
  const span = (Date.parse(endDate) - Date.parse(startDate)) / DAY;
  const elapsed = Math.min(1, (Date.parse(AS_OF) - Date.parse(startDate)) / DAY / span);
  const stopped = project.stage === 'stopped';

  const milestones: Milestone[] = MILESTONES.map((title, i) => {
    const plannedDate = addDays(startDate, (span * (i + 1)) / (MILESTONES.length + 0.5));
    const slip = stopped
      ? random.int(60, 240)
      : random.chance(0.3)
        ? random.int(30, 180)
        : random.int(-20, 20);
    const actualDate = addDays(plannedDate, slip);
    return {
      id: `m${i + 1}`,
      title,
      plannedDate,
      ...(actualDate <= AS_OF && !(stopped && i >= 2) ? { actualDate } : {}),
    };
  });

  const pdca: PdcaEntry[] = [];
  for (let year = 0; year * 365 < span * elapsed; year++) {
    const base = addDays(startDate, year * 365);
    pdca.push(
      { phase: 'plan', date: base, note: `${year + 1}年度計画を策定` },
      { phase: 'do', date: addDays(base, 30), note: '研究開発・試作を実施' },
    );
    if (random.chance(stopped ? 0.4 : 0.85)) {
      pdca.push({ phase: 'check', date: addDays(base, 270), note: '推進会議で進捗とリスクを確認' });
      pdca.push({
        phase: 'act',
        date: addDays(base, 300),
        note: '計画を見直し、課題に人員を再配置',
      });
    }
  }

  const risks: RiskAssessment[] = [];
  for (const [riskId, title, owner, mitigation] of random.sample(RISKS, random.int(1, 3))) {
    let likelihood = random.int(1, 3);
    const impact = random.int(2, 5);
    const rising = stopped || random.chance(0.25);
    for (let k = 0; k < 3; k++) {
      const date = addDays(startDate, span * elapsed * ((k + 1) / 3.2));
      risks.push({ riskId, title, date, likelihood, impact, owner, mitigation });
      likelihood = Math.max(1, Math.min(5, likelihood + (rising ? 1 : random.int(-1, 0))));
    }
  }

  const kpis: Kpi[] = VALUE_ORDER.flatMap((value) => {
    const options = KPIS.filter((k) => k[1] === value);
    const [name, , unit, target, sdgs] = random.pick(options);
    const progress = elapsed * (stopped ? random.next() * 0.5 : 0.5 + random.next() * 0.8);
    return [
      {
        name,
        value,
        unit,
        baseline: 0,
        target,
        actual: Math.round(target * progress * 10) / 10,
        sdgs,
      },
    ];
  });

  const budget = project.budget ?? 0;
  const burn = elapsed * (random.chance(0.2) ? 1.35 : 0.8 + random.next() * 0.3);
  return {
    ...(budget > 0
      ? { spent: Math.round((Math.min(1.2, burn) * budget) / 100_000) * 100_000 }
      : {}),
    pdca,
    milestones,
    risks,
    kpis,
  };
}

const VALUE_ORDER: readonly Kpi['value'][] = ['social', 'industrial', 'economic'];
