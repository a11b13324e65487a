/** Printable HTML of a region report (A4, no script, no external resource). */
import { findPrefecture } from '#core/geo.ts';
import { SECTOR_LABELS_JA, type Sector } from '#core/vocabulary.ts';
import type { RegionReport } from './build-region-report.ts';

const SECTOR_COLOURS: Record<string, string> = {
  university: '#1f77b4',
  public_research: '#17becf',
  national_lab: '#9467bd',
  company: '#d62728',
  financial: '#bcbd22',
  national_government: '#8c564b',
  prefecture: '#2ca02c',
  municipality: '#98df8a',
};

/** Words a prefecture's reader knows, never the stored codes (`university`, `stopped`). */
const sectorJa = (code: string) => SECTOR_LABELS_JA[code as Sector] ?? 'その他';
const STAGE_LABELS: Record<string, string> = {
  planning: '計画',
  research: '研究',
  development: '開発',
  demonstration: '実証',
  commercialisation: '事業化',
  completed: '完了',
  stopped: '中止',
};
const OUTCOME_LABELS: Record<string, string> = {
  success: '成功',
  failure: '失敗',
  mixed: '一部成功',
};

/** The method notes in Japanese (the analyses state theirs in English for the API and CLI). */
const MONEY_METHOD_JA =
  '資金の流れを出所の種類と年度ごとに集計。単一の事業への依存は最大の割合と HHI（0.25 以上で集中、3 件未満は判断しない）。ランウェイは国費終了後の他の資金 ÷ 最後の 3 年の平均年額。資金循環は、受け取った資金を提供者の所在（地域内・国の事業と省庁・国内の他地域・海外）で分け、地域の提供者の資金が域内にとどまる割合と流出先の都道府県を示す（3 件未満は割合を示さない）。';
const PEOPLE_METHOD_JA =
  '地域定着率は、修了して地域に残った人 ÷ 行き先の分かる人（95% Wilson 区間）。行き先の分かる人が 20 人未満、または不明が 30% を超えるときは判断しない。コーディネーターの離職率は人年あたり。';

const TEAM_LABELS: Record<string, string> = {
  university: '大学・研究',
  company: '企業',
  government: '行政',
  finance: '金融',
};

const VALUE_LABELS: Record<string, string> = {
  social: '社会的価値',
  industrial: '産業的価値',
  economic: '経済的価値',
};

const CONTINUATION_LABELS: Record<string, string> = {
  continued_regional: '地域資金で継続',
  successor: '後継事業',
  stopped: '停止',
  ongoing: '実施中',
  unknown: '不明',
};

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch,
  );
}

function mapSvg(points: RegionReport['map']): string {
  if (points.length === 0) return '<p class="note">位置情報のある主体がありません。</p>';
  const lats = points.map((p) => p.lat);
  const lons = points.map((p) => p.lon);
  const pad = 0.05;
  const minLat = Math.min(...lats) - pad;
  const maxLat = Math.max(...lats) + pad;
  const minLon = Math.min(...lons) - pad;
  const maxLon = Math.max(...lons) + pad;
  // equirectangular with the longitude shrunk by cos(latitude)
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const w = 640;
  const h = Math.max(200, Math.min(640, (w * (maxLat - minLat)) / ((maxLon - minLon) * k)));
  const x = (lon: number) => (((lon - minLon) / (maxLon - minLon)) * w).toFixed(1);
  const y = (lat: number) => (((maxLat - lat) / (maxLat - minLat)) * h).toFixed(1);
  const dots = points
    .map(
      (p) =>
        `<circle cx="${x(p.lon)}" cy="${y(p.lat)}" r="2.5" fill="${SECTOR_COLOURS[p.sector] ?? '#7f7f7f'}" fill-opacity="0.7"><title>${escapeHtml(p.name)}</title></circle>`,
    )
    .join('');
  const legend = Object.entries(SECTOR_COLOURS)
    .map(([s, c]) => `<span><i style="background:${c}"></i>${sectorJa(s)}</span>`)
    .join(' ');
  return `<svg class="map" viewBox="0 0 ${w} ${h.toFixed(0)}" role="img" aria-label="主体の分布図"><rect width="100%" height="100%" fill="#f7f9fb"/>${dots}</svg><p class="legend">${legend}</p>`;
}

function table(head: string[], rows: string[][]): string {
  if (rows.length === 0) return '<p class="note">該当なし</p>';
  return `<table><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

const pref = (codes: string[]) => codes.map((c) => findPrefecture(c)?.name ?? c).join('・');
const yen = (n: number | null) =>
  n === null ? '—' : `${Math.round(n / 1e6).toLocaleString('ja-JP')}百万円`;

/** Which run the community ids come from, so "c3" can be looked up in the same partition. */
export function communitySourceNote(source: RegionReport['communitySource']): string {
  const e = escapeHtml;
  const when = e(source.computedAt.slice(0, 10));
  const text =
    source.source === 'stored'
      ? `コミュニティは保存済みの分析 run ${e(source.runId ?? '')}（${when}、解像度 ${source.resolution}、seed ${source.seed}）による。`
      : `コミュニティは保存済みの分析がないため既定の設定で算出（${when}、解像度 ${source.resolution}、seed ${source.seed}）。`;
  return `<p class="note" data-community-run="${e(source.runId ?? 'computed')}">${text}</p>`;
}

const STATUS_LABELS: Record<string, string> = {
  on_track: '順調',
  behind: '遅れ',
  no_data: 'データなし',
};
const OUTLOOK_LABELS: Record<string, string> = {
  heading_for_stop: '停止の恐れ',
  at_risk: '要注意',
  sustained: '継続資金あり',
  national_running: '国費継続中',
  no_national_money: '国費なし',
  ended: '終了',
  insufficient_data: 'データ不足',
};
const share = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const interval = (r: { rate: number | null; ciLow: number | null; ciHigh: number | null }) =>
  r.rate === null ? '—' : `${share(r.rate)} [${share(r.ciLow)}, ${share(r.ciHigh)}]`;

const ORIGIN_LABELS: Record<string, string> = {
  region: '地域内',
  national: '国の事業・省庁',
  rest_of_japan: '国内の他地域',
  abroad: '海外',
  unknown: '提供者不明',
};

/** Where the region's money comes from and whether its own funders' money stays (地域の資金循環). */
function moneyCirculationParagraph(c: RegionReport['money']['circulation']): string {
  const origins = c.received
    .filter((o) => o.flows > 0)
    .map(
      (o) =>
        `${ORIGIN_LABELS[o.origin] ?? o.origin} ${yen(o.amount)}${o.share === null ? '' : `（${share(o.share)}）`}`,
    )
    .join('、');
  const out = c.destinations
    .slice(0, 5)
    .map(
      (d) =>
        `${d.place === 'abroad' ? '海外' : (findPrefecture(d.place)?.name ?? d.place)} ${yen(d.amount)}`,
    )
    .join('、');
  return `<p>受け取った資金の出どころ: ${origins || '記録なし'}。域内の資金提供者の割合 ${share(c.selfFundedShare)}。地域の資金提供者の資金 ${yen(c.given.total)} のうち域内 ${yen(c.given.kept)}、域外 ${yen(c.given.paidOut)}（域内にとどまる割合 ${share(c.retentionShare)}）${out ? `。流出先: ${out}` : ''}。${c.notes.length > 0 ? '流れが少ない項目は割合を示していません。' : ''}</p>`;
}

/** Sections 8–10: region strategy and KPI progress over time, money, people (issue 14). */
function regionSections(report: RegionReport): string[] {
  const e = escapeHtml;
  const { regionStrategy, money, people } = report;
  const strategies =
    regionStrategy.strategies.length === 0
      ? `<p class="note">${e(regionStrategy.note ?? '地域戦略の登録なし')}</p>`
      : regionStrategy.strategies
          .map(
            (s) =>
              `<h3>${e(s.name)}</h3>${s.vision ? `<p>${e(s.vision)}</p>` : ''}<p class="note">最後の評価（Check）: ${e(s.lastCheck ?? 'なし')}${s.summary.valuesWithoutTargets.length > 0 ? ` / KPI目標のない価値: ${s.summary.valuesWithoutTargets.map((v) => VALUE_LABELS[v] ?? v).join('・')}` : ''}</p>${table(
                ['価値', '指標', '年度', '目標', '実績', '判定', '根拠'],
                s.targets.map((t) => [
                  VALUE_LABELS[t.value] ?? e(t.value),
                  e(t.label ?? t.metric),
                  String(t.year),
                  `${t.target.toLocaleString('ja-JP')} ${e(t.unit)}`,
                  t.actual === null
                    ? '—'
                    : `${t.actual.toLocaleString('ja-JP')}（FY${t.actualYear ?? ''}）`,
                  STATUS_LABELS[t.status] ?? e(t.status),
                  e(t.basis),
                ]),
              )}${s.timelines
                .map(
                  (line) =>
                    `<p class="note">${e(line.metric)}の推移: ${line.points
                      .map(
                        (p) =>
                          `FY${p.year} ${p.actual === null ? '—' : p.actual.toLocaleString('ja-JP')}${p.target === null ? '' : `（目標 ${p.target.toLocaleString('ja-JP')}）`}`,
                      )
                      .join(' → ')}</p>`,
                )
                .join('')}`,
          )
          .join('');
  const r = money.region;
  const moneySection = `<p>資金総額 ${yen(r.total)}（${r.flows}件）。国の事業 ${share(r.nationalShare)}、地域資金 ${share(r.localShare)}。最大の資金源 ${e(r.dependency.largest?.key ?? '—')} ${share(r.dependency.largest?.share ?? null)}、HHI ${r.dependency.hhi === null ? '—' : r.dependency.hhi.toFixed(3)}${r.note ? `（${e(r.note)}）` : ''}。</p>${table(
    ['プロジェクト', '見通し', '国費の最終年度', 'ランウェイ', '根拠'],
    money.projects
      .filter((p) => p.outlook !== 'no_national_money' && p.outlook !== 'ended')
      .slice(0, 40)
      .map((p) => [
        e(p.title),
        OUTLOOK_LABELS[p.outlook] ?? e(p.outlook),
        p.nationalEndFy === null ? '—' : `FY${p.nationalEndFy}`,
        p.runwayYears === null ? '—' : `${p.runwayYears.toFixed(1)}年`,
        p.reasons.map(e).join('<br>'),
      ]),
  )}`;
  const circulationSection = moneyCirculationParagraph(money.circulation);
  const ret = people.retention;
  const peopleSection = `<p>地域定着率 ${interval(ret)}（行き先の分かる${ret.n}人${ret.claim ? '' : `、判断しない: ${e(ret.note ?? '')}`}）。コーディネーター ${people.coordinators.latestStaff ?? '—'}人、離職率 ${interval(people.coordinators.turnover)}${people.coordinators.turnover.claim ? '' : '（データ不足のため判断しない）'}。</p>${table(
    ['プログラム', '受講', '修了', '地域定着率'],
    people.programmes.map((p) => [
      e(p.name),
      String(p.totals.enrolled),
      String(p.totals.completed),
      interval(p.retention),
    ]),
  )}`;
  return [
    `<h2>8. 地域戦略とKPIの推移</h2>${strategies}`,
    `<h2>9. 資金循環と自立化</h2>${moneySection}${circulationSection}<p class="note">${MONEY_METHOD_JA}</p>`,
    `<h2>10. 人材育成と地域定着</h2>${peopleSection}<p class="note">${PEOPLE_METHOD_JA}</p>`,
  ];
}

export function renderRegionReport(report: RegionReport): string {
  const e = escapeHtml;
  const n = report.network;
  const sectors = Object.entries(n.bySector)
    .sort((a, b) => b[1] - a[1])
    .map(([s, c]) => `${e(sectorJa(s))} ${c}`)
    .join('、');
  const sections = [
    `<h2>1. 主体の分布</h2>${mapSvg(report.map)}`,
    `<h2>2. ネットワーク概要</h2><p>主体 ${n.actors}（${sectors || 'なし'}）。域内の連携 ${n.internalRelations} 件、域外との連携（広域連携） ${n.outwardRelations} 件。</p>`,
    `<h2>3. コミュニティとテクノポリス・ホイールの欠落</h2>${communitySourceNote(report.communitySource)}${table(
      ['コミュニティ', '規模', '域内の割合', '都道府県', '中核的な主体', '欠落（ギャップ）'],
      report.communities.map((c) => [
        `${e(c.name)}<br><span class="note">${e(c.id)}</span>`,
        String(c.size),
        `${Math.round(c.shareInRegion * 100)}%`,
        e(pref(c.prefectures)),
        e(c.coreActors.join('、')),
        c.gaps.length === 0 ? 'なし' : c.gaps.map(e).join('<br>'),
      ]),
    )}`,
    `<h2>4. プロジェクト</h2>${table(
      ['プロジェクト', '段階', '予算', '参画', 'チームに欠ける側'],
      report.projects
        .slice(0, 60)
        .map((p) => [
          e(p.title),
          STAGE_LABELS[p.stage] ?? '不明',
          yen(p.budget),
          String(p.members),
          p.missingTeamRoles.length === 0
            ? '揃っている'
            : p.missingTeamRoles.map((r) => TEAM_LABELS[r] ?? r).join('、'),
        ]),
    )}${report.projects.length > 60 ? `<p class="note">ほか ${report.projects.length - 60} 件</p>` : ''}`,
    `<h3>KPI（社会的・産業的・経済的価値）</h3>${table(
      ['価値', 'KPI', '実績 / 目標', '達成率', 'プロジェクト', 'SDGs'],
      report.kpis.map((k) => [
        VALUE_LABELS[k.value] ?? e(k.value),
        e(k.name),
        `${k.actual === null ? '—' : k.actual.toLocaleString('ja-JP')} / ${k.target.toLocaleString('ja-JP')} ${e(k.unit)}${k.missing > 0 ? `（未報告 ${k.missing}件）` : ''}`,
        k.attainment === null ? '—' : `${Math.round(k.attainment * 100)}%`,
        String(k.projects),
        k.sdgs.join(', '),
      ]),
    )}`,
    `<h2>5. 国の事業（採択）</h2>${table(
      ['事業', '地域', '期間', '事後評価', '終了後'],
      report.adoptions.map((a) => [
        e(a.programme),
        e(a.regionName),
        `FY${a.startFy}–${a.endFy ?? '（終了年度不明）'}`,
        a.finalGrade ?? '—',
        CONTINUATION_LABELS[a.continuation] ?? e(a.continuation),
      ]),
    )}`,
    `<h2>6. 継続のリスク</h2>${table(
      ['地域', '終了年度', 'リスク'],
      report.continuationRisks.map((r) => [
        e(r.regionName),
        `FY${r.endFy}`,
        r.risks.length === 0 ? '目立つリスクなし' : r.risks.map(e).join('<br>'),
      ]),
    )}<details open><summary>根拠: 全国の採択の継続要因分析</summary><pre>${e(report.continuationSummary)}</pre></details>`,
    `<h2>7. 事例</h2>${table(
      ['事例', '結果', '要因'],
      report.cases.map((c) => [
        e(c.title),
        OUTCOME_LABELS[c.outcome] ?? '不明',
        e(c.factors.join('、')),
      ]),
    )}`,
    ...regionSections(report),
    ...(report.credits.length > 0
      ? [
          `<h2>出典 / Sources</h2><ul class="credits">${report.credits
            .map((c) => `<li>${e(c.credit)}</li>`)
            .join('')}</ul>`,
        ]
      : []),
  ];
  return `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>地域レポート: ${e(report.scope.name)}</title>
<style>
@page { size: A4; margin: 14mm; }
body { font-family: "Noto Sans CJK JP", "Hiragino Sans", sans-serif; font-size: 10.5pt; color: #222; max-width: 190mm; margin: auto; }
h1 { font-size: 18pt; margin-bottom: 2pt; } h2 { font-size: 13pt; border-bottom: 1px solid #999; margin-top: 14pt; break-after: avoid; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; } th, td { border: 1px solid #ccc; padding: 2pt 4pt; vertical-align: top; text-align: left; }
tr { break-inside: avoid; } .note, .meta { color: #666; } .map { width: 100%; max-height: 150mm; border: 1px solid #ccc; }
.legend span { margin-right: 8pt; font-size: 8pt; } .legend i { display: inline-block; width: 8pt; height: 8pt; border-radius: 4pt; margin-right: 2pt; }
pre { white-space: pre-wrap; font-family: inherit; font-size: 9pt; }
</style></head><body>
<h1>地域レポート: ${e(report.scope.name)}</h1>
<p class="meta">${report.scope.kind === 'prefecture' ? '都道府県' : 'Actors-Based Community'} / 対象: ${e(pref(report.scope.prefectureCodes))} / 作成 ${e(report.generatedAt.slice(0, 10))}（FY${report.asOfFy}時点）</p>
${sections.join('\n')}
</body></html>
`;
}
