/**
 * Relations edited and deleted from an actor's page, at 1440×900 and 390×844, in Japanese and
 * English: a company member opens its organisation's relation, meets the field error of an end
 * before the start, meets a second session's save ("changed by someone else"), reloads, changes
 * the type and the other actor, chosen by name with the picker (the relation moves to its new key
 * in one request), reverses its direction after a confirmation (it moves to its swapped key in
 * one request and the page shows it from this actor's side), then deletes it after a
 * confirmation, first meeting a change made in between. A member of another organisation sees no edit button on that row and
 * the API refuses its change and its delete. axe-core finds no serious or critical violation.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_COOKIE, CSRF_HEADER } from '#contract/session-names.ts';
import { relationKey } from '#core/entities/relation.ts';
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

const TEXT = {
  ja: {
    editTitle: '関係を編集',
    endBeforeStart: '終了日が開始日より前になっています。',
    conflict: 'ほかの人が変更しました。',
    reload: '最新の内容を読み込む',
    save: '保存',
    delete: 'この関係を削除',
    confirm: 'この関係を削除しますか？',
    deleteNow: '削除する',
    notAllowed: 'このアカウントでは作成・編集できません。',
    reverse: '向きを逆にする',
    reverseConfirm: 'この関係の向きを逆にしますか？',
    reverseNow: '逆にする',
    incoming: '相手からこの主体へ',
  },
  en: {
    editTitle: 'Edit the relation',
    endBeforeStart: 'The end date is before the start date.',
    conflict: 'Changed by someone else.',
    reload: 'Load the latest version',
    save: 'Save',
    delete: 'Delete this relation',
    confirm: 'Delete this relation?',
    deleteNow: 'Delete',
    notAllowed: 'This account may not create or edit this record.',
    reverse: 'Reverse the direction',
    reverseConfirm: 'Reverse this relation?',
    reverseNow: 'Reverse',
    incoming: 'From the other to this actor',
  },
} as const;

let world: DemoWorld;
let companyId = '';
/** Actors of neither the company nor the university, one per run (and one for the outsider's
 * look), as the other end of a tie. */
const others: string[] = [];
/** The actor each run moves its tie to, chosen by name. */
const targets: { id: string; name: string }[] = [];

const url = (path: string) => world.url(path);
const COMBOS = VIEWPORTS.flatMap((viewport) =>
  LANGUAGES.map((language) => ({ viewport, language })),
);

function tieOf(index: number) {
  return {
    sourceId: companyId,
    targetId: others[index] ?? '',
    type: 'joint_research' as const,
    startDate: `2024-04-0${index + 1}`,
  };
}

const relationPage = (key: string) =>
  `/actors/${encodeURIComponent(companyId)}/relations/${encodeURIComponent(key)}`;

/** The profile is drawn from a view rebuilt in the background after a change: reload until the
 * relation's edit link is there (or gone). */
async function waitForRow(page: Page, key: string, present: boolean): Promise<void> {
  const link = page.locator(`a.relation-edit[href="${relationPage(key)}"]`);
  await expect
    .poll(
      async () => {
        await page.reload();
        await page.locator('#relations-heading').waitFor();
        await page.waitForLoadState('networkidle');
        return (await link.count()) > 0;
      },
      { timeout: 60_000, interval: 1_000 },
    )
    .toBe(present);
}

/** A change through the API with the session's own cookies and CSRF token, as the page sends it. */
async function apiChange(
  page: Page,
  method: 'PATCH' | 'DELETE',
  key: string,
  body?: Record<string, unknown>,
): Promise<number> {
  const path = url(`/api/relations/${encodeURIComponent(key)}`);
  const current = await page.request.get(path);
  const csrf = (await page.context().cookies()).find((c) => c.name === CSRF_COOKIE)?.value ?? '';
  const response = await page.request.fetch(path, {
    method,
    headers: {
      [CSRF_HEADER]: decodeURIComponent(csrf),
      'if-match': current.headers()['etag'] ?? '"0"',
      ...(body ? { 'content-type': 'application/merge-patch+json' } : {}),
    },
    ...(body ? { data: JSON.stringify(body) } : {}),
  });
  return response.status();
}

beforeAll(async () => {
  world = await openDemoWorld({
    prepare: async (repos, credentials) => {
      companyId = credentials.find((c) => c.key === 'company')?.organisationId ?? '';
      const universityId = credentials.find((c) => c.key === 'university')?.organisationId;
      const candidates = (await repos.entity('actors').list({ limit: 60 })).items
        .map((actor) => ({ id: String(actor['id']), name: String(actor['name']) }))
        .filter(({ id }) => id !== companyId && id !== universityId);
      others.push(...candidates.slice(0, COMBOS.length + 1).map(({ id }) => id));
      targets.push(...candidates.slice(COMBOS.length + 1, 2 * COMBOS.length + 1));
      if (!companyId || targets.length < COMBOS.length) throw new Error('demo actors missing');
      await repos
        .entity('relations')
        .upsertMany(others.map((_, index) => ({ ...tieOf(index), weight: 1, note: '初期メモ' })));
    },
  });
});

afterAll(async () => {
  await world?.close();
});

describe.each(COMBOS.map((combo, index) => ({ ...combo, index })))(
  'relations at $viewport.width×$viewport.height in $language',
  ({ viewport, language, index }) => {
    const text = TEXT[language as Language];
    const tag = `${viewport.name}-${language}`;

    it('a member edits its relation through a conflict, changes its type and other actor, and deletes it', async () => {
      // The demo's ids are known once the world is open.
      const tie = tieOf(index);
      const key = relationKey(tie);
      const target = targets[index] ?? { id: '', name: '' };
      const moved = relationKey({ ...tie, type: 'contract_research', targetId: target.id });
      const { context, page, errors } = await world.session(language, viewport, {
        tolerated: /status of (404|412)/,
      });
      const profile = `/actors/${encodeURIComponent(companyId)}`;
      await world.signIn(page, 'company', profile);
      const edit = page.locator(`a.relation-edit[href="${relationPage(key)}"]`);
      await edit.waitFor();
      await expectAccessible(page, 'profile with relation actions');
      await expectNoSidewaysScroll(page);
      await edit.click();
      await page.waitForURL((u) => u.pathname === relationPage(key));
      await page.getByRole('heading', { level: 1, name: text.editTitle }).waitFor();
      const form = page.locator('form.record-form');
      await expect.poll(() => form.locator('textarea[name="note"]').inputValue()).toBe('初期メモ');

      // An end before the start: shown beside the end date, in the page's language; nothing sent.
      await form.locator('input[name="endDate"]').fill('2023-03-31');
      await form.getByRole('button', { name: text.save, exact: true }).click();
      await expect(form.locator('[data-field="endDate"] .field-error').textContent()).resolves.toBe(
        text.endBeforeStart,
      );
      await expectAccessible(page, 'relation edit with an error');
      await expectNoSidewaysScroll(page);
      await page.screenshot({ path: shot(`relation-edit-error-${tag}`), fullPage: true });

      // Someone else saves in between: the notice in words, nothing overwritten.
      const second = await world.session(language, viewport);
      await world.signIn(second.page, 'company', profile);
      expect(await apiChange(second.page, 'PATCH', key, { note: '別の人のメモ' })).toBe(200);
      await form.locator('input[name="endDate"]').fill('2026-03-31');
      await form.locator('textarea[name="note"]').fill(`私のメモ ${tag}`);
      await form.getByRole('button', { name: text.save, exact: true }).click();
      await page.getByText(text.conflict).waitFor();
      await expectAccessible(page, 'relation edit conflict');
      const stored = await world.database.repos.entity('relations').get(key);
      expect(stored?.record['note']).toBe('別の人のメモ');

      // Reloaded, the type and the other actor changed (chosen by name): the relation now lives
      // under its new key, the old one is gone.
      await page.getByRole('button', { name: text.reload }).click();
      // The stored record is read again: wait until the form shows it.
      await expect
        .poll(() => form.locator('textarea[name="note"]').inputValue())
        .toBe('別の人のメモ');
      await form.locator('select[name="type"]').selectOption('contract_research');
      const picker = form.locator('input[role="combobox"][name="targetId"]');
      await picker.fill(target.name);
      const option = page.locator('[role="option"]', { hasText: target.id });
      await option.waitFor();
      await expect(picker.getAttribute('aria-expanded')).resolves.toBe('true');
      await expectAccessible(page, 'relation edit with the actor picker open');
      await option.click();
      await expect(picker.getAttribute('data-actor-id')).resolves.toBe(target.id);
      await expect(picker.inputValue()).resolves.toBe(target.name);
      await form.locator('textarea[name="note"]').fill(`私のメモ ${tag}`);
      // One request moves it (the old one removed and the new one stored in one transaction).
      const rekey = page.waitForRequest(
        (request) => request.method() === 'POST' && request.url().endsWith('/rekey'),
      );
      await form.getByRole('button', { name: text.save, exact: true }).click();
      expect(new URL((await rekey).url()).pathname).toBe(
        `/api/relations/${encodeURIComponent(key)}/rekey`,
      );
      await page.waitForURL((u) => u.pathname === profile);
      expect(await world.database.repos.entity('relations').get(key)).toBeUndefined();
      const movedRecord = await world.database.repos.entity('relations').get(moved);
      expect(movedRecord?.record).toMatchObject({
        type: 'contract_research',
        note: `私のメモ ${tag}`,
        targetId: target.id,
      });

      // Reverse: asked first; one request moves it to its swapped key, and the page shows the
      // reversed relation from this actor's side (now coming in).
      await waitForRow(page, moved, true);
      await page.locator(`a.relation-edit[href="${relationPage(moved)}"]`).click();
      await page.getByRole('button', { name: text.reverse }).click();
      await page.getByRole('alertdialog').getByText(text.reverseConfirm).waitFor();
      await expectAccessible(page, 'relation reverse confirmation');
      await expectNoSidewaysScroll(page);
      await page.screenshot({ path: shot(`relation-reverse-confirm-${tag}`), fullPage: true });
      const reversed = relationKey({
        ...tie,
        type: 'contract_research',
        sourceId: target.id,
        targetId: companyId,
      });
      const reverseRequest = page.waitForRequest(
        (request) => request.method() === 'POST' && request.url().endsWith('/rekey'),
      );
      await page.getByRole('button', { name: text.reverseNow, exact: true }).click();
      expect(new URL((await reverseRequest).url()).pathname).toBe(
        `/api/relations/${encodeURIComponent(moved)}/rekey`,
      );
      await page.waitForURL((u) => u.pathname === relationPage(reversed));
      await page.locator('[data-field="direction"] dd', { hasText: text.incoming }).waitFor();
      expect(await world.database.repos.entity('relations').get(moved)).toBeUndefined();
      const reversedRecord = await world.database.repos.entity('relations').get(reversed);
      expect(reversedRecord?.record).toMatchObject({
        sourceId: target.id,
        targetId: companyId,
        note: `私のメモ ${tag}`,
      });

      // Delete: asked first; a change in between is a conflict; after a reload it goes.
      await page.getByRole('button', { name: text.delete }).click();
      await page.getByRole('alertdialog').getByText(text.confirm).waitFor();
      await expectAccessible(page, 'relation delete confirmation');
      await page.screenshot({ path: shot(`relation-delete-confirm-${tag}`), fullPage: true });
      expect(await apiChange(second.page, 'PATCH', reversed, { weight: 2 })).toBe(200);
      await page.getByRole('button', { name: text.deleteNow, exact: true }).click();
      await page.getByText(text.conflict).waitFor();
      expect(await world.database.repos.entity('relations').get(reversed)).toBeDefined();
      await page.getByRole('button', { name: text.reload }).click();
      await page.getByRole('button', { name: text.delete }).click();
      await page.getByRole('button', { name: text.deleteNow, exact: true }).click();
      await page.waitForURL((u) => u.pathname === profile);
      expect(await world.database.repos.entity('relations').get(reversed)).toBeUndefined();
      await waitForRow(page, reversed, false);
      await second.context.close();
      expect(errors).toEqual([]);
      await context.close();
    });
  },
);

describe.each(VIEWPORTS)('another organisation at $width×$height', (viewport) => {
  it('sees no edit button on the relation, and the API refuses its change and delete', async () => {
    const { context, page } = await world.session('en', viewport, { tolerated: /status of 403/ });
    const key = relationKey(tieOf(COMBOS.length));
    const profile = `/actors/${encodeURIComponent(companyId)}`;
    await world.signIn(page, 'university', profile);
    await page.locator('#relations-heading').waitFor();
    await page.waitForLoadState('networkidle');
    // The row is there, without its button.
    const other = encodeURIComponent(others[COMBOS.length] ?? '');
    await page
      .locator(`section[aria-labelledby="relations-heading"] a[href="/actors/${other}"]`)
      .first()
      .waitFor();
    expect(await page.locator('a.relation-edit').count()).toBe(0);
    // The address typed by hand: the form is not offered.
    await page.goto(url(relationPage(key)));
    await page.getByText(TEXT.en.notAllowed).waitFor();
    expect(await page.locator('form.record-form').count()).toBe(0);
    expect(await apiChange(page, 'PATCH', key, { note: '他組織の書き換え' })).toBe(403);
    expect(await apiChange(page, 'DELETE', key)).toBe(403);
    const stored = await world.database.repos.entity('relations').get(key);
    expect(stored?.record['note']).toBe('初期メモ');
    await context.close();
  });
});
