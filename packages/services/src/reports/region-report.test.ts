import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONNECTORS } from '#connectors/connectors.ts';
import type { Database } from '#db/open-database.ts';
import { sectorColour } from '#core/sector-colours.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { buildRegionReport } from './build-region-report.ts';
import { loadRegionFixture } from '#test/region-report-fixture.ts';
import { escapeHtml } from './escape-html.ts';
import { renderRegionReport } from './render-region-report.ts';

const clock = { now: () => new Date('2026-06-01T00:00:00Z') };

describe.each(TEST_DATABASES)('region report ($name)', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await kind.open(clock);
    await loadRegionFixture(db.repos);
  });
  afterAll(async () => db.close());

  it('covers a prefecture: network, communities, projects, programmes, risks, cases', async () => {
    const report = await buildRegionReport(db.repos, clock, { prefectureCode: '40' });
    expect(report.scope).toMatchObject({ kind: 'prefecture', name: '福岡県' });
    expect(report.asOfFy).toBe(2026);
    expect(report.network).toMatchObject({ actors: 4, internalRelations: 6, outwardRelations: 1 });
    expect(report.map).toHaveLength(4);
    expect(report.communities).toHaveLength(1);
    expect(report.communities[0]?.gaps.length).toBeGreaterThan(0);
    expect(report.projects).toEqual([
      expect.objectContaining({ id: 'pj-1', missingTeamRoles: ['government', 'finance'] }),
    ]);
    expect(report.adoptions.map((a) => a.id)).toEqual(['ad-1']);
    const risk = report.continuationRisks[0];
    expect(risk?.adoptionId).toBe('ad-1');
    expect(risk?.risks.join(' ')).toContain('FY2026に終了予定');
    expect(risk?.risks.join(' ')).toContain('中間評価B');
    expect(report.cases.map((c) => c.id)).toEqual(['cs-1']);
    expect(report.kpis).toEqual([]);
    expect(report.continuationSummary.length).toBeGreaterThan(0);

    const html = renderRegionReport(report);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('地域レポート: 福岡県');
    expect(html).toContain('<svg');
    expect(html).toContain('博多精機&lt;株&gt;');
    for (const heading of [
      'ネットワーク概要',
      'テクノポリス',
      'プロジェクト',
      '継続のリスク',
      '事例',
    ])
      expect(html).toContain(heading);
  });

  it('draws the app’s map: the prefecture outlines with 沖縄県 in its inset, the region marked, its actors placed', async () => {
    const report = await buildRegionReport(db.repos, clock, { prefectureCode: '40' });
    const html = renderRegionReport(report);
    const national = /<svg class="map map-national"[\s\S]*?<\/svg>/u.exec(html)?.[0] ?? '';
    expect(national.match(/<path class="prefecture/gu)).toHaveLength(47);
    expect(national.match(/class="prefecture in-region" data-code="(\d+)"/gu)).toEqual([
      'class="prefecture in-region" data-code="40"',
    ]);
    expect(national).toMatch(/<g class="map-inset" data-code="47"><rect /u);
    expect(national).toContain('>沖縄県</text>');
    const regionOf = (page: string) =>
      /<svg class="map map-region"[\s\S]*?<\/svg>/u.exec(page)?.[0] ?? '';
    // a prefecture is drawn by municipality, as the app's prefecture map
    const region = regionOf(html);
    expect(region.match(/class="municipality" data-code="40\d{3}"/gu)?.length).toBeGreaterThan(50);
    expect(region.match(/<circle class="actor"/gu)).toHaveLength(report.map.length);
    // each actor in its sector's colour of the app's one palette, the legend too
    for (const sector of ['university', 'company', 'prefecture']) {
      expect(report.map.some((p) => p.sector === sector)).toBe(true);
      expect(region).toContain(`fill="${sectorColour(sector)}"`);
      expect(html).toContain(`<i style="background:${sectorColour(sector)}">`);
    }
    expect(html).toContain('小笠原諸島は省略');
    // 東京都's remote islands in boxes under the main map, as in the app
    const tokyo = renderRegionReport(
      await buildRegionReport(db.repos, clock, { prefectureCode: '13' }),
    );
    expect(regionOf(tokyo)).toContain('<g class="map-inset" data-name="八丈町">');
    expect(tokyo).toContain('離島は下の枠内');
    expect(html).not.toContain('離島は下の枠内');
    // a community (or a prefecture without its municipality file) is drawn by prefecture
    const prefectureOnly = regionOf(renderRegionReport(report, { municipalities: () => null }));
    expect(prefectureOnly).toContain('class="prefecture in-region" data-code="40"');
    expect(prefectureOnly.match(/<circle class="actor"/gu)).toHaveLength(report.map.length);
    // the old dot plot on a blank ground is gone
    expect(html).not.toContain('主体の分布図');
    // without boundaries the report says the map is left out, and still renders
    const bare = renderRegionReport(report, { boundaries: null });
    expect(bare).not.toContain('<svg class="map');
    expect(bare).toContain('地図を省略しました');
  });

  it('speaks Japanese: no stored code word in the text a prefecture reads', async () => {
    for (const request of [{ prefectureCode: '40' }, { prefectureCode: '01' }]) {
      const html = renderRegionReport(await buildRegionReport(db.repos, clock, request));
      const text = html
        .replace(/<style>[\s\S]*?<\/style>/u, '')
        .replace(/<[^>]+>/gu, ' ')
        .replace(/&[a-z]+;/gu, ' ');
      for (const code of [
        'university',
        'company',
        'public_research',
        'national_government',
        'commercialisation',
        'demonstration',
        'stopped',
        'completed',
        'success',
        'failure',
      ])
        expect(text, code).not.toMatch(new RegExp(`\\b${code}\\b`, 'u'));
    }
  });

  it('speaks English with --lang en: every heading and sentence, names kept as recorded and marked', async () => {
    const report = await buildRegionReport(db.repos, clock, { prefectureCode: '40' });
    const html = renderRegionReport(report, { language: 'en' });
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<title>Region report: Fukuoka</title>');
    for (const heading of [
      '1. Where the actors are',
      '2. The network',
      '3. Communities and the gaps in their Technopolis Wheel',
      '4. Projects',
      'KPIs (social, industrial and economic value)',
      '5. National programmes (adoptions)',
      '6. Risks to continuation',
      '7. Cases',
      '8. Region strategy and KPIs over time',
      '9. Money: where it comes from and self-sustainability',
      '10. People: training and local retention',
    ])
      expect(html).toContain(`<h${heading.startsWith('KPIs') ? 3 : 2}>${heading}</h`);
    expect(html).toContain('Where in Japan: Fukuoka');
    expect(html).toContain('>Okinawa</text>');
    expect(html).toContain('ends in FY2026 (a successor or regional money is urgent)');
    expect(html).toContain('interim evaluation B');
    // no Japanese outside what is marked as recorded in Japanese (names, titles, places)
    const text = html
      .replace(/<style>[\s\S]*?<\/style>/u, '')
      .replace(/<(span|li) lang="ja">[\s\S]*?<\/\1>/gu, ' ')
      .replace(/<circle[^>]*>[\s\S]*?<\/circle>/gu, ' ')
      .replace(/<[^>]+>/gu, ' ');
    expect(text.match(/[\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e]+/gu) ?? []).toEqual([]);
    // stored codes never show (in English the plain words are words: snake_case ones are codes)
    expect(text.match(/\b[a-z]+_[a-z_]+\b/gu) ?? []).toEqual([]);
    // the Japanese report is unchanged by the option's default
    expect(renderRegionReport(report)).toContain('<html lang="ja">');
  });

  it('ends with the credit line of each open source its data come from', async () => {
    const fixture = await buildRegionReport(db.repos, clock, { prefectureCode: '40' });
    expect(fixture.credits).toEqual([]);
    expect(renderRegionReport(fixture)).not.toContain('出典 / Sources');
    const stored = (await db.repos.entity('actors').list({ limit: 100 })).items.find(
      (a) => a['prefectureCode'] === '40',
    );
    expect(stored).toBeDefined();
    await db.repos.entity('actors').upsertMany([{ ...stored, source: 'houjin-bangou' }]);
    const report = await buildRegionReport(db.repos, clock, { prefectureCode: '40' });
    expect(report.credits).toEqual([
      { source: 'houjin-bangou', credit: CONNECTORS['houjin-bangou'].credit },
    ]);
    const html = renderRegionReport(report);
    expect(html).toContain('出典 / Sources');
    expect(html).toContain('国税庁法人番号公表サイト');
    await db.repos.entity('actors').upsertMany([stored ?? {}]);
  });

  it('covers a community and refuses bad scopes', async () => {
    const prefecture = await buildRegionReport(db.repos, clock, { prefectureCode: '01' });
    const id = prefecture.communities[0]?.id ?? '';
    const report = await buildRegionReport(db.repos, clock, { communityId: id });
    expect(report.scope).toMatchObject({ kind: 'community', id, prefectureCodes: ['01'] });
    expect(renderRegionReport(report)).toContain('class="prefecture in-region" data-code="01"');
    expect(report.adoptions.map((a) => a.id)).toEqual(['ad-2']);
    await expect(buildRegionReport(db.repos, clock, {})).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(
      buildRegionReport(db.repos, clock, { prefectureCode: '99' }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(buildRegionReport(db.repos, clock, { communityId: 'c99' })).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});

describe.each(TEST_DATABASES)('region report: strategy, money and people ($name)', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await kind.open(clock);
    await loadRegionFixture(db.repos);
    await db.repos.entity('region-strategies').upsertMany([
      {
        id: 'rs-40',
        name: '福岡 水素戦略',
        areaType: 'prefecture',
        areaCode: '40',
        kpiTargets: [
          { metric: 'joint_research', value: 'industrial', year: 2024, target: 50, unit: '件' },
        ],
        pdca: [{ phase: 'check', date: '2025-03-01', note: '点検' }],
      },
    ]);
    await db.repos.entity('indicators').upsertMany([
      {
        areaType: 'prefecture',
        areaCode: '40',
        year: 2023,
        metric: 'joint_research',
        value: 40,
        unit: '件',
      },
      {
        areaType: 'prefecture',
        areaCode: '40',
        year: 2024,
        metric: 'joint_research',
        value: 44,
        unit: '件',
      },
    ]);
    await db.repos.entity('training-programmes').upsertMany([
      {
        id: 'tp-40',
        name: '福岡リスキリング',
        areaType: 'prefecture',
        areaCode: '40',
        cohorts: [
          { fiscalYear: 2025, enrolled: 50, completed: 40, stayedLocal: 30, leftRegion: 10 },
        ],
      },
    ]);
  });
  afterAll(async () => db.close());

  it('shows the KPI progress over time, the money and the people of the region', async () => {
    const report = await buildRegionReport(db.repos, clock, { prefectureCode: '40' });
    expect(report.regionStrategy.strategies[0]?.targets[0]?.status).toBe('behind');
    expect(report.regionStrategy.strategies[0]?.timelines[0]?.points.map((p) => p.year)).toEqual([
      2023, 2024,
    ]);
    expect(report.people.retention.rate).toBe(0.75);
    expect(report.money.projects.map((p) => p.projectId)).toEqual(['pj-1']);
    const html = renderRegionReport(report);
    for (const heading of ['地域戦略とKPIの推移', '資金循環と自立化', '人材育成と地域定着'])
      expect(html).toContain(heading);
    expect(html).toContain('福岡 水素戦略');
    expect(html).toContain('FY2023 40 → FY2024 44（目標 50）');
    expect(html).toContain('地域定着率 75.0% [');
    // no funding recorded: the circulation says so and claims no share
    expect(html).toContain('受け取った資金の出どころ: 記録なし');
    expect(html).toContain('域内にとどまる割合 —');
  });
});

describe('escapeHtml', () => {
  it('escapes markup and quotes', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
    );
  });
});
