/**
 * Import from the browser and the relation form, by role, at 1440×900 and 390×844, in Japanese
 * and English: a coordinator uploads a CSV with one bad row, sees its row and column, fixes the
 * file, imports it and finds the records; from the menu (folded on a phone), a coordinator
 * uploads a CSV with a bad row of each kind and reads every reason in the page's language,
 * naming the row and the column; a company member (offered no import in the menu) adds a relation from its
 * organisation's page, choosing the other actor by name with the keyboard. axe-core finds no
 * serious or critical violation on these pages. A coordinator also writes a region strategy whose
 * KPI target lacks its unit (shown beside it), then saves it. At both sizes and in both
 * languages, a coordinator uploads a 法人番号 difference file as the NTA publishes it without
 * naming its source, sees it recognised from its content, reads the connector's dry run, confirms
 * it and finds the corporation in the directory; a file of no source is refused with the formats read.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildActor } from '#test/factories.ts';
import {
  type DemoKey,
  type DemoWorld,
  expectAccessible,
  expectNoSidewaysScroll,
  type Language,
  openDemoWorld,
  shot,
  VIEWPORTS,
} from './support/demo-session.ts';

let world: DemoWorld;
const url = (path: string) => world.url(path);

const TEXT = {
  ja: {
    importLink: 'ファイルから取り込む',
    menu: 'メニュー',
    mainMenu: 'メインメニュー',
    confirmRefused: '取り込めませんでした',
    recheck: 'もう一度確認',
    confirmTies: '2 件を取り込む',
    importNav: 'ファイル取り込み',
    reasons: {
      '3': '3 行目: 種別 (kind) は次のどれかにしてください: organization, person',
      '4': '4 行目: 名称 (name) は必須です',
      '5': '5 行目: 都道府県コード (prefecture_code) が 01〜47 の都道府県コードになっていません',
      '6': '6 行目: 2 行目と同じ記録です',
      '7': '7 行目: 列は 5 個なのに、この行にはセルが 6 個あります',
    },
    check: '内容を確認',
    rejected: '行に問題があります',
    passed: '問題はありませんでした',
    confirm: '3 件を取り込む',
    done: '件を取り込みました',
    addRelation: '関係を追加',
    saveRelation: '関係を保存',
    addStrategy: '地域戦略を追加',
    addKpi: '年度ごとの KPI 目標に追加',
    required: '入力してください。',
    create: '作成',
  },
  en: {
    importLink: 'Import from a file',
    menu: 'Menu',
    mainMenu: 'Main menu',
    confirmRefused: 'Not imported',
    recheck: 'Check again',
    confirmTies: 'Import 2 records',
    importNav: 'Import files',
    reasons: {
      '3': 'Row 3: kind must be one of: organization, person',
      '4': 'Row 4: name is required',
      '5': 'Row 5: prefecture code (prefecture_code) is not one of the prefecture codes 01–47',
      '6': 'Row 6: the same record as row 2',
      '7': 'Row 7: 6 cells for 5 columns',
    },
    check: 'Check the file',
    rejected: 'rows have problems',
    passed: 'no problems',
    confirm: 'Import 3 records',
    done: 'Imported 3 records',
    addRelation: 'Add a relation',
    saveRelation: 'Save the relation',
    addStrategy: 'Add a region strategy',
    addKpi: 'Add to KPI targets by year',
    required: 'Please fill this in.',
    create: 'Create',
  },
} as const;
/** A fresh session; a 404 while the picker looks up a half-typed id is an answer the page handles. */
const session = (language: Language, viewport: { width: number; height: number }) =>
  world.session(language, viewport, { tolerated: /status of 404/ });
const signIn = (page: Page, key: DemoKey, next: string) => world.signIn(page, key, next);
const credential = (key: DemoKey) => world.credential(key);

function actorsCsv(tag: string, badPrefecture: boolean): Buffer {
  return Buffer.from(
    [
      'id,kind,sector,name,prefecture_code',
      `imp-${tag}-1,organization,company,取込テスト精機 ${tag},22`,
      `imp-${tag}-2,organization,company,取込テスト工業 ${tag},${badPrefecture ? '99' : '23'}`,
      `imp-${tag}-3,organization,support_org,取込テスト財団 ${tag},22`,
    ].join('\n'),
  );
}

/** One good row, then a bad row of each kind: a wrong choice, a missing name, a prefecture, a duplicate, a cell too many. */
function badRowsCsv(tag: string): Buffer {
  return Buffer.from(
    [
      'id,kind,sector,name,prefecture_code',
      `rsn-${tag}-1,organization,company,理由テスト精機 ${tag},22`,
      `rsn-${tag}-2,robot,company,理由テスト工業 ${tag},22`,
      `rsn-${tag}-3,organization,company,,22`,
      `rsn-${tag}-4,organization,company,理由テスト財団 ${tag},99`,
      `rsn-${tag}-1,organization,company,理由テスト重複 ${tag},22`,
      `rsn-${tag}-6,organization,company,理由テスト商事 ${tag},22,余分`,
    ].join('\n'),
  );
}

beforeAll(async () => {
  world = await openDemoWorld();
});

afterAll(async () => {
  await world?.close();
});

describe.each(VIEWPORTS)('import and relations at $width×$height', (viewport) => {
  describe.each(['ja', 'en'] as const)('in %s', (language) => {
    const text = TEXT[language];
    const tag = `${viewport.name}-${language}`;

    it('a coordinator uploads a CSV with one bad row, fixes it, imports it and sees the records', async () => {
      const { context, page, errors } = await session(language, viewport);
      await signIn(page, 'coordinator', '/actors');
      await page.getByRole('link', { name: text.importLink }).click();
      await page.waitForURL((u) => u.pathname === '/import');
      await page.locator('select[name="entity"]').selectOption('actors');
      const file = page.locator('input[type="file"][name="file"]');
      await file.setInputFiles({
        name: `actors-${tag}.csv`,
        mimeType: 'text/csv',
        buffer: actorsCsv(tag, true),
      });
      await page.getByRole('button', { name: text.check }).click();

      // The bad row by its number and column; nothing written yet.
      const bad = page.locator('.import-rejects tr[data-row="3"][data-field="prefecture_code"]');
      await bad.waitFor();
      const rows = await page
        .locator('.import-rejects tbody tr')
        .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row')));
      expect(new Set(rows)).toEqual(new Set(['3']));
      await page.getByText(text.rejected).waitFor();
      expect(await world.database.repos.entity('actors').get(`imp-${tag}-1`)).toBeUndefined();
      await expectAccessible(page, 'import with a bad row');
      await expectNoSidewaysScroll(page);
      await page.screenshot({ path: shot(`import-rejected-${tag}`), fullPage: true });

      // Fixed and checked again: it waits for the confirmation, then imports all three.
      await file.setInputFiles({
        name: `actors-${tag}.csv`,
        mimeType: 'text/csv',
        buffer: actorsCsv(tag, false),
      });
      await page.getByRole('button', { name: text.check }).click();
      await page.getByText(text.passed).waitFor();
      expect(await world.database.repos.entity('actors').get(`imp-${tag}-1`)).toBeUndefined();
      await page.getByRole('button', { name: text.confirm }).click();
      await page.getByText(text.done).waitFor();
      await expectAccessible(page, 'import done');

      await page.goto(url(`/actors/imp-${tag}-2`));
      await page.getByRole('heading', { level: 1, name: `取込テスト工業 ${tag}` }).waitFor();
      expect(errors).toEqual([]);
      await context.close();
    });

    it('a coordinator reaches the import page from the menu and reads every bad row’s reason in the page’s language', async () => {
      const { context, page, errors } = await session(language, viewport);
      await signIn(page, 'coordinator', '/');
      // On a phone the menu folds behind its button, like the other entries.
      const toggle = page.getByRole('button', { name: text.menu, exact: true });
      if (await toggle.isVisible()) await toggle.click();
      const nav = page.getByRole('navigation', { name: text.mainMenu });
      await nav.getByRole('link', { name: text.importNav, exact: true }).click();
      await page.waitForURL((u) => u.pathname === '/import');
      // The entry is the current page's (folded away again on a phone).
      await expect(
        page.locator('#site-nav a[href="/import"]').getAttribute('aria-current'),
      ).resolves.toBe('page');
      await page.locator('select[name="entity"]').selectOption('actors');
      await page.locator('input[type="file"][name="file"]').setInputFiles({
        name: `reasons-${tag}.csv`,
        mimeType: 'text/csv',
        buffer: badRowsCsv(tag),
      });
      await page.getByRole('button', { name: text.check }).click();
      await page.locator('.import-rejects tr[data-row="7"]').waitFor();
      const shown = await page
        .locator('.import-rejects tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) => [tr.getAttribute('data-row'), tr.lastElementChild?.textContent ?? '']),
        );
      expect(Object.fromEntries(shown)).toEqual(text.reasons);
      // No words of the other language (column names and the file's own codes aside).
      for (const [, reason] of shown) {
        const words = reason.replace(/\([a-z_]+\)|organization|person/g, '');
        if (language === 'ja') expect(words, reason).not.toMatch(/[A-Za-z]{3,}/);
        else expect(words, reason).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/u);
      }
      await expectAccessible(page, 'import reasons');
      await expectNoSidewaysScroll(page);
      await page.screenshot({ path: shot(`import-reasons-${tag}`), fullPage: true });
      expect(errors).toEqual([]);
      await context.close();
    });

    it('a refused confirmation is checked again without a new upload once the data is put right', async () => {
      // The refused confirmation's 422 is an answer the page handles.
      const { context, page, errors } = await world.session(language, viewport, {
        tolerated: /status of 422/,
      });
      const actors = world.database.repos.entity('actors');
      const partner = `held-${tag}`;
      await actors.upsertMany([buildActor({ id: partner, name: `保持テスト工業 ${tag}` })]);
      const someone = (await actors.list({ limit: 1 })).items[0]?.id ?? '';
      await signIn(page, 'coordinator', '/import');
      await page.locator('select[name="entity"]').selectOption('relations');
      await page.locator('input[type="file"][name="file"]').setInputFiles({
        name: `ties-${tag}.csv`,
        mimeType: 'text/csv',
        buffer: Buffer.from(
          [
            'source_id,target_id,type,weight,start_date,end_date',
            `${someone},${partner},joint_research,1,2026-04-01,`,
            `${partner},${someone},supply,1,2026-04-01,`,
          ].join('\n'),
        ),
      });
      await page.getByRole('button', { name: text.check }).click();
      await page.getByText(text.passed).waitFor();
      // Meanwhile the partner is gone: the confirmation is refused, the upload kept.
      await actors.delete(partner);
      await page.getByRole('button', { name: text.confirmTies }).click();
      await page.getByText(text.confirmRefused).waitFor();
      await page
        .locator('.import-rejects tr[data-row="2"][data-code="unknown_reference"]')
        .waitFor();
      await expectAccessible(page, 'import refused at confirmation');
      await expectNoSidewaysScroll(page);
      await actors.upsertMany([buildActor({ id: partner, name: `保持テスト工業 ${tag}` })]);
      await page.getByRole('button', { name: text.recheck }).click();
      await page.getByText(text.passed).waitFor();
      await page.getByRole('button', { name: text.confirmTies }).click();
      await page.getByText(text.done.replace('3', '2')).waitFor();
      expect(errors).toEqual([]);
      await context.close();
    });

    it('a coordinator writes a region strategy with a KPI target, the missing unit shown beside it', async () => {
      const { context, page, errors } = await session(language, viewport);
      await signIn(page, 'coordinator', '/region-strategy');
      await page.getByRole('link', { name: text.addStrategy }).click();
      await page.waitForURL((u) => u.pathname === '/region-strategies/new');
      const name = `静岡県 次世代ものづくり戦略 ${tag}`;
      await page.locator('input[name="name"]').fill(name);
      await page.locator('input[name="areaCode"]').fill('22');
      await page.locator('textarea[name="vision"]').fill('光・量子技術で地域の企業が世界に売る。');
      await page.getByRole('button', { name: text.addKpi }).click();
      const kpi = page.locator('[data-field="kpiTargets"] li.entry').first();
      await kpi.locator('input[name="metric"]').fill('joint_research');
      await kpi.locator('input[name="year"]').fill('2028');
      await kpi.locator('input[name="target"]').fill('120');
      await page.getByRole('button', { name: text.create, exact: true }).click();
      await expect(kpi.locator('[data-field="unit"] .field-error').textContent()).resolves.toBe(
        text.required,
      );
      await expectAccessible(page, 'strategy form with an error');
      await expectNoSidewaysScroll(page);
      await kpi.locator('input[name="unit"]').fill('件');
      await page.getByRole('button', { name: text.create, exact: true }).click();
      await page.waitForURL((u) => u.pathname.startsWith('/region-strategies/strategy-'));
      await page.getByRole('heading', { level: 1, name }).waitFor();
      await page.locator('[data-entries="kpiTargets"] td', { hasText: 'joint_research' }).waitFor();
      await expectAccessible(page, 'strategy page');
      expect(errors).toEqual([]);
      await context.close();
    });

    it('a company member adds a relation from its organisation’s page, choosing the other actor by name', async () => {
      const { context, page, errors } = await session(language, viewport);
      const organisation = credential('company').organisationId ?? '';
      const profile = `/actors/${encodeURIComponent(organisation)}`;
      const others = (await (
        await page.request.get(url('/api/actors?q=大学&sector=university&limit=5&fields=id,name'))
      ).json()) as { items: { id: string; name: string }[] };
      const other = others.items[viewport.name === 'desktop' ? 0 : 1] ?? others.items[0];
      if (!other) throw new Error('the demo has no university');

      await signIn(page, 'company', profile);
      // A member may not import files: the menu does not offer it.
      await expect(
        page
          .getByRole('navigation', { name: text.mainMenu })
          .getByRole('link', { name: text.importNav, exact: true })
          .count(),
      ).resolves.toBe(0);
      await page.getByRole('link', { name: text.addRelation }).click();
      await page.waitForURL((u) => u.pathname === `${profile}/relations/new`);
      await page.locator('select[name="type"]').selectOption('joint_research');
      const picker = page.locator('input[role="combobox"][name="otherId"]');
      await picker.click();
      await picker.pressSequentially(other.name.slice(0, 4), { delay: 30 });
      await page
        .getByRole('option', { name: new RegExp(other.id) })
        .first()
        .waitFor();
      await expectAccessible(page, 'relation form with the picker open');
      // Keyboard only: down to the actor, Enter to choose it.
      const options = await page.getByRole('option').allTextContents();
      const index = options.findIndex((option) => option.includes(other.id));
      for (let i = 0; i <= index; i++) await picker.press('ArrowDown');
      await picker.press('Enter');
      await expect(picker.inputValue()).resolves.toBe(other.name);
      await expect(picker.getAttribute('data-actor-id')).resolves.toBe(other.id);
      await page.locator('input[name="startDate"]').fill(`2026-0${language === 'ja' ? 4 : 5}-01`);
      await page.getByRole('button', { name: text.saveRelation }).click();

      await page.waitForURL((u) => u.pathname === profile);
      // The profile's network view is rebuilt in the background after a change: a few seconds.
      const row = page.locator('section[aria-labelledby="relations-heading"] tr', {
        hasText: other.name,
      });
      for (let attempt = 0; attempt < 20 && (await row.count()) === 0; attempt++) {
        await page.waitForTimeout(1000);
        await page.reload();
        await page.locator('#relations-heading').waitFor();
      }
      await row.first().waitFor();
      const stored = await world.database.repos
        .entity('relations')
        .get(`${organisation}>${other.id}:joint_research@2026-0${language === 'ja' ? 4 : 5}-01`);
      expect(stored?.record).toMatchObject({ sourceId: organisation, targetId: other.id });
      await expectAccessible(page, 'profile with the new relation');
      await expectNoSidewaysScroll(page);
      expect(errors).toEqual([]);
      await context.close();
    });
  });
});

const CONNECTOR_TEXT = {
  ja: {
    recognised: '「法人番号 差分 CSV（UTF-8）」と判別しました',
    passed: '25 件を読み、不備はありませんでした',
    confirm: '法人番号（国税庁） を取り込む',
    done: '件を取り込みました',
    unrecognised: 'の情報源を判別できませんでした',
    accepted: '法人番号 全件 CSV',
  },
  en: {
    recognised: 'was recognised as Corporate Number difference CSV (UTF-8)',
    passed: '25 records read, none rejected',
    confirm: 'Apply 法人番号',
    done: 'Imported',
    unrecognised: 'its source could not be told',
    accepted: 'Corporate Number full-data CSV',
  },
} as const;

describe.each(VIEWPORTS)('a connector’s file from the browser at $width×$height', (viewport) => {
  describe.each(['ja', 'en'] as const)('in %s', (language) => {
    const text = CONNECTOR_TEXT[language];
    it('a coordinator uploads a 法人番号 file without naming its source, sees it recognised, confirms it and finds the corporation; a wrong file is refused', async () => {
      const { context, page, errors } = await session(language, viewport);
      await signIn(page, 'coordinator', '/import');
      await page.locator('select[name="source"]').selectOption('auto');
      const file = page.locator('input[type="file"][name="file"]');
      // Named as nothing in particular: the content tells the source.
      await file.setInputFiles({
        name: `corporations-${viewport.name}.csv`,
        mimeType: 'text/csv',
        buffer: readFileSync(
          '/work/shared/data/real-samples/houjin-bangou/diff_20211001_unicode_sample.csv',
        ),
      });
      await page.getByRole('button', { name: TEXT[language].check }).click();
      await page.getByText(text.recognised).waitFor();
      await page.getByText(text.passed).waitFor();
      const count = async (key: string) =>
        Number(
          (
            await page.locator(`.connector-counts tr[data-count="${key}"] td`).textContent()
          )?.replace(/[^\d]/g, ''),
        );
      // Added on the first run of the suite, found again unchanged on the later ones.
      expect((await count('added')) + (await count('unchanged'))).toBeGreaterThan(0);
      await page.locator('.connector-counts tr[data-count="review"]').waitFor();
      await expect(page.locator('select[name="readAs"]').inputValue()).resolves.toBe(
        'houjin-bangou',
      );
      await expectAccessible(page, 'connector dry run');
      await expectNoSidewaysScroll(page);
      await page.screenshot({
        path: shot(`import-connector-houjin-${viewport.name}-${language}`),
        fullPage: true,
      });

      await page.getByRole('button', { name: text.confirm }).click();
      await page.getByText(text.done).first().waitFor();
      expect(await world.database.repos.entity('actors').get('corp-1010001001210')).toBeDefined();
      await page.goto(url(`/actors?q=${encodeURIComponent('エトワール')}`));
      await page.getByRole('link', { name: 'エトワール株式会社' }).first().waitFor();

      // A file of no source: refused, saying so and naming the formats read.
      await page.goto(url('/import'));
      await page.locator('select[name="source"]').selectOption('auto');
      await page.locator('input[type="file"][name="file"]').setInputFiles({
        name: 'notes.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('id,kind,sector,name\nx-1,organization,company,メモ\n'),
      });
      await page.getByRole('button', { name: TEXT[language].check }).click();
      await page.locator('.import-unrecognised').getByText(text.unrecognised).waitFor();
      await page.locator('.accepted-shapes li', { hasText: text.accepted }).waitFor();
      await expectAccessible(page, 'unrecognised file');
      await expectNoSidewaysScroll(page);
      expect(errors.filter((e) => !/status of 415/.test(e))).toEqual([]);
      await context.close();
    });
  });
});
