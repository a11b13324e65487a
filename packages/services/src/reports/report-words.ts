/**
 * Every word of the region report in Japanese and English: headings, table heads, the names of
 * stored codes (never shown as `university` or `stopped`), sentences and method notes. Names of
 * organisations, projects and programmes are data and stay as recorded.
 */
import { SECTOR_LABELS_EN, SECTOR_LABELS_JA, type Sector } from '#core/vocabulary.ts';
import type { ReportLanguage } from './report-map.ts';

const STAGE = {
  ja: {
    planning: '計画',
    research: '研究',
    development: '開発',
    demonstration: '実証',
    commercialisation: '事業化',
    completed: '完了',
    stopped: '中止',
  },
  en: {
    planning: 'Planning',
    research: 'Research',
    development: 'Development',
    demonstration: 'Demonstration',
    commercialisation: 'Commercialisation',
    completed: 'Completed',
    stopped: 'Stopped',
  },
} as const;

const OUTCOME = {
  ja: { success: '成功', failure: '失敗', mixed: '一部成功' },
  en: { success: 'Success', failure: 'Failure', mixed: 'Partial success' },
} as const;

const TEAM = {
  ja: { university: '大学・研究', company: '企業', government: '行政', finance: '金融' },
  en: {
    university: 'university / research',
    company: 'company',
    government: 'government',
    finance: 'finance',
  },
} as const;

const VALUE = {
  ja: { social: '社会的価値', industrial: '産業的価値', economic: '経済的価値' },
  en: { social: 'Social value', industrial: 'Industrial value', economic: 'Economic value' },
} as const;

const CONTINUATION = {
  ja: {
    continued_regional: '地域資金で継続',
    successor: '後継事業',
    stopped: '停止',
    ongoing: '実施中',
    unknown: '不明',
  },
  en: {
    continued_regional: 'Continued on regional money',
    successor: 'Successor programme',
    stopped: 'Stopped',
    ongoing: 'Running',
    unknown: 'Unknown',
  },
} as const;

const STATUS = {
  ja: { on_track: '順調', behind: '遅れ', no_data: 'データなし' },
  en: { on_track: 'On track', behind: 'Behind', no_data: 'No data' },
} as const;

const OUTLOOK = {
  ja: {
    heading_for_stop: '停止の恐れ',
    at_risk: '要注意',
    sustained: '継続資金あり',
    national_running: '国費継続中',
    no_national_money: '国費なし',
    ended: '終了',
    insufficient_data: 'データ不足',
  },
  en: {
    heading_for_stop: 'Heading for a stop',
    at_risk: 'At risk',
    sustained: 'Money to continue',
    national_running: 'National money running',
    no_national_money: 'No national money',
    ended: 'Ended',
    insufficient_data: 'Insufficient data',
  },
} as const;

const ORIGIN = {
  ja: {
    region: '地域内',
    national: '国の事業・省庁',
    rest_of_japan: '国内の他地域',
    abroad: '海外',
    unknown: '提供者不明',
  },
  en: {
    region: 'the region',
    national: 'national programmes and ministries',
    rest_of_japan: 'the rest of Japan',
    abroad: 'abroad',
    unknown: 'unknown funders',
  },
} as const;

/** A stored code's name in `table`, or the language's word for "unknown" (never the code). */
function nameIn<T extends Record<string, string>>(table: T, code: string, unknown: string): string {
  return Object.hasOwn(table, code) ? (table[code] ?? unknown) : unknown;
}

export interface ReportWords {
  lang: ReportLanguage;
  locale: string;
  title: (scope: string) => string;
  meta: (kind: 'prefecture' | 'community', places: string, date: string, fy: number) => string;
  sector: (code: string) => string;
  stage: (code: string) => string;
  outcome: (code: string) => string;
  team: (code: string) => string;
  value: (code: string) => string;
  continuation: (code: string) => string;
  status: (code: string) => string;
  outlook: (code: string) => string;
  origin: (code: string) => string;
  abroad: string;
  listSeparator: string;
  placeSeparator: string;
  /** Millions of yen. */
  yen: (amount: number | null) => string;
  none: string;
  headings: {
    map: string;
    network: string;
    communities: string;
    projects: string;
    kpis: string;
    adoptions: string;
    risks: string;
    cases: string;
    strategy: string;
    money: string;
    people: string;
    sources: string;
  };
  heads: {
    communities: string[];
    projects: string[];
    kpis: string[];
    adoptions: string[];
    risks: string[];
    cases: string[];
    targets: string[];
    money: string[];
    people: string[];
  };
  networkSummary: (actors: number, sectors: string, internal: number, outward: number) => string;
  communitySource: (
    stored: boolean,
    runId: string,
    when: string,
    resolution: number,
    seed: number,
  ) => string;
  noGaps: string;
  teamComplete: string;
  moreProjects: (count: number) => string;
  unreported: (count: number) => string;
  endUnknown: string;
  noRisk: string;
  riskEvidence: string;
  lastCheck: (date: string | null) => string;
  valuesWithoutTargets: (values: string) => string;
  noStrategy: (scope: string) => string;
  timeline: (metric: string, points: string) => string;
  timelinePoint: (year: number, actual: string, target: string | null) => string;
  years: (n: string) => string;
  moneySummary: (p: {
    total: string;
    flows: number;
    national: string;
    local: string;
    largest: string;
    largestShare: string;
    hhi: string;
    note: string | null;
  }) => string;
  circulation: (p: {
    origins: string;
    selfFunded: string;
    given: string;
    kept: string;
    paidOut: string;
    retention: string;
    destinations: string;
    thin: boolean;
  }) => string;
  people: (p: {
    retention: string;
    known: number;
    claim: boolean;
    note: string;
    staff: string;
    turnover: string;
    turnoverClaim: boolean;
  }) => string;
  moneyMethod: string;
  peopleMethod: string;
}

const yenJa = (n: number | null) =>
  n === null ? '—' : `${Math.round(n / 1e6).toLocaleString('ja-JP')}百万円`;
const yenEn = (n: number | null) =>
  n === null ? '—' : `¥${Math.round(n / 1e6).toLocaleString('en-GB')}M`;

const JA: ReportWords = {
  lang: 'ja',
  locale: 'ja-JP',
  title: (scope) => `地域レポート: ${scope}`,
  meta: (kind, places, date, fy) =>
    `${kind === 'prefecture' ? '都道府県' : 'Actors-Based Community'} / 対象: ${places} / 作成 ${date}（FY${fy}時点）`,
  sector: (code) => SECTOR_LABELS_JA[code as Sector] ?? 'その他',
  stage: (code) => nameIn(STAGE.ja, code, '不明'),
  outcome: (code) => nameIn(OUTCOME.ja, code, '不明'),
  team: (code) => nameIn(TEAM.ja, code, '不明'),
  value: (code) => nameIn(VALUE.ja, code, '不明'),
  continuation: (code) => nameIn(CONTINUATION.ja, code, '不明'),
  status: (code) => nameIn(STATUS.ja, code, '不明'),
  outlook: (code) => nameIn(OUTLOOK.ja, code, '不明'),
  origin: (code) => nameIn(ORIGIN.ja, code, '不明'),
  abroad: '海外',
  listSeparator: '、',
  placeSeparator: '・',
  yen: yenJa,
  none: '該当なし',
  headings: {
    map: '1. 主体の分布',
    network: '2. ネットワーク概要',
    communities: '3. コミュニティとテクノポリス・ホイールの欠落',
    projects: '4. プロジェクト',
    kpis: 'KPI（社会的・産業的・経済的価値）',
    adoptions: '5. 国の事業（採択）',
    risks: '6. 継続のリスク',
    cases: '7. 事例',
    strategy: '8. 地域戦略とKPIの推移',
    money: '9. 資金循環と自立化',
    people: '10. 人材育成と地域定着',
    sources: '出典 / Sources',
  },
  heads: {
    communities: [
      'コミュニティ',
      '規模',
      '域内の割合',
      '都道府県',
      '中核的な主体',
      '欠落（ギャップ）',
    ],
    projects: ['プロジェクト', '段階', '予算', '参画', 'チームに欠ける側'],
    kpis: ['価値', 'KPI', '実績 / 目標', '達成率', 'プロジェクト', 'SDGs'],
    adoptions: ['事業', '地域', '期間', '事後評価', '終了後'],
    risks: ['地域', '終了年度', 'リスク'],
    cases: ['事例', '結果', '要因'],
    targets: ['価値', '指標', '年度', '目標', '実績', '判定', '根拠'],
    money: ['プロジェクト', '見通し', '国費の最終年度', 'ランウェイ', '根拠'],
    people: ['プログラム', '受講', '修了', '地域定着率'],
  },
  networkSummary: (actors, sectors, internal, outward) =>
    `主体 ${actors}（${sectors || 'なし'}）。域内の連携 ${internal} 件、域外との連携（広域連携） ${outward} 件。`,
  communitySource: (stored, runId, when, resolution, seed) =>
    stored
      ? `コミュニティは保存済みの分析 run ${runId}（${when}、解像度 ${resolution}、seed ${seed}）による。`
      : `コミュニティは保存済みの分析がないため既定の設定で算出（${when}、解像度 ${resolution}、seed ${seed}）。`,
  noGaps: 'なし',
  teamComplete: '揃っている',
  moreProjects: (count) => `ほか ${count} 件`,
  unreported: (count) => `（未報告 ${count}件）`,
  endUnknown: '（終了年度不明）',
  noRisk: '目立つリスクなし',
  riskEvidence: '根拠: 全国の採択の継続要因分析',
  lastCheck: (date) => `最後の評価（Check）: ${date ?? 'なし'}`,
  valuesWithoutTargets: (values) => ` / KPI目標のない価値: ${values}`,
  noStrategy: () => '地域戦略の登録なし',
  timeline: (metric, points) => `${metric}の推移: ${points}`,
  timelinePoint: (year, actual, target) =>
    `FY${year} ${actual}${target === null ? '' : `（目標 ${target}）`}`,
  years: (n) => `${n}年`,
  moneySummary: (p) =>
    `資金総額 ${p.total}（${p.flows}件）。国の事業 ${p.national}、地域資金 ${p.local}。最大の資金源 ${p.largest} ${p.largestShare}、HHI ${p.hhi}${p.note ? `（${p.note}）` : ''}。`,
  circulation: (p) =>
    `受け取った資金の出どころ: ${p.origins || '記録なし'}。域内の資金提供者の割合 ${p.selfFunded}。地域の資金提供者の資金 ${p.given} のうち域内 ${p.kept}、域外 ${p.paidOut}（域内にとどまる割合 ${p.retention}）${p.destinations ? `。流出先: ${p.destinations}` : ''}。${p.thin ? '流れが少ない項目は割合を示していません。' : ''}`,
  people: (p) =>
    `地域定着率 ${p.retention}（行き先の分かる${p.known}人${p.claim ? '' : `、判断しない: ${p.note}`}）。コーディネーター ${p.staff}人、離職率 ${p.turnover}${p.turnoverClaim ? '' : '（データ不足のため判断しない）'}。`,
  moneyMethod:
    '資金の流れを出所の種類と年度ごとに集計。単一の事業への依存は最大の割合と HHI（0.25 以上で集中、3 件未満は判断しない）。ランウェイは国費終了後の他の資金 ÷ 最後の 3 年の平均年額。資金循環は、受け取った資金を提供者の所在（地域内・国の事業と省庁・国内の他地域・海外）で分け、地域の提供者の資金が域内にとどまる割合と流出先の都道府県を示す（3 件未満は割合を示さない）。',
  peopleMethod:
    '地域定着率は、修了して地域に残った人 ÷ 行き先の分かる人（95% Wilson 区間）。行き先の分かる人が 20 人未満、または不明が 30% を超えるときは判断しない。コーディネーターの離職率は人年あたり。',
};

const EN: ReportWords = {
  lang: 'en',
  locale: 'en-GB',
  title: (scope) => `Region report: ${scope}`,
  meta: (kind, places, date, fy) =>
    `${kind === 'prefecture' ? 'Prefecture' : 'Actors-Based Community'} / Covers: ${places} / Made on ${date} (as of FY${fy})`,
  sector: (code) => {
    const name = SECTOR_LABELS_EN[code as Sector] ?? 'other';
    return name.charAt(0).toUpperCase() + name.slice(1);
  },
  stage: (code) => nameIn(STAGE.en, code, 'Unknown'),
  outcome: (code) => nameIn(OUTCOME.en, code, 'Unknown'),
  team: (code) => nameIn(TEAM.en, code, 'unknown'),
  value: (code) => nameIn(VALUE.en, code, 'Unknown'),
  continuation: (code) => nameIn(CONTINUATION.en, code, 'Unknown'),
  status: (code) => nameIn(STATUS.en, code, 'Unknown'),
  outlook: (code) => nameIn(OUTLOOK.en, code, 'Unknown'),
  origin: (code) => nameIn(ORIGIN.en, code, 'unknown'),
  abroad: 'Abroad',
  listSeparator: ', ',
  placeSeparator: ', ',
  yen: yenEn,
  none: 'None',
  headings: {
    map: '1. Where the actors are',
    network: '2. The network',
    communities: '3. Communities and the gaps in their Technopolis Wheel',
    projects: '4. Projects',
    kpis: 'KPIs (social, industrial and economic value)',
    adoptions: '5. National programmes (adoptions)',
    risks: '6. Risks to continuation',
    cases: '7. Cases',
    strategy: '8. Region strategy and KPIs over time',
    money: '9. Money: where it comes from and self-sustainability',
    people: '10. People: training and local retention',
    sources: 'Sources / 出典',
  },
  heads: {
    communities: ['Community', 'Size', 'Share in the region', 'Prefectures', 'Core actors', 'Gaps'],
    projects: ['Project', 'Stage', 'Budget', 'Members', 'Missing from the team'],
    kpis: ['Value', 'KPI', 'Actual / target', 'Attainment', 'Projects', 'SDGs'],
    adoptions: ['Programme', 'Region', 'Years', 'Final evaluation', 'After the end'],
    risks: ['Region', 'Final year', 'Risks'],
    cases: ['Case', 'Outcome', 'Factors'],
    targets: ['Value', 'Metric', 'FY', 'Target', 'Actual', 'Status', 'Basis'],
    money: ['Project', 'Outlook', 'Last year of national money', 'Runway', 'Basis'],
    people: ['Programme', 'Enrolled', 'Completed', 'Local retention'],
  },
  networkSummary: (actors, sectors, internal, outward) =>
    `${actors} actors (${sectors || 'none'}). ${internal} ties within the region, ${outward} ties reaching outside it (wide-area collaboration).`,
  communitySource: (stored, runId, when, resolution, seed) =>
    stored
      ? `Communities from the stored analysis run ${runId} (${when}, resolution ${resolution}, seed ${seed}).`
      : `No analysis is stored, so the communities were computed with the default settings (${when}, resolution ${resolution}, seed ${seed}).`,
  noGaps: 'None',
  teamComplete: 'Complete',
  moreProjects: (count) => `and ${count} more`,
  unreported: (count) => ` (${count} not reported)`,
  endUnknown: ' (final year unknown)',
  noRisk: 'No notable risk',
  riskEvidence: 'Evidence: the continuation factors of all adoptions in Japan',
  lastCheck: (date) => `Last check: ${date ?? 'none'}`,
  valuesWithoutTargets: (values) => ` / Values without a KPI target: ${values}`,
  noStrategy: (scope) => `No region strategy is recorded for ${scope}.`,
  timeline: (metric, points) => `${metric} over time: ${points}`,
  timelinePoint: (year, actual, target) =>
    `FY${year} ${actual}${target === null ? '' : ` (target ${target})`}`,
  years: (n) => `${n} years`,
  moneySummary: (p) =>
    `Total money ${p.total} (${p.flows} flows). National programmes ${p.national}, regional money ${p.local}. Largest source ${p.largest} ${p.largestShare}, HHI ${p.hhi}${p.note ? ` (${p.note})` : ''}.`,
  circulation: (p) =>
    `Where the money received comes from: ${p.origins || 'nothing recorded'}. Share from funders in the region ${p.selfFunded}. Of ${p.given} given by the region's own funders, ${p.kept} stayed in the region and ${p.paidOut} went outside (share kept ${p.retention})${p.destinations ? `. Paid out to: ${p.destinations}` : ''}.${p.thin ? ' Shares are not shown where there are few flows.' : ''}`,
  people: (p) =>
    `Local retention ${p.retention} (${p.known} people whose destination is known${p.claim ? '' : `; no claim: ${p.note}`}). Coordinators ${p.staff}, turnover ${p.turnover}${p.turnoverClaim ? '' : ' (too few data for a claim)'}.`,
  moneyMethod:
    'Money flows are summed by source type and fiscal year. Dependency on one programme is the largest share and the HHI (concentrated from 0.25; no claim under 3 flows). The runway is the money from other sources after the national money ends ÷ the mean yearly money of the last 3 funded years. Circulation splits the money received by where its funder is (the region, national programmes and ministries, the rest of Japan, abroad) and shows the share of the region’s own funders’ money that stays and the prefectures it goes to (no share under 3 flows).',
  peopleMethod:
    'Local retention is the people who completed and stayed in the region ÷ the people whose destination is known (95% Wilson interval). No claim with fewer than 20 known destinations or more than 30% unknown. Coordinator turnover is per staff-year.',
};

export const REPORT_WORDS: Record<ReportLanguage, ReportWords> = { ja: JA, en: EN };
