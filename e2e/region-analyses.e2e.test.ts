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
