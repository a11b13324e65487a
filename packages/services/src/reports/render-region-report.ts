/**
 * Printable HTML of a region report (A4, no script, no external resource), in Japanese or English:
 * every heading and sentence from `report-words.ts`; names of organisations, projects and
 * programmes as recorded (marked `lang="ja"` in the English report).
 */
import { findPrefecture } from '#core/geo.ts';
import type { PrefectureTopology } from '#core/map/national-map.ts';
import type { RegionReport } from './build-region-report.ts';
import { escapeHtml } from './escape-html.ts';
import type { MunicipalityTopology } from '#core/map/municipality-shapes.ts';
import { municipalityBoundaries, prefectureBoundaries } from './prefecture-boundaries.ts';
import { regionMapSection, type ReportLanguage } from './report-map.ts';
import { REPORT_WORDS, type ReportWords } from './report-words.ts';

export type { ReportLanguage } from './report-map.ts';

const e = escapeHtml;

function table(w: ReportWords, head: string[], rows: string[][]): string {
  if (rows.length === 0) return `<p class="note">${w.none}</p>`;
  return `<table><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/** Text recorded in Japanese (names, titles): marked so the English report is read right. */
function data(w: ReportWords, text: string): string {
  return w.lang === 'ja' ? e(text) : `<span lang="ja">${e(text)}</span>`;
}

const place = (w: ReportWords, code: string) => {
  const p = findPrefecture(code);
  return p ? (w.lang === 'ja' ? p.name : p.nameEn) : code;
};
const places = (w: ReportWords, codes: readonly string[]) =>
  codes.map((c) => place(w, c)).join(w.placeSeparator);
const share = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const interval = (r: { rate: number | null; ciLow: number | null; ciHigh: number | null }) =>
  r.rate === null ? '—' : `${share(r.rate)} [${share(r.ciLow)}, ${share(r.ciHigh)}]`;

/** Which run the community ids come from, so "c3" can be looked up in the same partition. */
export function communitySourceNote(
  source: RegionReport['communitySource'],
  language: ReportLanguage = 'ja',
): string {
  const text = REPORT_WORDS[language].communitySource(
    source.source === 'stored',
    e(source.runId ?? ''),
    e(source.computedAt.slice(0, 10)),
    source.resolution,
    source.seed,
  );
  return `<p class="note" data-community-run="${e(source.runId ?? 'computed')}">${text}</p>`;
}

/** Where the region's money comes from and whether its own funders' money stays (地域の資金循環). */
function moneyCirculationParagraph(w: ReportWords, c: RegionReport['money']['circulation']) {
  const origins = c.received
    .filter((o) => o.flows > 0)
    .map(
      (o) =>
        `${w.origin(o.origin)} ${w.yen(o.amount)}${o.share === null ? '' : w.lang === 'ja' ? `（${share(o.share)}）` : ` (${share(o.share)})`}`,
    )
    .join(w.listSeparator);
  const destinations = c.destinations
    .slice(0, 5)
    .map((d) => `${d.place === 'abroad' ? w.abroad : place(w, d.place)} ${w.yen(d.amount)}`)
    .join(w.listSeparator);
  return `<p>${w.circulation({
    origins,
    selfFunded: share(c.selfFundedShare),
    given: w.yen(c.given.total),
    kept: w.yen(c.given.kept),
    paidOut: w.yen(c.given.paidOut),
    retention: share(c.retentionShare),
    destinations,
    thin: c.notes.length > 0,
  })}</p>`;
}

/** Sections 8–10: region strategy and KPI progress over time, money, people (issue 14). */
function regionSections(w: ReportWords, report: RegionReport, scopeName: string): string[] {
  const { regionStrategy, money, people } = report;
  const number = (n: number) => n.toLocaleString(w.locale);
  const strategies =
    regionStrategy.strategies.length === 0
      ? `<p class="note">${e(w.noStrategy(scopeName))}</p>`
      : regionStrategy.strategies
          .map(
            (s) =>
              `<h3>${data(w, s.name)}</h3>${s.vision ? `<p>${data(w, s.vision)}</p>` : ''}<p class="note">${e(w.lastCheck(s.lastCheck))}${s.summary.valuesWithoutTargets.length > 0 ? w.valuesWithoutTargets(s.summary.valuesWithoutTargets.map(w.value).join(w.placeSeparator)) : ''}</p>${table(
                w,
                w.heads.targets,
                s.targets.map((t) => [
                  w.value(t.value),
                  data(w, t.label ?? t.metric),
                  String(t.year),
                  `${number(t.target)} ${data(w, t.unit)}`,
                  t.actual === null
                    ? '—'
                    : `${number(t.actual)}${w.lang === 'ja' ? `（FY${t.actualYear ?? ''}）` : ` (FY${t.actualYear ?? ''})`}`,
                  w.status(t.status),
                  e(t.basis),
                ]),
              )}${s.timelines
                .map(
                  (line) =>
                    `<p class="note">${w.timeline(
                      data(
                        w,
                        s.targets.find((t) => t.metric === line.metric)?.label ?? line.metric,
                      ),
                      line.points
                        .map((p) =>
                          w.timelinePoint(
                            p.year,
                            p.actual === null ? '—' : number(p.actual),
                            p.target === null ? null : number(p.target),
                          ),
                        )
                        .join(' → '),
                    )}</p>`,
                )
                .join('')}`,
          )
          .join('');
  const r = money.region;
  const moneySection = `<p>${w.moneySummary({
    total: w.yen(r.total),
    flows: r.flows,
    national: share(r.nationalShare),
    local: share(r.localShare),
    largest: r.dependency.largest ? data(w, r.dependency.largest.key) : '—',
    largestShare: share(r.dependency.largest?.share ?? null),
    hhi: r.dependency.hhi === null ? '—' : r.dependency.hhi.toFixed(3),
    note: r.note ? e(r.note) : null,
  })}</p>${table(
    w,
    w.heads.money,
    money.projects
      .filter((p) => p.outlook !== 'no_national_money' && p.outlook !== 'ended')
      .slice(0, 40)
      .map((p) => [
        data(w, p.title),
        w.outlook(p.outlook),
        p.nationalEndFy === null ? '—' : `FY${p.nationalEndFy}`,
        p.runwayYears === null ? '—' : w.years(p.runwayYears.toFixed(1)),
        p.reasons.map(e).join('<br>'),
      ]),
  )}`;
  const ret = people.retention;
  const peopleSection = `<p>${w.people({
    retention: interval(ret),
    known: ret.n,
    claim: ret.claim,
    note: e(ret.note ?? ''),
    staff: people.coordinators.latestStaff === null ? '—' : String(people.coordinators.latestStaff),
    turnover: interval(people.coordinators.turnover),
    turnoverClaim: people.coordinators.turnover.claim,
  })}</p>${table(
    w,
    w.heads.people,
    people.programmes.map((p) => [
      data(w, p.name),
      String(p.totals.enrolled),
      String(p.totals.completed),
      interval(p.retention),
    ]),
  )}`;
  return [
    `<h2>${w.headings.strategy}</h2>${strategies}`,
    `<h2>${w.headings.money}</h2>${moneySection}${moneyCirculationParagraph(w, money.circulation)}<p class="note">${w.moneyMethod}</p>`,
    `<h2>${w.headings.people}</h2>${peopleSection}<p class="note">${w.peopleMethod}</p>`,
  ];
}

export interface RenderOptions {
  /** The report's language (default Japanese). */
  language?: ReportLanguage;
  /** The prefecture boundaries to draw (default: the web app's, read once); null leaves the map out. */
  boundaries?: PrefectureTopology | null;
  /** A prefecture's municipality boundaries (default: the web app's); null draws the prefecture alone. */
  municipalities?: (prefectureCode: string) => MunicipalityTopology | null;
}

/** Print styles: A4, headings kept with what follows, rows and figures not split across pages. */
const STYLE = `
@page { size: A4; margin: 14mm; }
body { font-family: "Noto Sans CJK JP", "Hiragino Sans", sans-serif; font-size: 10.5pt; color: #222; max-width: 190mm; margin: auto; }
h1 { font-size: 18pt; margin-bottom: 2pt; } h2 { font-size: 13pt; border-bottom: 1px solid #999; margin-top: 14pt; break-after: avoid; }
h3 { break-after: avoid; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; } th, td { border: 1px solid #ccc; padding: 2pt 4pt; vertical-align: top; text-align: left; }
thead { display: table-header-group; } tr, figure, .maps { break-inside: avoid; } .note, .meta { color: #666; }
.maps { display: flex; gap: 4mm; align-items: flex-start; } .map-figure { margin: 0; } .map-figure.national { flex: 0 0 36%; } .map-figure.region { flex: 1 1 auto; }
.map { width: 100%; height: auto; max-height: 150mm; border: 1px solid #ccc; display: block; box-sizing: border-box; } figcaption { font-size: 8.5pt; color: #444; }
.legend span { margin-right: 8pt; font-size: 8pt; } .legend i { display: inline-block; width: 8pt; height: 8pt; border-radius: 4pt; margin-right: 2pt; }
pre { white-space: pre-wrap; font-family: inherit; font-size: 9pt; }
@media print {
  body { max-width: none; }
  details > summary { list-style: none; }
  a { color: inherit; text-decoration: none; }
  .legend i, .map { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
`;

export function renderRegionReport(report: RegionReport, options: RenderOptions = {}): string {
  const w = REPORT_WORDS[options.language ?? 'ja'];
  const boundaries = options.boundaries === undefined ? prefectureBoundaries() : options.boundaries;
  const number = (n: number) => n.toLocaleString(w.locale);
  const scopeName = w.lang === 'ja' ? report.scope.name : report.scope.nameEn;
  const n = report.network;
  const sectors = Object.entries(n.bySector)
    .sort((a, b) => b[1] - a[1])
    .map(([s, c]) => `${e(w.sector(s))} ${c}`)
    .join(w.listSeparator);
  const sections = [
    `<h2>${w.headings.map}</h2>${regionMapSection(report, boundaries, w.lang, scopeName, options.municipalities ?? municipalityBoundaries)}`,
    `<h2>${w.headings.network}</h2><p>${w.networkSummary(n.actors, sectors, n.internalRelations, n.outwardRelations)}</p>`,
    `<h2>${w.headings.communities}</h2>${communitySourceNote(report.communitySource, w.lang)}${table(
      w,
      w.heads.communities,
      report.communities.map((c) => [
        `${data(w, w.lang === 'ja' ? c.name : c.nameEn)}<br><span class="note">${e(c.id)}</span>`,
        String(c.size),
        `${Math.round(c.shareInRegion * 100)}%`,
        e(places(w, c.prefectures)),
        data(w, c.coreActors.join(w.listSeparator)),
        (w.lang === 'ja' ? c.gaps : c.gapsEn).length === 0
          ? w.noGaps
          : (w.lang === 'ja' ? c.gaps : c.gapsEn).map(e).join('<br>'),
      ]),
    )}`,
    `<h2>${w.headings.projects}</h2>${table(
      w,
      w.heads.projects,
      report.projects
        .slice(0, 60)
        .map((p) => [
          data(w, p.title),
          w.stage(p.stage),
          w.yen(p.budget),
          String(p.members),
          p.missingTeamRoles.length === 0
            ? w.teamComplete
            : p.missingTeamRoles.map(w.team).join(w.listSeparator),
        ]),
    )}${report.projects.length > 60 ? `<p class="note">${w.moreProjects(report.projects.length - 60)}</p>` : ''}`,
    `<h3>${w.headings.kpis}</h3>${table(
      w,
      w.heads.kpis,
      report.kpis.map((k) => [
        w.value(k.value),
        data(w, k.name),
        `${k.actual === null ? '—' : number(k.actual)} / ${number(k.target)} ${data(w, k.unit)}${k.missing > 0 ? w.unreported(k.missing) : ''}`,
        k.attainment === null ? '—' : `${Math.round(k.attainment * 100)}%`,
        String(k.projects),
        k.sdgs.join(', '),
      ]),
    )}`,
    `<h2>${w.headings.adoptions}</h2>${table(
      w,
      w.heads.adoptions,
      report.adoptions.map((a) => [
        data(w, a.programme),
        data(w, a.regionName),
        `FY${a.startFy}–${a.endFy ?? w.endUnknown}`,
        a.finalGrade ?? '—',
        w.continuation(a.continuation),
      ]),
    )}`,
    `<h2>${w.headings.risks}</h2>${table(
      w,
      w.heads.risks,
      report.continuationRisks.map((r) => {
        const risks = w.lang === 'ja' ? r.risks : r.risksEn;
        return [
          data(w, r.regionName),
          `FY${r.endFy}`,
          risks.length === 0 ? w.noRisk : risks.map(e).join('<br>'),
        ];
      }),
    )}<details open><summary>${w.riskEvidence}</summary><pre>${e(w.lang === 'ja' ? report.continuationSummary : report.continuationSummaryEn)}</pre></details>`,
    `<h2>${w.headings.cases}</h2>${table(
      w,
      w.heads.cases,
      report.cases.map((c) => [
        data(w, c.title),
        w.outcome(c.outcome),
        data(w, c.factors.join(w.listSeparator)),
      ]),
    )}`,
    ...regionSections(w, report, scopeName),
    ...(report.credits.length > 0
      ? [
          `<h2>${w.headings.sources}</h2><ul class="credits">${report.credits
            .map((c) => `<li lang="ja">${e(c.credit)}</li>`)
            .join('')}</ul>`,
        ]
      : []),
  ];
  return `<!doctype html>
<html lang="${w.lang}"><head><meta charset="utf-8"><title>${e(w.title(scopeName))}</title>
<style>${STYLE}</style></head><body>
<h1>${e(w.title(scopeName))}</h1>
<p class="meta">${e(w.meta(report.scope.kind, places(w, report.scope.prefectureCodes), report.generatedAt.slice(0, 10), report.asOfFy))}</p>
${sections.join('\n')}
</body></html>
`;
}
