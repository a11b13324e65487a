/**
 * The government role's journey at 1440×900 and 390×844, in Japanese and English: 静岡県's
 * official signs in, sees its prefecture's region strategy and KPI targets, records a KPI's
 * measured value from the strategy (the indicator form comes filled with the area, metric and
 * unit), sees it in the strategy's table, then reads the portfolio and the continuation analysis
 * and opens the region report. The prefecture's FY2025 figures (and one FY2023 figure) are taken
 * out of the demo first, so each run records one that is not there yet. axe-core finds no serious
 * or critical violation and no page scrolls sideways.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_GOVERNMENT_PREFECTURE } from '#demo/demo-accounts.ts';
import en from '../packages/web/src/i18n/en.json';
import ja from '../packages/web/src/i18n/ja.json';
import {
  type DemoWorld,
  expectAccessible,
  expectNoSidewaysScroll,
  type Language,
  LANGUAGES,
  openDemoWorld,
  shot,
  VIEWPORTS,
} from './support/demo-session.ts';

type MessageKey = keyof typeof ja;
const say = (language: Language, key: MessageKey): string => (language === 'ja' ? ja : en)[key];

const PREFECTURE = DEMO_GOVERNMENT_PREFECTURE;

/** What each run records: a KPI of the demo's strategy for 静岡県, in a year with no figure. */
const TO_RECORD = [
  { metric: 'joint_research', year: 2025, value: 41 },
  { metric: 'reskilling_completions', year: 2025, value: 133 },
  { metric: 'university_ventures', year: 2025, value: 7 },
  { metric: 'joint_research', year: 2023, value: 36 },
] as const;

let world: DemoWorld;
const url = (path: string) => world.url(path);

beforeAll(async () => {
  world = await openDemoWorld({
    prepare: async (repos) => {
      for (const { metric, year } of TO_RECORD)
        await repos.entity('indicators').delete(`prefecture:${PREFECTURE}:${year}:${metric}`);
    },
  });
});

afterAll(async () => {
  await world?.close();
});

async function checkPage(page: Page, what: string): Promise<void> {
  await expectAccessible(page, what);
  await expectNoSidewaysScroll(page);
}

const COMBOS = VIEWPORTS.flatMap((viewport) =>
  LANGUAGES.map((language) => ({ viewport, language })),
);

describe.each(COMBOS.map((combo, index) => ({ ...combo, index })))(
  'the prefecture’s official at $viewport.width×$viewport.height in $language',
  ({ viewport, language, index }) => {
    const tag = `${viewport.name}-${language}`;
    const t = (key: MessageKey) => say(language, key);
    const record = TO_RECORD[index % TO_RECORD.length] ?? TO_RECORD[0];

    it('sees the strategy, records a KPI value and sees it, reads the portfolio and continuation, opens the report', async () => {
      const started = Date.now();
      const session = await world.session(language, viewport, {
        tolerated: /status of (403|404)/,
      });
      const { page } = session;
      const strategyPath = `/region-strategy?prefecture=${PREFECTURE}`;
      await world.signIn(page, 'government', strategyPath);
      const strategy = page.locator('[data-testid="strategy"]').first();
      await strategy.waitFor();
      await expect(strategy.locator('h2').textContent()).resolves.toContain('静岡県');
      const row = strategy.locator(
        `[data-testid="strategy-targets"] tr[data-metric="${record.metric}"][data-year="${record.year}"]`,
      );
      // no figure of that year yet (the cell shows an earlier one, or none)
      await expect(row.locator('td').nth(3).textContent()).resolves.not.toContain(
        `(FY${record.year})`,
      );
      await checkPage(page, `region strategy (government) ${tag}`);

      // Record the KPI's measured value from the strategy: area, metric and unit come filled in.
      const recordLink = strategy.locator(
        `[data-testid="record-kpi-values"] a[data-metric="${record.metric}"]`,
      );
      await recordLink.click();
      await page.waitForURL((u) => u.pathname === '/indicators/new');
      await expect(page.locator('[name="areaType"]').inputValue()).resolves.toBe('prefecture');
      await expect(page.locator('[name="areaCode"]').inputValue()).resolves.toBe(PREFECTURE);
      await expect(page.locator('[name="metric"]').inputValue()).resolves.toBe(record.metric);
      await page.locator('[name="year"]').fill(String(record.year));
      await page.locator('[name="value"]').fill(String(record.value));
      await checkPage(page, `new indicator (government) ${tag}`);
      await page.locator('form.record-form button[type="submit"]').click();
      const key = `prefecture:${PREFECTURE}:${record.year}:${record.metric}`;
      await page.waitForURL((u) => decodeURIComponent(u.pathname) === `/indicators/${key}`);
      await page.getByRole('heading', { level: 1, name: record.metric }).waitFor();
      const stored = await world.database.repos.entity('indicators').get(key);
      expect(stored?.record['value']).toBe(record.value);
      expect(stored?.record['unit']).toBeTruthy();

      // The strategy shows the value against its target.
      await page.goto(url(strategyPath));
      await expect
        .poll(() => row.locator('td').nth(3).textContent(), { timeout: 20_000 })
        .toContain(`(FY${record.year})`);
      await expect(row.locator('td').nth(3).textContent()).resolves.toContain(String(record.value));
      await page.screenshot({ path: shot(`government-strategy-${tag}`), fullPage: true });

      // Another prefecture's strategy offers it nothing to record.
      await page.goto(url('/region-strategy?prefecture=40'));
      await page.locator('[data-testid="strategy"]').first().waitFor();
      await page.locator('[data-testid="strategy-targets"]').first().waitFor();
      expect(await page.locator('[data-testid="record-kpi-values"]').count()).toBe(0);

      // The portfolio of its prefecture and the continuation analysis.
      await page.goto(url(`/projects?prefecture=${PREFECTURE}`));
      await page.getByRole('heading', { level: 1, name: t('portfolio.title') }).waitFor();
      await page.locator('[data-testid="portfolio-projects"]').waitFor();
      await checkPage(page, `portfolio (government) ${tag}`);
      await page.goto(url('/continuation'));
      await page.getByRole('heading', { level: 1, name: t('continuation.title') }).waitFor();
      await page.locator('[data-testid="continuation-counts"]').waitFor({ timeout: 60_000 });
      await checkPage(page, `continuation (government) ${tag}`);

      // The region report of its prefecture, ready to print.
      await page.goto(url(`/reports?prefecture=${PREFECTURE}`));
      await page.getByRole('heading', { level: 1, name: t('report.title') }).waitFor();
      const print = page.getByRole('button', { name: t('report.print') });
      await expect.poll(() => print.isEnabled(), { timeout: 60_000 }).toBe(true);
      const report = page.frameLocator('[data-testid="report-frame"]');
      await expect(report.locator('body').textContent()).resolves.toContain('静岡県');
      await checkPage(page, `region report (government) ${tag}`);

      expect(session.errors).toEqual([]);
      await session.context.close();
      console.info(`government journey ${tag}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    });
  },
);
