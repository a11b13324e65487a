/**
 * Pickers and deleting records, at 1440×900 and 390×844, in Japanese and English: a coordinator
 * adds a case whose programme and actor are chosen by name with the keyboard (arrow down, Enter),
 * sees them listed by name, removes one, saves (the ids stored), then deletes the case after
 * confirming it; deleting a programme an adoption still uses is refused with the page's words
 * naming the adoption, and nothing is deleted. An adoption's programme is chosen by name too.
 * axe-core finds no serious or critical violation with the list open, the question asked and
 * the refusal shown. A name search the server fails is tried once more on its own, then said so
 * with a button that searches again, never shown as "nothing matches".
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DemoWorld,
  expectAccessible,
  expectNoSidewaysScroll,
  LANGUAGES,
  openDemoWorld,
  shot,
  VIEWPORTS,
  waitForPickerOption,
} from './support/demo-session.ts';

const TEXT = {
  ja: {
    create: '作成',
    delete: 'この記録を削除',
    confirm: '削除しますか？',
    deleteNow: '削除する',
    cancel: 'キャンセル',
    stillUsed: '削除できません。次の記録がまだこの記録を使っています: 採択 1 件。',
    remove: (name: string) => `${name} を外す`,
    searchFailed: '検索できませんでした',
    searchAgain: 'もう一度検索',
  },
  en: {
    create: 'Create',
    delete: 'Delete this record',
    confirm: 'This cannot be undone.',
    deleteNow: 'Delete',
    cancel: 'Cancel',
    stillUsed: 'Cannot delete: other records still use this one: adoptions: 1.',
    remove: (name: string) => `Remove ${name}`,
    searchFailed: 'The search failed',
    searchAgain: 'Search again',
  },
} as const;

const PICKED = { id: 'programme-picker-e2e', name: 'ピッカー試験事業' };
const USED = { id: 'programme-used-e2e', name: '採択のある試験事業' };
const ACTOR = { id: 'actor-picker-e2e', name: 'ピッカー試験株式会社' };
const OTHER_ACTOR = { id: 'actor-picker-e2e-2', name: 'ピッカー試験大学' };

let world: DemoWorld;
const url = (path: string) => world.url(path);

beforeAll(async () => {
  world = await openDemoWorld({
    prepare: async (repos) => {
      await repos.entity('programmes').upsertMany([
        { id: PICKED.id, name: PICKED.name },
        { id: USED.id, name: USED.name },
      ]);
      await repos.entity('actors').upsertMany([
        { ...ACTOR, kind: 'organization', sector: 'company', prefectureCode: '22', flags: [] },
        {
          ...OTHER_ACTOR,
          kind: 'organization',
          sector: 'university',
          prefectureCode: '22',
          flags: [],
        },
      ]);
      await repos.entity('adoptions').upsertMany([
        {
          id: 'adoption-used-e2e',
          programmeId: USED.id,
          regionName: '静岡',
          prefectureCodes: ['22'],
          startFy: 2020,
        },
      ]);
    },
  });
});

afterAll(async () => {
  await world?.close();
});

/** Types part of a name into a picker and chooses the record with the keyboard. */
async function chooseByKeyboard(page: Page, field: string, typed: string, id: string) {
  const input = page.locator(`input[role="combobox"][name="${field}"]`);
  await input.fill(typed);
  const option = page.locator(`[role="option"]`, { hasText: id });
  await waitForPickerOption(page, field, id);
  await expect(input.getAttribute('aria-expanded')).resolves.toBe('true');
  // The chosen record is the first (the names are unique): down once, then Enter.
  await input.press('ArrowDown');
  await expect(option.getAttribute('aria-selected')).resolves.toBe('true');
  await input.press('Enter');
}

const COMBOS = VIEWPORTS.flatMap((viewport) =>
  LANGUAGES.map((language) => ({ viewport, language })),
);

describe.each(COMBOS)(
  'pickers and delete at $viewport.width×$viewport.height in $language',
  ({ viewport, language }) => {
    const text = TEXT[language];
    const tag = `${viewport.name}-${language}`;

    it('a coordinator chooses by name, saves, deletes a case after confirming, and is told what still uses a programme', async () => {
      const { context, page, errors } = await world.session(language, viewport, {
        tolerated: /status of 409/,
      });
      await world.signIn(page, 'coordinator', '/cases/new');
      const title = `ピッカーで作る事例 ${tag}`;
      await page.locator('input[name="title"]').fill(title);
      await page.locator('select[name="outcome"]').selectOption('success');

      // The programme and two actors chosen by name with the keyboard, shown by name.
      await page.locator('input[name="programmeIds"]').fill('ピッカー試験');
      await page.locator('[role="option"]', { hasText: PICKED.id }).waitFor();
      await expectAccessible(page, 'case form with the programme list open');
      await page.screenshot({ path: shot(`picker-open-${tag}`), fullPage: true });
      await chooseByKeyboard(page, 'programmeIds', 'ピッカー試験', PICKED.id);
      const chosenProgramme = page.locator(`.chosen-records li[data-record-id="${PICKED.id}"]`);
      await chosenProgramme.getByText(PICKED.name).waitFor();
      await chooseByKeyboard(page, 'actorIds', ACTOR.name, ACTOR.id);
      await chooseByKeyboard(page, 'actorIds', OTHER_ACTOR.name, OTHER_ACTOR.id);
      await page.locator(`.chosen-records li[data-record-id="${OTHER_ACTOR.id}"]`).waitFor();
      // One taken back with its own button, named after the actor.
      await page.getByRole('button', { name: text.remove(OTHER_ACTOR.name) }).click();
      expect(await page.locator(`li[data-record-id="${OTHER_ACTOR.id}"]`).count()).toBe(0);
      await expectAccessible(page, 'case form with chosen records');
      await expectNoSidewaysScroll(page);
      await page
        .locator('form.record-form')
        .getByRole('button', { name: text.create, exact: true })
        .click();
      await page.waitForURL((u) => /^\/cases\/case-/.test(u.pathname));
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      const caseId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
      expect((await world.database.repos.entity('cases').get(caseId))?.record).toMatchObject({
        title,
        programmeIds: [PICKED.id],
        actorIds: [ACTOR.id],
      });

      // Deleting asks first; cancel keeps it; confirmed, it is gone and the list is shown.
      await page.getByRole('button', { name: text.delete }).click();
      const question = page.getByRole('alertdialog');
      await question.getByText(text.confirm).waitFor();
      await expect(question.textContent()).resolves.toContain(title);
      await expectAccessible(page, 'delete confirmation');
      await expectNoSidewaysScroll(page);
      await page.screenshot({ path: shot(`delete-confirm-${tag}`), fullPage: true });
      await question.getByRole('button', { name: text.cancel }).click();
      expect(await page.getByRole('alertdialog').count()).toBe(0);
      expect(await world.database.repos.entity('cases').get(caseId)).toBeDefined();
      await page.getByRole('button', { name: text.delete }).click();
      // The question's own button has the focus: Enter deletes.
      await expect
        .poll(async () => String(await page.evaluate('document.activeElement?.textContent')))
        .toBe(text.deleteNow);
      await page.keyboard.press('Enter');
      await page.waitForURL((u) => u.pathname === '/cases');
      expect(await world.database.repos.entity('cases').get(caseId)).toBeUndefined();

      // A programme an adoption uses: refused, in words naming the adoption; nothing deleted.
      await page.goto(url(`/programmes/${encodeURIComponent(USED.id)}`));
      await page.getByRole('heading', { level: 1, name: USED.name }).waitFor();
      await page.getByRole('button', { name: text.delete }).click();
      await page
        .getByRole('alertdialog')
        .getByRole('button', { name: text.deleteNow, exact: true })
        .click();
      await page.getByRole('alert').getByText(text.stillUsed).waitFor();
      await expectAccessible(page, 'delete refused');
      await expectNoSidewaysScroll(page);
      await page.screenshot({ path: shot(`delete-refused-${tag}`), fullPage: true });
      expect(await world.database.repos.entity('programmes').get(USED.id)).toBeDefined();

      // An adoption's programme, chosen by name.
      await page.goto(url('/adoptions/new'));
      await chooseByKeyboard(page, 'programmeId', PICKED.name, PICKED.id);
      const picker = page.locator('input[role="combobox"][name="programmeId"]');
      await expect(picker.inputValue()).resolves.toBe(PICKED.name);
      await expect(picker.getAttribute('data-record-id')).resolves.toBe(PICKED.id);
      expect(errors).toEqual([]);
      await context.close();
    });

    it('a search the server fails is tried again, then said so with a button that searches again', async () => {
      const { context, page, errors } = await world.session(language, viewport, {
        tolerated: /status of 503/,
      });
      await world.signIn(page, 'coordinator', '/cases/new');
      // The next `failing` name searches answer 503, as a server briefly out of reach would.
      let failing = 0;
      let searches = 0;
      await page.route(
        (address) => address.pathname === '/api/actors' && address.searchParams.has('q'),
        async (route) => {
          searches += 1;
          if (failing > 0) {
            failing -= 1;
            await route.fulfill({ status: 503, body: 'unavailable' });
          } else await route.continue();
        },
      );
      const input = page.locator('input[role="combobox"][name="actorIds"]');
      const option = (id: string) => page.locator('[role="option"]', { hasText: id });
      const failure = page.getByRole('alert').filter({ hasText: text.searchFailed });

      // One failure: tried again on its own, the choices come, nothing is said.
      failing = 1;
      await input.fill(ACTOR.name);
      await option(ACTOR.id).waitFor();
      expect(searches).toBe(2);
      expect(await failure.count()).toBe(0);

      // Failing twice: said so (never "nothing matches"); the button searches again.
      failing = 2;
      searches = 0;
      await input.fill(OTHER_ACTOR.name);
      await failure.waitFor();
      expect(searches).toBe(2);
      expect(await page.locator('.actor-picker-list:visible').count()).toBe(0);
      await expectAccessible(page, 'picker whose search failed');
      await expectNoSidewaysScroll(page);
      await page.screenshot({ path: shot(`picker-failed-${tag}`), fullPage: true });
      await failure.getByRole('button', { name: text.searchAgain }).click();
      await option(OTHER_ACTOR.id).waitFor();
      expect(await failure.count()).toBe(0);
      await chooseByKeyboard(page, 'actorIds', OTHER_ACTOR.name, OTHER_ACTOR.id);
      await page.locator(`.chosen-records li[data-record-id="${OTHER_ACTOR.id}"]`).waitFor();
      expect(errors).toEqual([]);
      await context.close();
    });
  },
);
