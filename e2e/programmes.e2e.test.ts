/**
 * Browser tests of the programme screens on the demo ecosystem: continuation analysis, project
 * portfolio and health, support navigator, case library and region report. The expectations are
 * read from the same HTTP API the screens use, so they follow the data rather than fixed numbers.
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CaseFactorsAnswer as WebCaseFactors,
  ContinuationAnswer as WebContinuation,
  PortfolioAnswer as WebPortfolio,
  ProjectHealthAnswer as WebProjectHealth,
  SupportFitAnswer as WebSupportFit,
} from '#contract/routes/programme-answers.ts';
import type { AnswerOf } from '#contract/route.ts';
import type { caseSearch } from '#contract/routes/programmes.ts';
import type {
  WebActorPage,
  WebCommunities,
  WebMeta,
  WebNetwork,
} from '#contract/web-data-types.ts';
import { analyzeCommunities } from '#services/analysis/analyze-communities.ts';
import type { Database } from '#db/open-database.ts';
import { loadDemoEcosystem } from '#demo/load-demo-ecosystem.ts';
import { sqliteTestDatabase } from '#test/test-databases.ts';
import { ARTIFACTS, launchBrowser, openPage } from './support/browser.ts';
import { ensureWebBuild } from './support/web-build.ts';
import { startWebServer } from './support/web-server.ts';

type WebCaseSearch = AnswerOf<typeof caseSearch>;

let database: Database;
let server: Awaited<ReturnType<typeof startWebServer>>;
let browser: Browser;
let projectPrefecture: string;

const url = (path: string) => new URL(path.replace(/^\//, ''), server.url).toString();
const shot = (name: string) => join(ARTIFACTS, `${name}.png`);

async function api<T>(path: string): Promise<T> {
  const response = await fetch(url(path));
  expect(response.status, path).toBe(200);
  // typed by the route's response type (programmes-types.ts)
  const body: T = JSON.parse(await response.text());
  return body;
}

beforeAll(async () => {
  await ensureWebBuild();
  database = await sqliteTestDatabase.open();
  await loadDemoEcosystem(database.repos, { scale: 0.1 });
  server = await startWebServer(database.repos);
  browser = await launchBrowser();
  // the prefecture with the most projects
  const counts = new Map<string, number>();
  for await (const batch of database.repos.entity('projects').iterate(1_000))
    for (const p of batch) {
      const code = typeof p['prefectureCode'] === 'string' ? p['prefectureCode'] : '';
      if (code) counts.set(code, (counts.get(code) ?? 0) + 1);
    }
  projectPrefecture = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '13';
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await database?.close();
});

describe('programme pages', () => {
  const pages = () =>
    [
      ['continuation', '/continuation'],
      ['portfolio', `/projects?prefecture=${projectPrefecture}`],
      ['support', '/support'],
      ['cases', '/cases'],
      ['reports', `/reports?prefecture=${projectPrefecture}`],
    ] as const;

  it('each loads with no console errors, on a desktop and on a tablet without sideways scrolling', async () => {
    for (const [name, path] of pages()) {
      for (const [width, height, suffix] of [
        [1280, 900, ''],
        [820, 1180, '-tablet'],
      ] as const) {
        const { page, errors } = await openPage(browser, width, height);
        await page.goto(url(path));
        await page.locator('main h1').first().waitFor();
        await page.waitForLoadState('networkidle');
        await expect(page.locator('main [role="alert"]').count(), path).resolves.toBe(0);
        await page.screenshot({ path: shot(`programmes-${name}${suffix}`), fullPage: true });
        const overflow = await page.evaluate(
          'document.documentElement.scrollWidth - window.innerWidth',
        );
        expect(overflow, `${path} at ${width}px`).toBeLessThanOrEqual(0);
        // every control has an accessible name: a label, an aria-label or its own text
        const unnamed = await page.evaluate(
          `[...document.querySelectorAll('main input, main select, main button, main iframe')]
            .filter((el) => !(el.labels?.length || el.getAttribute('aria-label') ||
              el.getAttribute('title') || el.textContent.trim()))
            .map((el) => el.outerHTML.slice(0, 80))`,
        );
        expect(unnamed, path).toEqual([]);
        expect(errors, path).toEqual([]);
        await page.close();
      }
    }
  });

  it('the navigation reaches every programme screen by keyboard', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(url('/'));
    await page.locator('#home-heading').waitFor();
    const nav = page.getByRole('navigation', { name: 'メインメニュー' });
    for (const [name, heading] of [
      ['継続要因分析', '事業終了後の継続要因'],
      ['支援施策', '支援施策ナビ'],
      ['事例', '成功・失敗事例'],
      ['地域レポート', '地域レポート'],
      ['プロジェクト', 'プロジェクト・ポートフォリオ'],
    ] as const) {
      const link = nav.getByRole('link', { name, exact: true });
      await link.focus();
      await page.keyboard.press('Enter');
      await expect(link.getAttribute('aria-current')).resolves.toBe('page');
      await expect(page.locator('main h1').first().textContent()).resolves.toBe(heading);
    }
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('programme flows', () => {
  it('the continuation analysis shows the factor table, the forest plot and a Kaplan–Meier curve', async () => {
    const analysis = await api<WebContinuation>('/api/analyses/continuation');
    expect(analysis.regression.fitted).toBe(true);
    const { page, errors } = await openPage(browser);
    await page.goto(url('/continuation'));
    const table = page.getByTestId('factor-table');
    await table.waitFor();
    await expect(page.getByTestId('continuation-counts').textContent()).resolves.toContain(
      String(analysis.records),
    );
    // one row per estimated factor, with its coefficient, interval and p-value
    expect(await table.locator('tbody tr').count()).toBe(analysis.factors.length);
    const first = analysis.factors[0];
    const row = table.locator('tbody tr').first();
    await expect(row.locator('th').textContent()).resolves.toContain(first?.labelJa ?? '');
    const cells = await row.locator('td').allTextContents();
    expect(cells[0]).toBe(
      new Intl.NumberFormat('ja-JP', { maximumSignificantDigits: 3 }).format(
        first?.coefficient ?? Number.NaN,
      ),
    );
    const p = first?.pValue ?? 1;
    expect(cells[2]).toBe(p < 0.001 ? '< 0.001' : p.toFixed(3));
    // forest plot: a point per factor with an interval
    expect(await page.locator('[data-testid="forest-plot"] rect.point').count()).toBe(
      analysis.factors.length,
    );
    // cross-tabs
    expect(await page.getByTestId('crosstab').count()).toBe(analysis.crossTabs.length);
    // Kaplan–Meier: one step curve per group, and the log-rank result where there are two groups
    const groups = analysis.survival.reduce((n, s) => n + s.groups.length, 0);
    expect(groups).toBeGreaterThan(1);
    expect(await page.locator('[data-testid="km-plot"] path.km-curve').count()).toBe(groups);
    const d = await page.locator('path.km-curve').first().getAttribute('d');
    expect(d).toMatch(/^M[\d.]+,[\d.]+( H[\d.]+( V[\d.]+)?)+$/);
    const tested = analysis.survival.find((s) => s.logRank !== null);
    const logRanks = await page.getByTestId('log-rank').allTextContents();
    expect(logRanks.some((text) => text.includes('log-rank 検定: χ²'))).toBe(tested !== undefined);
    // the plain-language summary, in Japanese
    await expect(page.getByTestId('continuation-summary').textContent()).resolves.toContain(
      analysis.summary.split('\n')[0] ?? '',
    );
    await page.screenshot({ path: shot('flow-continuation'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says so instead of showing numbers when too few adoptions have ended', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(url('/continuation?asOfFy=2004'));
    await page.getByTestId('regression-unavailable').waitFor();
    expect(await page.getByTestId('factor-table').count()).toBe(0);
    expect(await page.getByTestId('forest-plot').count()).toBe(0);
    await page.screenshot({ path: shot('flow-continuation-no-data') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens a project from the portfolio and shows its health', async () => {
    const portfolio = await api<WebPortfolio>(
      `/api/portfolio/projects?prefecture=${projectPrefecture}`,
    );
    const target = portfolio.projects[0];
    expect(target).toBeDefined();
    const { page, errors } = await openPage(browser);
    await page.goto(url(`/projects?prefecture=${projectPrefecture}`));
    const list = page.getByTestId('portfolio-projects');
    await list.waitFor();
    expect(await list.locator('tbody tr').count()).toBe(portfolio.projects.length);
    // the three values, each with its KPIs
    for (const value of ['social', 'industrial', 'economic'])
      await page.getByTestId(`kpis-${value}`).waitFor();
    await page.screenshot({ path: shot('flow-portfolio'), fullPage: true });
    await list
      .getByRole('link', { name: target?.title ?? '', exact: true })
      .first()
      .click();
    await page.waitForURL(/\/projects\/[^/?]+$/);
    await page.locator('#health-heading').waitFor();
    await expect(page.locator('#health-heading').textContent()).resolves.toBe(target?.title);
    await page.getByTestId('milestones').waitFor();
    await page.getByTestId('team').waitFor();
    if ((target?.alerts ?? 0) > 0) {
      // each alert is rendered from its code and values, in Japanese (none is shown as sent in English)
      const alerts = page.locator('[data-testid="health-alerts"] li');
      expect(await alerts.count()).toBe(target?.alerts);
      await expect(
        alerts.evaluateAll((items) => items.map((item) => item.getAttribute('data-code'))),
      ).resolves.toEqual(target?.alertCodes);
      const health = await api<WebProjectHealth>(
        `/api/portfolio/projects/${encodeURIComponent(target?.id ?? '')}/health`,
      );
      const texts = await alerts.allTextContents();
      for (const [i, alert] of health.alertDetails.entries()) {
        expect(texts[i]).not.toBe(alert.text);
        expect(texts[i]).not.toMatch(/\{\w+\}|overdue|slipped|spending|rising|lacks/);
        if (alert.code === 'milestone_slipped') expect(texts[i]).toContain(alert.values.milestone);
        if (alert.code === 'risk_rising') expect(texts[i]).toContain(alert.values.risk);
      }
    }
    if ((target?.risingRisks ?? 0) > 0) await page.getByTestId('risk-matrix').waitFor();
    await page.screenshot({ path: shot('flow-project-health'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('finds the support measures that fit a company, with their reasons', async () => {
    const companies = await api<WebActorPage>('/api/web/actors?sector=company&limit=20');
    let chosen: { id: string; name: string; fit: WebSupportFit } | undefined;
    for (const c of companies.items) {
      const fit = await api<WebSupportFit>(`/api/support/fit?actor=${encodeURIComponent(c.id)}`);
      // A fitting measure with a ceiling: an amount beyond it must leave fewer fits (below).
      const capped = fit.matches.some((m) => m.measure.maxAmount !== undefined);
      if (capped && fit.nearMisses.length > 0) {
        chosen = { id: c.id, name: c.name, fit };
        break;
      }
    }
    expect(chosen, 'a demo company with fitting measures').toBeDefined();
    const { page, errors } = await openPage(browser);
    await page.goto(url('/support'));
    await page.getByLabel('企業名で探す').fill(chosen?.name ?? '');
    await page.getByRole('button', { name: '検索', exact: true }).first().click();
    await page
      .getByRole('button', { name: chosen?.name ?? '', exact: true })
      .first()
      .click();
    await page.waitForURL(/actor=/);
    await expect(page.getByTestId('support-subject').textContent()).resolves.toBe(chosen?.name);
    await page.getByTestId('fit').first().waitFor();
    expect(await page.getByTestId('fit').count()).toBe(chosen?.fit.matches.length);
    const firstFit = chosen?.fit.matches[0];
    const card = page.getByTestId('fit').first();
    await expect(card.locator('h3').textContent()).resolves.toBe(firstFit?.measure.name);
    // every reason is rendered from its code and values, naming things as the service's Japanese does
    const items = card.locator('ul.criteria > li');
    await expect(
      items.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-code'))),
    ).resolves.toEqual(firstFit?.reasons.map((r) => r.code));
    const texts = await items.allTextContents();
    firstFit?.reasons.forEach((r, i) => expect(texts[i]).toContain(r.reasonJa));
    // near misses say why not; region reasons name the prefectures in words, never by code
    const miss = chosen?.fit.nearMisses[0];
    const why = miss?.whyNot[0];
    const meta = await api<WebMeta>('/api/web/meta');
    const prefectureName = (code: string) => meta.prefectures.find((p) => p.code === code)?.name;
    const near = page.getByTestId('near-miss').first();
    await expect(near.locator('h3').textContent()).resolves.toBe(miss?.measure.name);
    await expect(near.textContent()).resolves.toContain(why?.reasonJa ?? '');
    if (why?.code === 'region_only')
      expect(why.reasonJa).toBe(
        `対象地域は${why.values.prefectureCodes.map(prefectureName).join('・')}のみ`,
      );
    const missText = (await near.locator('ul.criteria.miss').textContent()) ?? '';
    expect(missText).not.toMatch(/対象地域は\d|company|university|zero_to_one|one_to_hundred/);
    // an amount beyond every measure's ceiling leaves fewer fits
    await page.getByLabel('必要な金額（円）').fill('900000000000');
    await page.getByRole('button', { name: '金額を反映' }).click();
    await page.waitForURL(/amount=900000000000/);
    await expect
      .poll(async () => page.getByTestId('fit').count(), { timeout: 15_000 })
      .toBeLessThan(chosen?.fit.matches.length ?? 0);
    await page.screenshot({ path: shot('flow-support-fit'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('narrows the case library by outcome and factor, with the factor comparison beside it', async () => {
    const all = await api<WebCaseSearch>('/api/case-library/cases?limit=500');
    const successes = await api<WebCaseSearch>('/api/case-library/cases?outcome=success&limit=500');
    const factors = await api<WebCaseFactors>('/api/case-library/factors');
    const factor = factors.factors[0]?.factor ?? '';
    const withFactor = await api<WebCaseSearch>(
      `/api/case-library/cases?outcome=success&factor=${encodeURIComponent(factor)}&limit=500`,
    );
    expect(successes.total).toBeLessThan(all.total);
    expect(withFactor.total).toBeLessThan(successes.total);
    const { page, errors } = await openPage(browser);
    await page.goto(url('/cases'));
    const count = page.getByTestId('case-count');
    await expect
      .poll(async () => count.getAttribute('data-total'), { timeout: 15_000 })
      .toBe(String(all.total));
    await page.getByTestId('case-factors').waitFor();
    expect(await page.locator('[data-testid="case-factors"] tbody tr').count()).toBe(
      factors.factors.length,
    );
    // one rule: a factor leans one way only when p < alpha and the exact interval excludes 1
    await expect(page.getByTestId('factor-rule').textContent()).resolves.toContain(
      '正確な 95% 信頼区間が 1 を含まない',
    );
    for (const f of factors.factors) {
      const low = f.exactCiLow ?? 0;
      const high = f.exactCiHigh ?? Number.POSITIVE_INFINITY;
      if (f.leansTowards === 'success') expect(low, f.factor).toBeGreaterThan(1);
      if (f.leansTowards === 'failure') expect(high, f.factor).toBeLessThan(1);
      if (f.leansTowards === 'unclear')
        expect((f.fisherP ?? 1) >= 0.05 || (low <= 1 && high >= 1), f.factor).toBe(true);
    }
    const firstRow = page.locator('[data-testid="case-factors"] tbody tr').first();
    const exactCell = (await firstRow.getByTestId('exact-odds-ratio').textContent()) ?? '';
    const first = factors.factors[0];
    const fmt = (v: number | null) =>
      v === null ? '∞' : new Intl.NumberFormat('ja-JP', { maximumSignificantDigits: 3 }).format(v);
    expect(exactCell).toBe(
      `${fmt(first?.conditionalOddsRatio ?? null)}${fmt(first?.exactCiLow ?? null)} – ${fmt(first?.exactCiHigh ?? null)}`,
    );
    await page.getByRole('combobox', { name: '結果' }).selectOption('success');
    await expect
      .poll(async () => count.getAttribute('data-total'), { timeout: 15_000 })
      .toBe(String(successes.total));
    const outcomes = await page
      .locator('li.case')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-outcome')));
    expect(new Set(outcomes)).toEqual(new Set(['success']));
    await page.getByRole('combobox', { name: '要因' }).selectOption(factor);
    await expect
      .poll(async () => count.getAttribute('data-total'), { timeout: 15_000 })
      .toBe(String(withFactor.total));
    expect(page.url()).toContain('factor=');
    await page.screenshot({ path: shot('flow-cases-filtered'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('sums only reported KPI actuals and shows how many are not reported yet', async () => {
    const before = await api<WebPortfolio>(
      `/api/portfolio/projects?prefecture=${projectPrefecture}`,
    );
    const kpi = before.kpis.find((k) => k.actual !== null);
    expect(kpi, 'a KPI with an actual').toBeDefined();
    // a project that has not reported this KPI yet
    await database.repos.entity('projects').upsertMany([
      {
        id: 'e2e-unreported',
        title: '未報告のプロジェクト',
        stage: 'research',
        prefectureCode: projectPrefecture,
        members: [],
        kpis: [{ name: kpi?.name, value: kpi?.value, unit: kpi?.unit, target: 10 }],
      },
    ]);
    const after = await api<WebPortfolio>(
      `/api/portfolio/projects?prefecture=${projectPrefecture}`,
    );
    const row = after.kpis.find((k) => k.name === kpi?.name && k.unit === kpi?.unit);
    expect(row).toMatchObject({
      actual: kpi?.actual,
      missing: (kpi?.missing ?? 0) + 1,
      reported: kpi?.reported,
      target: Math.round(((kpi?.target ?? 0) + 10) * 1000) / 1000,
      attainment: kpi?.attainment,
    });
    const { page, errors } = await openPage(browser);
    await page.goto(url(`/projects?prefecture=${projectPrefecture}`));
    const table = page.getByTestId(`kpis-${kpi?.value ?? ''}`);
    await table.waitFor();
    const tr = table.locator('tbody tr', { hasText: kpi?.name ?? '' }).first();
    await expect(tr.getByTestId('kpi-missing').textContent()).resolves.toBe(
      `未報告 ${row?.missing}件`,
    );
    expect(await tr.getByTestId('kpi-actual').textContent()).toContain(
      new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 1 }).format(row?.actual ?? 0),
    );
    expect(errors).toEqual([]);
    await page.close();
    await database.repos.entity('projects').delete('e2e-unreported');
  });

  it('the web list, the portfolio and the report name the same community after a stored run', async () => {
    const [run] = await analyzeCommunities(database.repos, { now: () => new Date() }, [
      { resolution: 2.5 },
    ]);
    const stored = run?.communities[0];
    expect(stored).toBeDefined();
    const id = stored?.id ?? 'c1';
    // the web data snapshot rechecks the database every few seconds
    await expect
      .poll(async () => (await api<WebCommunities>('/api/web/communities')).runId, {
        timeout: 15_000,
      })
      .toBe(run?.runId);
    const list = await api<WebCommunities>('/api/web/communities');
    expect(list).toMatchObject({ source: 'stored', runId: run?.runId, resolution: 2.5 });
    expect(list.communities.find((c) => c.id === id)?.size).toBe(stored?.size);
    const network = await api<WebNetwork>(`/api/web/network?community=${id}`);
    expect([...network.nodes.id].sort()).toEqual([...(stored?.members ?? [])].sort());
    const portfolio = await api<WebPortfolio>(`/api/portfolio/projects?community=${id}`);
    expect(portfolio.communitySource).toMatchObject({ runId: run?.runId, resolution: 2.5 });
    const { page, errors } = await openPage(browser);
    await page.goto(url(`/projects?community=${id}`));
    const source = page.getByTestId('portfolio-community-source');
    await source.waitFor();
    await expect(source.textContent()).resolves.toContain(`分析 run ${run?.runId}`);
    await expect(source.textContent()).resolves.toContain('解像度 2.5');
    await page.goto(url(`/reports?community=${id}`));
    const frame = page.frameLocator('[data-testid="report-frame"]');
    await frame.locator('h1').waitFor();
    await expect(
      frame.locator(`[data-community-run="${run?.runId}"]`).textContent(),
    ).resolves.toContain('解像度 2.5');
    await expect(frame.locator('body').textContent()).resolves.toContain(`主体 ${stored?.size}（`);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the region report of a prefecture and prints it', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(url(`/reports?prefecture=${projectPrefecture}`));
    const frame = page.frameLocator('[data-testid="report-frame"]');
    await frame.locator('h1').waitFor();
    await expect(frame.locator('h1').textContent()).resolves.toMatch(/^地域レポート: /);
    const print = page.getByRole('button', { name: '印刷する' });
    await expect(print.isEnabled()).resolves.toBe(true);
    // record the print call in the report's frame instead of opening the print dialog
    const reportFrame = page.frames().find((f) => f.url().includes('/api/reports/region'));
    expect(reportFrame).toBeDefined();
    await reportFrame?.evaluate('window.print = () => { window.__printed = true; }');
    await print.click();
    await expect(reportFrame?.evaluate('window.__printed === true')).resolves.toBe(true);
    await page.screenshot({ path: shot('flow-region-report'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('frames the report in English in the English view, drawn with the app’s map', async () => {
    const { page, errors } = await openPage(browser);
    await page.addInitScript(`localStorage.setItem('musubi.language', 'en')`);
    await page.goto(url(`/reports?prefecture=${projectPrefecture}`));
    const frame = page.frameLocator('[data-testid="report-frame"]');
    await frame.locator('h1').waitFor();
    await expect(frame.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expect(frame.locator('h1').textContent()).resolves.toMatch(/^Region report: /);
    await expect(frame.locator('h2').first().textContent()).resolves.toBe(
      '1. Where the actors are',
    );
    // the national map's 47 prefecture outlines with 沖縄県's inset, the prefecture by municipality
    await expect(frame.locator('svg.map-national path.prefecture').count()).resolves.toBe(47);
    await expect(frame.locator('svg.map-national g.map-inset').count()).resolves.toBe(1);
    await expect(
      frame.locator('svg.map-region path.municipality').count(),
    ).resolves.toBeGreaterThan(10);
    expect(errors).toEqual([]);
    await page.close();
  });
});
