import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebCommunities, WebMunicipalityChoropleth } from '#contract/web-data-types.ts';
import type { Database } from '#db/open-database.ts';
import { loadDemoEcosystem } from '#demo/load-demo-ecosystem.ts';
import { sqliteTestDatabase } from '#test/test-databases.ts';
import {
  ARTIFACTS,
  launchBrowser,
  openPage,
  resetDrawStats,
  waitForDraw,
} from './support/browser.ts';
import { ensureWebBuild } from './support/web-build.ts';
import { startWebServer } from './support/web-server.ts';

let database: Database;
let server: Awaited<ReturnType<typeof startWebServer>>;
let browser: Browser;
let communities: WebCommunities;

const url = (path: string) => new URL(path.replace(/^\//, ''), server.url).toString();
const shot = (name: string) => join(ARTIFACTS, `${name}.png`);

beforeAll(async () => {
  await ensureWebBuild();
  database = await sqliteTestDatabase.open();
  await loadDemoEcosystem(database.repos, { scale: 0.1 });
  server = await startWebServer(database.repos);
  browser = await launchBrowser();
  communities = (await (await fetch(url('/api/web/communities'))).json()) as WebCommunities;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await database?.close();
});

const PAGES = [
  ['home', '/'],
  ['home-prefecture', '/?prefecture=13'],
  ['map', '/map'],
  ['network', '/network'],
  ['actors', '/actors'],
  ['matching', '/matching'],
  ['board', '/board'],
  ['projects', '/projects'],
  ['programmes', '/programmes'],
  ['continuation', '/continuation'],
  ['support', '/support'],
  ['cases', '/cases'],
  ['reports', '/reports'],
  ['not-found', '/no-such-page'],
] as const;

describe('every page', () => {
  for (const [name, path] of PAGES) {
    it(`${path} loads with no console errors`, async () => {
      const { page, errors } = await openPage(browser);
      await page.goto(url(path));
      await page.locator('main h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      if (name === 'network') await waitForDraw(page);
      await expect(page.locator('main h1').first().textContent()).resolves.toBeTruthy();
      await page.screenshot({ path: shot(`page-${name}`), fullPage: name !== 'network' });
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('a profile loads with no console errors, and on a tablet', async () => {
    const { page, errors } = await openPage(browser, 820, 1180);
    const first = communities.communities[0]?.coreActors[0]?.id ?? '';
    await page.goto(url(`/actors/${encodeURIComponent(first)}`));
    await page.locator('#relations-heading').waitFor();
    await page.screenshot({ path: shot('page-profile-tablet'), fullPage: true });
    const overflow = await page.evaluate(
      'document.documentElement.scrollWidth - window.innerWidth',
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('key flows', () => {
  it('filters the map and overlays a community', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(url('/map'));
    const svg = page.getByTestId('map-svg');
    await svg.waitFor();
    expect(await page.locator('path.prefecture').count()).toBe(47);
    // 沖縄県 is drawn in its box at the top left, inside the drawing; the main islands fill the rest.
    const [okinawa, box, drawing, hokkaido] = await Promise.all([
      page.locator('path.prefecture[data-code="47"]').boundingBox(),
      page.locator('[data-testid="map-inset"][data-code="47"] rect').boundingBox(),
      svg.boundingBox(),
      page.locator('path.prefecture[data-code="01"]').boundingBox(),
    ]);
    if (!okinawa || !box || !drawing || !hokkaido) throw new Error('map shapes not drawn');
    expect(okinawa.x).toBeGreaterThanOrEqual(box.x);
    expect(okinawa.y).toBeGreaterThanOrEqual(box.y);
    expect(okinawa.x + okinawa.width).toBeLessThanOrEqual(box.x + box.width);
    expect(okinawa.y + okinawa.height).toBeLessThanOrEqual(box.y + box.height);
    expect(box.x).toBeGreaterThanOrEqual(drawing.x);
    expect(box.y).toBeGreaterThanOrEqual(drawing.y);
    expect(hokkaido.x).toBeGreaterThan(box.x + box.width); // the box does not cover Hokkaido
    await expect(page.getByTestId('map-national-note').textContent()).resolves.toContain('小笠原');
    await expect(
      page.getByText('「国土数値情報（行政区域データ）」（国土交通省）を加工して作成').count(),
    ).resolves.toBe(1);

    await page.getByLabel('指標').selectOption('seeds');
    await page.locator('[data-testid="map-svg"][data-metric="seeds"]').waitFor();
    const community = communities.communities[0];
    await page.getByLabel('ABCコミュニティの重ね合わせ').selectOption(community?.id ?? '');
    await page.getByTestId('map-overlay-info').waitFor();
    expect(await page.locator('path.overlay').count()).toBe(community?.prefectures.length);

    // Keyboard: focus a prefecture and read its value.
    await page.locator('path.prefecture[data-code="13"]').focus();
    await expect(page.getByTestId('map-focus').textContent()).resolves.toContain('東京都');
    await page.screenshot({ path: shot('flow-map-seeds-overlay') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('drills into a prefecture: its municipalities as a choropleth, then back to Japan', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(url('/map'));
    await page.getByTestId('map-svg').waitFor();
    await page.locator('path.prefecture[data-code="01"]').click();
    await page.getByTestId('municipality-svg').waitFor();
    expect(new URL(page.url()).searchParams.get('prefecture')).toBe('01');
    const boundaries = JSON.parse(
      readFileSync('packages/web/public/geo/municipalities/01.topojson.json', 'utf8'),
    ) as { objects: { municipalities: { geometries: { type: string | null }[] } } };
    const drawable = boundaries.objects.municipalities.geometries.filter((g) => g.type !== null);
    expect(drawable).toHaveLength(boundaries.objects.municipalities.geometries.length);
    expect(await page.locator('path.municipality').count()).toBe(drawable.length);
    await expect(
      page.getByText('「国土数値情報（行政区域データ）」（国土交通省）を加工して作成').count(),
    ).resolves.toBe(1);

    // The largest city's value, by keyboard focus (tooltip) and in the table, equals the API's.
    const api = (await (
      await fetch(url('/api/web/choropleth/municipalities?prefecture=01&metric=actors'))
    ).json()) as WebMunicipalityChoropleth;
    const [code, value] = Object.entries(api.values).sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
    const name = api.municipalities.find((m) => m.code === code)?.name ?? '';
    expect(value).toBeGreaterThan(0);
    const shown = new Intl.NumberFormat('ja-JP').format(value);
    await page.locator(`path.municipality[data-code="${code}"]`).focus();
    await expect(page.getByTestId('municipality-tooltip').textContent()).resolves.toBe(
      `${name}: ${shown} 件`,
    );
    await page.getByTestId('municipality-table').locator('summary').click();
    await expect(
      page
        .locator(`[data-testid="municipality-table"] tr[data-code="${code}"] td.num`)
        .textContent(),
    ).resolves.toBe(shown);
    await page.screenshot({ path: shot('flow-map-municipalities'), fullPage: true });

    // A metric known per prefecture only says so.
    await page.getByLabel('指標').selectOption('projects');
    await page.getByTestId('map-prefecture-only').waitFor();

    await page.getByTestId('map-back').click();
    await page.getByTestId('map-svg').waitFor();
    expect(new URL(page.url()).searchParams.get('prefecture')).toBeNull();
    expect(await page.locator('path.prefecture').count()).toBe(47);

    // Keyboard: Enter on a prefecture drills in; Back in the browser returns to Japan.
    await page.locator('path.prefecture[data-code="13"]').focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="municipality-map"][data-prefecture="13"]').waitFor();
    await page.goBack();
    await page.getByTestId('map-svg').waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a drilled-in map fits a tablet', async () => {
    const { page, errors } = await openPage(browser, 820, 1180);
    await page.goto(url('/map?prefecture=13'));
    await page.getByTestId('municipality-svg').waitFor();
    // Tokyo: 62 municipalities, two islets without geometry at this scale (named under the map);
    // the remote islands (伊豆諸島, 小笠原) in inset boxes of their own, inside the drawing.
    expect(await page.locator('path.municipality').count()).toBe(60);
    await expect(page.getByTestId('map-remote').textContent()).resolves.toContain('利島村');
    await expect(page.getByTestId('map-remote').textContent()).resolves.not.toContain('小笠原村');
    const insets = page.getByTestId('map-inset');
    expect(await insets.count()).toBeGreaterThanOrEqual(5);
    await expect(insets.getByText('小笠原村').count()).resolves.toBe(1);
    const ogasawara = page.locator('path.municipality[data-code="134210"]');
    const [svgBox, islandBox, insetBox] = await Promise.all([
      page.getByTestId('municipality-svg').boundingBox(),
      ogasawara.boundingBox(),
      page.locator('[data-testid="map-inset"][data-code="134210"] rect').boundingBox(),
    ]);
    // The island is drawn inside its box, and the box inside the map.
    expect(islandBox && insetBox && svgBox).toBeTruthy();
    if (islandBox && insetBox && svgBox) {
      expect(islandBox.x).toBeGreaterThanOrEqual(insetBox.x);
      expect(islandBox.x + islandBox.width).toBeLessThanOrEqual(insetBox.x + insetBox.width);
      expect(islandBox.y).toBeGreaterThanOrEqual(insetBox.y);
      expect(insetBox.y + insetBox.height).toBeLessThanOrEqual(svgBox.y + svgBox.height + 1);
    }
    await page.screenshot({ path: shot('page-map-municipalities-tablet'), fullPage: true });
    const overflow = await page.evaluate(
      'document.documentElement.scrollWidth - window.innerWidth',
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens a community in the network view and clicks through to a profile', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(url('/network'));
    await waitForDraw(page);
    const community = communities.communities[0];
    await resetDrawStats(page);
    await page
      .getByRole('combobox', { name: 'コミュニティ', exact: true })
      .selectOption(community?.id ?? '');
    const stats = await waitForDraw(page);
    expect(stats.nodes).toBe(community?.size);
    expect(page.url()).toContain(`community=${community?.id}`);
    await page.getByTestId('network-canvas').screenshot({ path: shot('flow-network-community') });

    // Search inside the drawn community, select, then open the profile.
    const core = community?.coreActors[0];
    await page.getByLabel('主体を探す').fill(core?.name ?? '');
    await page.locator('.search-results button').first().click();
    await page.getByTestId('network-selection').waitFor();
    await page.getByRole('link', { name: 'プロフィールを開く' }).click();
    await page.locator('#profile-heading').waitFor();
    await expect(page.locator('#profile-heading').textContent()).resolves.toBe(core?.name);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows who could fill a community's missing sector, from other prefectures too, with reasons", async () => {
    const gapped = communities.communities.find((c) =>
      c.gaps.some((g) => g.kind === 'missing_sector'),
    );
    expect(gapped).toBeDefined();
    const missing = gapped?.gaps.find((g) => g.kind === 'missing_sector')?.sectors[0] ?? '';
    const { page, errors } = await openPage(browser);
    await page.goto(url(`/?community=${gapped?.id}`));
    const list = page.getByTestId('gap-fill-candidates');
    await list.waitFor();
    // The missing sector is chosen first.
    await expect(page.getByLabel('セクター', { exact: true }).inputValue()).resolves.toBe(missing);
    const expected = (await (
      await fetch(url(`/api/analyses/gap-fill?community=${gapped?.id}&sector=${missing}&limit=8`))
    ).json()) as { candidates: { name: string; prefectureCode: string }[] };
    expect(expected.candidates.length).toBeGreaterThan(0);
    await expect(list.locator(':scope > li > a').allTextContents()).resolves.toEqual(
      expected.candidates.map((c) => c.name),
    );
    // 戦略的不平等: candidates are not limited to the community's own prefectures.
    expect(
      expected.candidates.some((c) => !(gapped?.prefectures ?? []).includes(c.prefectureCode)),
    ).toBe(true);
    await expect(
      list.locator(':scope > li').first().locator('ul li').count(),
    ).resolves.toBeGreaterThan(0);
    await page.screenshot({ path: shot('flow-gap-fill'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('searches the directory and opens a profile', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(url('/actors'));
    await page.getByTestId('directory-count').waitFor();
    await page.getByLabel('名称・読み・英語名').fill('大学');
    await page.getByRole('button', { name: '検索' }).click();
    await page.waitForURL(/q=/);
    await page.getByLabel('セクター').selectOption('university');
    await page.waitForURL(/sector=university/);
    // The URL changes before the filtered page arrives: wait until every listed name is a match.
    await expect
      .poll(
        async () => {
          const names = await page
            .locator('main table tbody tr td:first-child a')
            .allTextContents();
          return names.length > 0 && names.every((name) => name.includes('大学'));
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    const first = page.locator('main table tbody tr td a').first();
    const name = await first.textContent();
    expect(name).toContain('大学');
    await first.click();
    await page.locator('#profile-heading').waitFor();
    await expect(page.locator('#profile-heading').textContent()).resolves.toBe(name);
    await page.locator('#roles-heading').waitFor();
    await page.screenshot({ path: shot('flow-directory-profile'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('marks the directory’s actors to confirm (要確認) and lists only those on request', async () => {
    // One actor confirmed today; the demo's others were never confirmed.
    const [confirmed] = (await database.repos.entity('actors').list({ limit: 1 })).items;
    const id = String(confirmed?.['id']);
    const name = String(confirmed?.['name']);
    await database.repos
      .entity('actors')
      .upsertMany([{ ...confirmed, confirmedAt: new Date().toISOString().slice(0, 10) }]);
    const api = async (query: string) =>
      (await (
        await fetch(url(`/api/web/actors?q=${encodeURIComponent(name)}${query}`))
      ).json()) as {
        items: { id: string; stale: boolean }[];
        total: number;
      };
    // The web views are rebuilt in the background after a write.
    await expect
      .poll(async () => (await api('')).items.find((a) => a.id === id)?.stale, { timeout: 30_000 })
      .toBe(false);
    const staleTotal = (await api('&stale=true')).total;

    const { page, errors } = await openPage(browser);
    // The first page: every never-confirmed demo actor carries the mark.
    await page.goto(url('/actors'));
    await page.getByTestId('directory-count').waitFor();
    const rows = page.locator('main table tbody tr');
    const marked = page.locator('main table tbody tr .tag.stale');
    const onFirstPage = await page.locator(`main table a[href="/actors/${id}"]`).count();
    expect(await rows.count()).toBeGreaterThan(10);
    expect(await marked.count()).toBe((await rows.count()) - onFirstPage);
    await expect(marked.first().textContent()).resolves.toBe('要確認');

    // The confirmed one has none; "to confirm only" (?stale=true) leaves it out.
    await page.goto(url(`/actors?q=${encodeURIComponent(name)}`));
    await page.getByTestId('directory-count').waitFor();
    const row = page.locator('main table tbody tr', {
      has: page.locator(`a[href="/actors/${id}"]`),
    });
    await row.waitFor();
    expect(await row.locator('.tag.stale').count()).toBe(0);
    await page.getByLabel('要確認のみ').check();
    await page.waitForURL(/stale=true/);
    await expect.poll(async () => row.count(), { timeout: 15_000 }).toBe(0);
    if (staleTotal === 0) await page.getByText('該当する主体はありません。').waitFor();
    else expect(await marked.count()).toBe(await rows.count());
    await page.screenshot({ path: shot('flow-directory-stale'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lists programmes with their fiscal years as written and their type in words', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(url('/programmes'));
    const row = page.locator('main table tbody tr', { hasText: '知的クラスター創成事業' }).first();
    await row.waitFor();
    const cells = await row.locator('td').allTextContents();
    expect(cells).toContain('2002');
    expect(cells.join(' ')).not.toMatch(/\b2,0\d\d\b/);
    expect(cells).toContain('クラスター形成');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('switches the language to English and keeps it', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(url('/'));
    await page.locator('#home-heading').waitFor();
    await page.getByRole('button', { name: /English/ }).click();
    await expect(page.locator('#home-heading').textContent()).resolves.toBe(
      'The region at a glance',
    );
    expect(await page.evaluate('document.documentElement.lang')).toBe('en');
    await page.reload();
    await expect(page.locator('#home-heading').textContent()).resolves.toBe(
      'The region at a glance',
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it('renders a script tag in a name as text', async () => {
    await database.repos.entity('actors').upsertMany([
      {
        id: 'xss-1',
        kind: 'organization',
        sector: 'company',
        name: '<script>window.__pwned = 1</script>株式会社テスト',
        prefectureCode: '13',
        flags: [],
        keywords: [],
      },
    ]);
    const { page, errors } = await openPage(browser);
    // The snapshot notices the new record after its recheck interval.
    await new Promise((done) => setTimeout(done, 5_500));
    await page.goto(url('/actors/xss-1'));
    await page.locator('#profile-heading').waitFor();
    await expect(page.locator('#profile-heading').textContent()).resolves.toContain('<script>');
    expect(await page.evaluate("Reflect.get(window, '__pwned')")).toBeUndefined();
    expect(errors).toEqual([]);
    await page.close();
  });
});
