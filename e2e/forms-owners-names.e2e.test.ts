/**
 * Owners, names and closed seeds on record pages, at 1440×900 and 390×844, in Japanese and
 * English:
 * - a coordinator (who manages the programme catalogue, decision 019) gives a new programme an
 *   owner with the picker, saves, reads the owner's name on the programme's page, changes the
 *   owner to another body in place and reads the new name; 静岡県's official may edit the demo's
 *   programme 静岡県 owns, and no national one;
 * - record pages that refer to actors, projects and programmes (a prefecture's own programme, an
 *   adoption, a funding flow, a case, a seed) name them, the English name on English pages, each
 *   linked to its page, never by the raw id;
 * - the university closes one of its seeds in the seed's form and sees it marked closed on its
 *   seeds page and on the seed's feedback page.
 * axe-core finds no serious or critical violation on these pages.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredRecord } from '#core/ports.ts';
import {
  type DemoWorld,
  expectAccessible,
  expectNoSidewaysScroll,
  type Language,
  LANGUAGES,
  openDemoWorld,
  shot,
  VIEWPORTS,
  waitForPickerOption,
} from './support/demo-session.ts';

const TEXT = {
  ja: {
    create: '作成',
    edit: '編集',
    save: '保存',
    yes: 'はい',
    closed: '終了',
    closedNote: 'このシーズは終了しています。マッチングでは提案されません。',
  },
  en: {
    create: 'Create',
    edit: 'Edit',
    save: 'Save',
    yes: 'Yes',
    closed: 'Closed',
    closedNote: 'This seed is closed: matching no longer proposes it.',
  },
} as const;

/** 静岡県's government, 静岡市 and the demo's programme 静岡県 owns (packages/demo). */
const SHIZUOKA = 'pref-220001';
const SHIZUOKA_CITY = 'muni-221007';
const SHIZUOKA_PROGRAMME = 'prog-pref-22';

const COMBOS = VIEWPORTS.flatMap((viewport) =>
  LANGUAGES.map((language) => ({ viewport, language })),
);
const tagOf = (viewport: { name: string }, language: Language) => `${viewport.name}-${language}`;
const closingSeed = (tag: string) => `seed-closing-${tag}`;

let world: DemoWorld;
const url = (path: string) => world.url(path);

beforeAll(async () => {
  world = await openDemoWorld({
    // One seed of the university's per size and language, to close.
    prepare: async (repos, credentials) => {
      const university = credentials.find((c) => c.key === 'university')?.organisationId;
      if (!university) throw new Error('the demo has no university account');
      await repos.entity('seeds').upsertMany(
        COMBOS.map(({ viewport, language }) => ({
          id: closingSeed(tagOf(viewport, language)),
          kind: 'research_result',
          ownerId: university,
          title: `独占ライセンス予定の分析手法 ${tagOf(viewport, language)}`,
          keywords: [],
          sdgs: [],
          available: true,
        })),
      );
    },
  });
});

afterAll(async () => {
  await world?.close();
});

type Named = 'actors' | 'projects' | 'programmes';

async function record(entity: Named, id: string): Promise<StoredRecord> {
  const found = await world.database.repos.entity(entity).get(id);
  if (!found) throw new Error(`no ${entity} ${id} in the demo`);
  return found.record;
}

/** How a page in this language names a record (record-names.ts: English name when there is one). */
async function nameOf(entity: Named, id: string, language: Language): Promise<string> {
  const r = await record(entity, id);
  if (entity === 'projects') return String(r['title']);
  const en = r['nameEn'];
  return language === 'en' && typeof en === 'string' && en !== '' ? en : String(r['name']);
}

/** The first demo record of an entity whose fields all hold a value. */
async function firstWith(entity: 'adoptions' | 'funding' | 'cases', fields: readonly string[]) {
  const filled = (value: unknown) =>
    value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);
  for await (const batch of world.database.repos.entity(entity).iterate(500))
    for (const r of batch) if (fields.every((f) => filled(r[f]))) return r;
  throw new Error(`no ${entity} with ${fields.join(', ')} in the demo`);
}

/** Waits until the fact of `field` names each referenced record, linked, without its id. */
async function expectNamed(
  page: Page,
  field: string,
  references: readonly { source: Named; id: string }[],
  language: Language,
): Promise<void> {
  const fact = page.locator(`.record-facts [data-field="${field}"] dd`);
  for (const { source, id } of references) {
    const link = fact.locator(`a[href="/${source}/${encodeURIComponent(id)}"]`);
    await link.waitFor();
    await expect(link.textContent()).resolves.toBe(await nameOf(source, id, language));
  }
  const shown = (await fact.textContent()) ?? '';
  for (const { id } of references) expect(shown, `${field} shows ${id}`).not.toContain(id);
}

async function pressInForm(page: Page, label: string): Promise<void> {
  await page.locator('form.record-form').getByRole('button', { name: label, exact: true }).click();
}

/** Types into an actor picker and clicks the option of `id`. */
async function chooseActor(page: Page, field: string, typed: string, id: string): Promise<void> {
  const input = page.locator(`input[role="combobox"][name="${field}"]`);
  // Typed once the picker shows the chosen record's name (no longer aria-busy), as a person
  // would: fill selects the text and then types, and a name arriving in between was typed after
  // the selection (静岡県静岡市, no actor matches).
  await page.locator(`input[role="combobox"][name="${field}"]:not([aria-busy="true"])`).waitFor();
  await input.fill(typed);
  await waitForPickerOption(page, field, id);
  await page.locator('[role="option"]', { hasText: id }).click();
  await expect(input.getAttribute('data-record-id')).resolves.toBe(id);
}

describe.each(COMBOS)(
  'owners, names and closed seeds at $viewport.width×$viewport.height in $language',
  ({ viewport, language }) => {
    const text = TEXT[language];
    const tag = tagOf(viewport, language);

    it('a coordinator sets and changes a programme’s owner and reads it on the programme’s page', async () => {
      const { context, page, errors } = await world.session(language, viewport);
      await world.signIn(page, 'coordinator', '/programmes/new');
      const name = `県の独自事業 所有者の試験 ${tag}`;
      await page.locator('input[name="name"]').fill(name);
      await page.locator('input[name="startFy"]').fill('2024');
      await page.locator('input[role="combobox"][name="ownerId"]').fill('静岡県');
      await page.locator('[role="option"]', { hasText: SHIZUOKA }).waitFor();
      await expectAccessible(page, 'programme form with the owner list open');
      await chooseActor(page, 'ownerId', '静岡県', SHIZUOKA);
      await expectNoSidewaysScroll(page);
      await pressInForm(page, text.create);
      await page.waitForURL((u) => /^\/programmes\/programme-/.test(u.pathname));
      await page.getByRole('heading', { level: 1, name }).waitFor();
      await expectNamed(page, 'ownerId', [{ source: 'actors', id: SHIZUOKA }], language);
      const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
      expect((await record('programmes', id))['ownerId']).toBe(SHIZUOKA);

      // Handed to 静岡市 in place: the page names the new owner, the database holds it.
      await page.getByRole('button', { name: text.edit, exact: true }).click();
      await chooseActor(page, 'ownerId', '静岡市', SHIZUOKA_CITY);
      await pressInForm(page, text.save);
      await expectNamed(page, 'ownerId', [{ source: 'actors', id: SHIZUOKA_CITY }], language);
      expect((await record('programmes', id))['ownerId']).toBe(SHIZUOKA_CITY);
      await expectAccessible(page, 'programme page with its owner');
      await expectNoSidewaysScroll(page);
      await page.screenshot({ path: shot(`programme-owner-${tag}`), fullPage: true });
      expect(errors).toEqual([]);
      await context.close();

      // 静岡県's official keeps the demo's programme 静岡県 owns, and no national one.
      const official = await world.session(language, viewport);
      await world.signIn(official.page, 'government', `/programmes/${SHIZUOKA_PROGRAMME}`);
      await official.page.getByRole('button', { name: text.edit, exact: true }).waitFor();
      await official.page.goto(url('/programmes/prog-chiteki-cluster'));
      await official.page.locator('.account-name').waitFor();
      await official.page.locator('.record-facts').waitFor();
      expect(
        await official.page.getByRole('button', { name: text.edit, exact: true }).count(),
      ).toBe(0);
      expect(official.errors).toEqual([]);
      await official.context.close();
    });

    it('record pages name the actors, projects and programmes they refer to', async () => {
      const { context, page, errors } = await world.session(language, viewport);
      await world.signIn(page, 'coordinator', `/programmes/${SHIZUOKA_PROGRAMME}`);
      await expectNamed(page, 'ownerId', [{ source: 'actors', id: SHIZUOKA }], language);
      await expectAccessible(page, 'a prefecture’s own programme');

      const adoption = await firstWith('adoptions', ['programmeId', 'coreInstitutionId']);
      await page.goto(url(`/adoptions/${encodeURIComponent(String(adoption['id']))}`));
      await expectNamed(
        page,
        'programmeId',
        [{ source: 'programmes', id: String(adoption['programmeId']) }],
        language,
      );
      await expectNamed(
        page,
        'coreInstitutionId',
        [{ source: 'actors', id: String(adoption['coreInstitutionId']) }],
        language,
      );
      await expectAccessible(page, 'adoption page');

      const flow = await firstWith('funding', ['funderId', 'recipientId', 'projectId']);
      await page.goto(url(`/funding/${encodeURIComponent(String(flow['id']))}`));
      for (const field of ['funderId', 'recipientId'])
        await expectNamed(page, field, [{ source: 'actors', id: String(flow[field]) }], language);
      await expectNamed(
        page,
        'projectId',
        [{ source: 'projects', id: String(flow['projectId']) }],
        language,
      );
      await expectAccessible(page, 'funding flow page');

      const story = await firstWith('cases', ['actorIds', 'projectIds', 'programmeIds']);
      await page.goto(url(`/cases/${encodeURIComponent(String(story['id']))}`));
      const listed = (field: string, source: Named) =>
        (story[field] as string[]).map((id) => ({ source, id }));
      await expectNamed(page, 'actorIds', listed('actorIds', 'actors'), language);
      await expectNamed(page, 'projectIds', listed('projectIds', 'projects'), language);
      await expectNamed(page, 'programmeIds', listed('programmeIds', 'programmes'), language);
      await expectAccessible(page, 'case page');
      await expectNoSidewaysScroll(page);
      await page.screenshot({ path: shot(`record-names-case-${tag}`), fullPage: true });

      const seed = await world.database.repos.entity('seeds').get(closingSeed(tag));
      await page.goto(url(`/seeds/${encodeURIComponent(closingSeed(tag))}`));
      await expectNamed(
        page,
        'ownerId',
        [{ source: 'actors', id: String(seed?.record['ownerId']) }],
        language,
      );
      expect(errors).toEqual([]);
      await context.close();
    });

    it('the university closes a seed and sees it closed on its seeds and feedback pages', async () => {
      const { context, page, errors } = await world.session(language, viewport);
      const seedId = closingSeed(tag);
      await world.signIn(page, 'university', `/seeds/${seedId}`);
      await page.getByRole('button', { name: text.edit, exact: true }).click();
      await page.locator('form.record-form input[name="closed"]').check();
      await expectAccessible(page, 'seed form with closed checked');
      await pressInForm(page, text.save);
      await page.locator('.record-facts [data-field="closed"] dd', { hasText: text.yes }).waitFor();
      expect((await world.database.repos.entity('seeds').get(seedId))?.record['closed']).toBe(true);

      await page.goto(url('/my-seeds'));
      const item = page.locator(`li[data-seed="${seedId}"]`);
      await item.locator('[data-seed-closed]', { hasText: text.closed }).waitFor();
      await expectAccessible(page, 'my seeds with a closed seed');
      await expectNoSidewaysScroll(page);
      await item.getByRole('link').first().click();
      await page.waitForURL((u) => u.pathname === `/seeds/${seedId}/proposals`);
      await page.locator('[data-seed-closed]', { hasText: text.closed }).waitFor();
      await page.getByText(text.closedNote).waitFor();
      await expectAccessible(page, 'feedback page of a closed seed');
      await expectNoSidewaysScroll(page);
      await page.screenshot({ path: shot(`seed-closed-${tag}`), fullPage: true });
      expect(errors).toEqual([]);
      await context.close();
    });
  },
);
