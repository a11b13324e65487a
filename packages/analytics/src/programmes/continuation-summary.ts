/**
 * Plain-language summary (Japanese and English) of a continuation analysis. It states what the
 * data support and, as plainly, what they do not: intervals crossing 1, p ≥ alpha, too few records.
 */
import type { ContinuationAnalysis, FactorEstimate } from './analyse-continuation.ts';
import type { CrossTab } from './continuation-comparisons.ts';
import { CONTINUATION_FACTORS } from './continuation-factors.ts';

type Summarisable = Omit<ContinuationAnalysis, 'summary' | 'summaryEn'>;

export function formatP(p: number): string {
  if (p < 0.001) return '< 0.001';
  if (p < 0.01) return `= ${p.toFixed(3)}`;
  return `= ${p.toFixed(2)}`;
}

function num(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 100) return value.toFixed(0);
  // three significant digits, so that 0.995 does not read as 1.00
  return String(Number(value.toPrecision(3)));
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function labelOf(factor: string): { ja: string; en: string } {
  const def = Object.values(CONTINUATION_FACTORS).find((f) => f.name === factor);
  return def ? { ja: def.labelJa, en: def.labelEn } : { ja: factor, en: factor };
}

function orText(or: number, low: number, high: number, p: number, pName: string): string {
  return `OR ${num(or)}, 95% CI ${num(low)}–${num(high)}, ${pName} p ${formatP(p)}`;
}

function whyNot(low: number, high: number, p: number, alpha: number): { ja: string; en: string } {
  const crosses = low <= 1 && high >= 1;
  const reasonsEn = [
    ...(crosses ? ['the 95% interval includes 1'] : []),
    ...(p >= alpha ? [`p ≥ ${alpha}`] : []),
  ];
  const reasonsJa = [
    ...(crosses ? ['95%信頼区間が1をまたぐ'] : []),
    ...(p >= alpha ? [`p ≥ ${alpha}`] : []),
  ];
  return { ja: reasonsJa.join('、'), en: reasonsEn.join(' and ') };
}

function findingText(
  tab: CrossTab | undefined,
  claimJa: string,
  claimEn: string,
  alpha: number,
): { ja: string; en: string } {
  if (!tab) {
    return {
      ja: `「${claimJa}」: 該当する記録の組み合わせが足りず検定できません（データは主張を支持しません）。`,
      en: `"${claimEn}": too few records in one of the groups to test; the data do not support the claim.`,
    };
  }
  const stats = orText(
    tab.oddsRatio,
    tab.oddsRatioCiLow,
    tab.oddsRatioCiHigh,
    tab.fisherP,
    'Fisher',
  );
  const shares = `${percent(tab.shareWithFactor)} vs ${percent(tab.shareWithoutFactor)}`;
  const n = tab.table[0][0] + tab.table[0][1] + tab.table[1][0] + tab.table[1][1];
  if (tab.supported) {
    return {
      ja: `「${claimJa}」: データはこれを支持します（${shares}、${stats}、n=${n}）。`,
      en: `"${claimEn}": supported by the data (${shares}; ${stats}; n=${n}).`,
    };
  }
  const why = whyNot(tab.oddsRatioCiLow, tab.oddsRatioCiHigh, tab.fisherP, alpha);
  const direction = tab.oddsRatio < 1 && tab.oddsRatioCiHigh < 1;
  return {
    ja: `「${claimJa}」: このデータでは支持されません（${direction ? '逆向きの関連' : why.ja}。${shares}、${stats}、n=${n}）。`,
    en: `"${claimEn}": not supported by these data (${direction ? 'the association goes the other way' : why.en}; ${shares}; ${stats}; n=${n}).`,
  };
}

function factorLine(f: FactorEstimate, alpha: number): { ja: string; en: string } {
  const stats = orText(f.oddsRatio, f.oddsRatioCiLow, f.oddsRatioCiHigh, f.pValue, 'Wald');
  if (f.supported) {
    const up = f.coefficient > 0;
    return {
      ja: `${f.labelJa}: 継続の見込みを${up ? '高める' : '下げる'}関連あり（${stats}）`,
      en: `${f.labelEn}: ${up ? 'higher' : 'lower'} odds of continuing, ${f.unitEn} (${stats})`,
    };
  }
  const why = whyNot(f.oddsRatioCiLow, f.oddsRatioCiHigh, f.pValue, alpha);
  return {
    ja: `${f.labelJa}: 支持されない（${why.ja}; ${stats}）`,
    en: `${f.labelEn}: not supported (${why.en}; ${stats})`,
  };
}

export function summarise(
  analysis: Summarisable,
  options: { alpha: number; minRecords: number },
): { ja: string; en: string } {
  const { alpha } = options;
  const ja: string[] = [];
  const en: string[] = [];
  const { records, outcome, excluded, regression } = analysis;
  ja.push(
    `FY${analysis.asOfFy}時点で終了済みの採択${records}件を分析（継続${outcome.continued}件、停止${outcome.stopped}件、対象外${excluded.length}件）。`,
  );
  en.push(
    `${records} adoptions ended by FY${analysis.asOfFy} were analysed (${outcome.continued} continued, ${outcome.stopped} stopped; ${excluded.length} excluded).`,
  );
  if (records < options.minRecords) {
    ja.push(`記録が${records}件と少なく、以下の結論はいずれも確かではありません。`);
    en.push(`With only ${records} records, none of the conclusions below is firm.`);
  }

  const f1 = findingText(
    analysis.crossTabs.find((t) => t.factor === 'final_grade_s' && t.outcome === 'successor'),
    '事後評価Sは後継事業につながる',
    'an S final evaluation leads to a successor programme',
    alpha,
  );
  const f2 = findingText(
    analysis.crossTabs.find(
      (t) => t.factor === 'diverse_stakeholders' && t.outcome === 'continued_regional',
    ),
    '多様な主体が参画した事業は終了後も地域資金で継続する',
    'programmes with diverse stakeholders continue with regional money after the end',
    alpha,
  );
  ja.push(`JAREC知見1 ${f1.ja}`, `JAREC知見2 ${f2.ja}`);
  en.push(`JAREC finding 1, ${f1.en}`, `JAREC finding 2, ${f2.en}`);

  if (regression.fitted) {
    const method =
      regression.method === 'firth' ? 'Firthの罰則付き最尤法（分離があったため）' : '最尤法';
    ja.push(
      `ロジスティック回帰（${method}、${regression.records}件）で他の要因を調整すると:`,
      ...analysis.factors.map((f) => `・${factorLine(f, alpha).ja}`),
    );
    en.push(
      `Logistic regression (${regression.method === 'firth' ? "Firth's penalised likelihood, because of separation" : 'maximum likelihood'}; ${regression.records} records), each factor adjusted for the others:`,
      ...analysis.factors.map((f) => `- ${factorLine(f, alpha).en}`),
    );
    const weak = regression.warnings.filter((w) => /events per factor/.test(w));
    if (weak.length > 0) {
      ja.push('注意: 要因あたりのイベント数が10未満で、推定は不安定です。');
      en.push(`Caution: ${weak.join('; ')}.`);
    }
  } else {
    ja.push(
      `要因の回帰分析は行えませんでした（${regression.error?.message ?? '不明な理由'}）。データは個々の要因の効果を示すには足りません。`,
    );
    en.push(
      `No regression of the factors was possible (${regression.error?.message ?? 'unknown reason'}); the data are not enough to support any factor's effect.`,
    );
  }
  if (regression.droppedFactors.length > 0) {
    ja.push(
      `回帰から除いた要因: ${regression.droppedFactors.map((d) => `${labelOf(d.name).ja}（${d.reason}）`).join('、')}。`,
    );
    en.push(
      `Factors left out of the regression: ${regression.droppedFactors.map((d) => `${labelOf(d.name).en} (${d.reason})`).join('; ')}.`,
    );
  }

  for (const s of analysis.survival) {
    if (!s.logRank) continue;
    const label = labelOf(s.factor);
    const medians = s.groups
      .map((g) => `${g.label}: ${g.medianYears === null ? '中央値未到達' : `${g.medianYears}年`}`)
      .join('、');
    const mediansEn = s.groups
      .map(
        (g) =>
          `${g.label}: ${g.medianYears === null ? 'median not reached' : `median ${g.medianYears} y`}`,
      )
      .join(', ');
    const p = formatP(s.logRank.pValue);
    const significant = s.logRank.pValue < alpha;
    ja.push(
      `終了後の活動継続（カプラン・マイヤー）: ${label.ja}別の差は${significant ? 'あり' : 'データでは支持されない'}（log-rank χ²=${num(s.logRank.chiSquare)}, p ${p}; ${medians}）。`,
    );
    en.push(
      `Activity after the end (Kaplan–Meier) by ${label.en}: ${significant ? 'the curves differ' : 'no difference supported by the data'} (log-rank χ² = ${num(s.logRank.chiSquare)}, p ${p}; ${mediansEn}).`,
    );
  }
  return { ja: ja.join('\n'), en: en.join('\n') };
}
