/**
 * Browser tests of the region-level pages on the demo ecosystem: region strategy, money and
 * people, on a phone and a desktop, in Japanese and English; the expectations are read from the same
 * HTTP API the pages use.
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/open-database.ts';
import { loadDemoEcosystem } from '#demo/load-demo-ecosystem.ts';
import { sqliteTestDatabase } from '#test/test-databases.ts';
import { seriousViolations } from './support/axe.ts';
import { ARTIFACTS, launchBrowser, openPage } from './support/browser.ts';
import { ensureWebBuild } from './support/web-build.ts';
import { startWebServer } from './support/web-server.ts';

let database: Database;
let server: Awaited<ReturnType<typeof startWebServer>>;
let browser: Browser;

const url = (path: string) => new URL(path.replace(/^\//, ''), server.url).toString();

async function api(path: string): Promise<unknown> {
  const response = await fetch(url(path));
  expect(response.status, path).toBe(200);
  return response.json();
}

beforeAll(async () => {
  await ensureWebBuild();
  database = await sqliteTestDatabase.open();
  await loadDemoEcosystem(database.repos, { scale: 0.1 });
  server = await startWebServer(database.repos);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await database?.close();
});

const PAGES = [
  ['region-strategy', '/region-strategy?prefecture=22', 'strategy-targets', '地域戦略とKPIの進捗'],
  ['money', '/money?prefecture=22', 'money-years', '地域の資金循環と自立化'],
  ['people', '/people?prefecture=22', 'people-programmes', '人材育成と地域定着'],
] as const;

describe('region pages', () => {
  it('each loads on a phone and a desktop with no errors and no sideways page scroll', async () => {
    for (const [name, path, table, heading] of PAGES) {
      for (const [width, height] of [
        [390, 844],
        [1280, 900],
      ] as const) {
        const { page, errors } = await openPage(browser, width, height);
        await page.goto(url(path));
        await page.getByTestId(table).waitFor();
        await expect(page.locator('main h1').first().textContent()).resolves.toBe(heading);
        const overflow = await page.evaluate(
          'document.documentElement.scrollWidth - window.innerWidth',
        );
        expect(overflow, `${path} at ${width}px`).toBeLessThanOrEqual(0);
        await page.screenshot({
          path: join(ARTIFACTS, `region-${name}-${width}.png`),
          fullPage: true,
        });
        expect(errors, path).toEqual([]);
        await page.close();
      }
    }
  });

  it('the strategy page shows every target of the API with its status; the people page its retention', async () => {
    const strategy = (await api('/api/analyses/region-strategy?prefecture=22')) as {
      strategies: { targets: { status: string }[] }[];
    };
    const statuses = strategy.strategies.flatMap((s) => s.targets.map((t) => t.status));
    expect(statuses.length).toBeGreaterThan(0);
    const { page, errors } = await openPage(browser);
    await page.goto(url('/region-strategy?prefecture=22'));
    const rows = page.getByTestId('strategy-targets').locator('tbody tr');
    await rows.first().waitFor();
    await expect(
      rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-status'))),
    ).resolves.toEqual(statuses);
    const people = (await api('/api/analyses/people?prefecture=22')) as {
      programmes: unknown[];
    };
    await page.goto(url('/people?prefecture=22'));
    await page.getByTestId('people-programmes').waitFor();
    await expect(page.getByTestId('people-programmes').locator('tbody tr').count()).resolves.toBe(
      people.programmes.length,
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the strategy page charts each KPI: targets by year against the measured values, titled for screen readers', async () => {
    const strategy = (await api('/api/analyses/region-strategy?prefecture=22')) as {
      strategies: {
        timelines: {
          metric: string;
          value: string;
          points: { year: number; actual: number | null; target: number | null }[];
        }[];
      }[];
    };
    const timelines = strategy.strategies.flatMap((s) => s.timelines);
    expect(timelines.length).toBeGreaterThan(0);
    const order = ['social', 'industrial', 'economic'];
    const expected = strategy.strategies.flatMap((s) =>
      [...s.timelines]
        .sort((a, b) => order.indexOf(a.value) - order.indexOf(b.value))
        .map((line) => ({
          metric: line.metric,
          actual: line.points.filter((p) => p.actual !== null).map((p) => String(p.year)),
          target: line.points.filter((p) => p.target !== null).map((p) => String(p.year)),
        })),
    );
    for (const [width, height, language] of [
      [390, 844, 'ja'],
      [1440, 900, 'en'],
    ] as const) {
      const { page, errors } = await openPage(browser, width, height);
      await page.addInitScript(`localStorage.setItem('musubi.language', '${language}')`);
      await page.goto(url('/region-strategy?prefecture=22'));
      const charts = page.getByTestId('strategy-chart');
      await charts.first().waitFor();
      const drawn = await charts.evaluateAll((figures) =>
        figures.map((f) => ({
          metric: f.getAttribute('data-metric'),
          actual: [...f.querySelectorAll('circle[data-actual]')].map((c) =>
            c.getAttribute('data-actual'),
          ),
          target: [...f.querySelectorAll('circle[data-target]')].map((c) =>
            c.getAttribute('data-target'),
          ),
        })),
      );
      expect(drawn).toEqual(expected);
      // each chart is an image named by its title and described point by point, its table beside it
      const first = charts.first();
      const svg = first.locator('svg[role="img"]').first();
      const labelledBy = (await svg.getAttribute('aria-labelledby')) ?? '';
      expect(labelledBy.split(' ')).toHaveLength(2);
      await expect(first.locator('svg > title').textContent()).resolves.toMatch(
        language === 'ja' ? /年度ごとの目標と実績/ : /targets and actual values by fiscal year/,
      );
      await expect(first.locator('svg > desc').textContent()).resolves.toMatch(
        language === 'ja' ? /^実績: .*目標: FY\d{4} / : /^Actual: .*Target: FY\d{4} /,
      );
      expect(await first.getByTestId('strategy-timeline').locator('tbody tr').count()).toBe(
        timelines[0]?.points.length,
      );
      // readable on a phone: the chart fits the screen and its labels are not shrunk below 9 px
      const box = await svg.boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(250);
      expect(box?.width ?? Infinity).toBeLessThanOrEqual(width);
      const scale = (box?.width ?? 0) / 360;
      expect(11 * scale).toBeGreaterThanOrEqual(9);
      await page.screenshot({
        path: join(ARTIFACTS, `region-strategy-chart-${width}.png`),
        fullPage: true,
      });
      expect(await seriousViolations(page)).toEqual([]);
      const overflow = await page.evaluate(
        'document.documentElement.scrollWidth - window.innerWidth',
      );
      expect(overflow).toBeLessThanOrEqual(0);
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it('the money page shows where the money comes from, as the API says', async () => {
    const money = (await api('/api/analyses/money?prefecture=22')) as {
      circulation: { received: { origin: string; flows: number }[] };
    };
    const origins = money.circulation.received.filter((o) => o.flows > 0).map((o) => o.origin);
    expect(origins.length).toBeGreaterThan(0);
    const { page, errors } = await openPage(browser);
    await page.goto(url('/money?prefecture=22'));
    const rows = page.getByTestId('money-circulation').locator('tbody tr[data-origin]');
    await rows.first().waitFor();
    await expect(
      rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-origin'))),
    ).resolves.toEqual(origins);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the money page’s consortium picker finds the demo consortium and shows its figures', async () => {
    const listed = (await api(
      '/api/actors?flags=consortium&sort=name&limit=1000&fields=id,name,nameEn',
    )) as { items: { id: string; name: string; nameEn?: string }[] };
    const hikari = listed.items.find((item) => item.id === 'consortium-22-hikari');
    expect(hikari, 'the demo records its consortium').toBeDefined();
    const money = (await api('/api/analyses/money?consortium=consortium-22-hikari')) as {
      scope: { kind: string; name: string; nameEn?: string; members: number };
      region: { years: unknown[] };
    };
    expect(money.scope.kind).toBe('consortium');
    expect(money.scope.nameEn, 'the demo consortium has an English name').toBeDefined();
    for (const language of ['ja', 'en'] as const)
      for (const [width, height] of [
        [1440, 900],
        [390, 844],
      ] as const) {
        const { page, errors } = await openPage(browser, width, height);
        await page.addInitScript(`localStorage.setItem('musubi.language', '${language}')`);
        await page.goto(url('/money?prefecture=22'));
        await page.getByTestId('money-years').waitFor();
        const picker = page.getByTestId('consortium-scope');
        const choice = picker.getByLabel(
          language === 'ja' ? '表示するコンソーシアム' : 'Consortium shown',
        );
        await expect(picker.getByTestId('consortium-count').textContent()).resolves.toBe(
          language === 'ja'
            ? `${listed.items.length} 件中 ${listed.items.length} 件`
            : `${listed.items.length} of ${listed.items.length} consortia`,
        );
        // Typing narrows the list to the consortia whose name holds the text.
        await picker
          .getByLabel(language === 'ja' ? 'コンソーシアムを検索' : 'Search consortia')
          .fill(language === 'ja' ? '光・電子' : 'photonics');
        await expect(
          choice
            .locator('option')
            .evaluateAll((options) => options.map((o) => o.getAttribute('value'))),
        ).resolves.toEqual(['', 'consortium-22-hikari']);
        await expect(
          choice.locator('option[value="consortium-22-hikari"]').textContent(),
        ).resolves.toBe(language === 'en' ? hikari?.nameEn : hikari?.name);
        await choice.selectOption('consortium-22-hikari');
        await page.locator('[data-testid="money-scope"][data-kind="consortium"]').waitFor();
        expect(new URL(page.url()).searchParams.get('consortium')).toBe('consortium-22-hikari');
        // The scope is named in the page's language (its English name on English pages).
        await expect(page.getByTestId('money-scope').textContent()).resolves.toContain(
          language === 'en' ? (money.scope.nameEn ?? money.scope.name) : money.scope.name,
        );
        await expect(page.getByTestId('money-years').locator('tbody tr').count()).resolves.toBe(
          money.region.years.length,
        );
        await page.screenshot({
          path: join(ARTIFACTS, `money-consortium-${language}-${width}.png`),
          fullPage: true,
        });
        expect(await seriousViolations(page)).toEqual([]);
        const overflow = await page.evaluate(
          'document.documentElement.scrollWidth - window.innerWidth',
        );
        expect(overflow, `${language} at ${width}px`).toBeLessThanOrEqual(0);
        // The empty choice goes back to the region.
        await choice.selectOption('');
        await page.locator('[data-testid="money-scope"][data-kind="prefecture"]').waitFor();
        expect(errors).toEqual([]);
        await page.close();
      }
  });

  it('the menu reaches the three pages, and they speak English when switched', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(url('/'));
    await page.locator('#home-heading').waitFor();
    const nav = page.getByRole('navigation', { name: 'メインメニュー' });
    for (const [name, heading] of [
      ['地域戦略', '地域戦略とKPIの進捗'],
      ['資金・自立化', '地域の資金循環と自立化'],
      ['人材育成', '人材育成と地域定着'],
    ] as const) {
      await nav.getByRole('link', { name, exact: true }).click();
      await expect(page.locator('main h1').first().textContent()).resolves.toBe(heading);
    }
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.locator('main h1').first().textContent()).resolves.toBe(
      'People: training and local retention',
    );
    expect(errors).toEqual([]);
    await page.close();
  });
});
