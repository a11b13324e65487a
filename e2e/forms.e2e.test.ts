/**
 * Forms in the browser, by role, at 1440×900 and 390×844, in Japanese and English: a company
 * member is sent to sign in and back, registers a confidential need at /needs/new (field errors
 * first, a draft kept across navigation), edits it while a second session saves in between (the
 * "changed by someone else" notice, then a reload); an anonymous visitor and a member of another
 * organisation never see the need. axe-core finds no serious or critical violation on these pages.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DemoKey,
  type DemoWorld,
  expectAccessible,
  type Language,
  openDemoWorld,
  shot,
  signInHere as fillSignIn,
  VIEWPORTS,
} from './support/demo-session.ts';

let world: DemoWorld;
const url = (path: string) => world.url(path);

const TEXT = {
  ja: {
    required: '入力してください。',
    conflict: 'ほかの人が変更しました。',
    reload: '最新の内容を読み込む',
    edit: '編集',
    save: '保存',
    draft: '保存していない下書きを復元しました。',
    notFound: '記録が見つかりません',
    fixFields: '項目を確認してください',
    addKpi: 'KPIに追加',
    confirmed: '最終確認:',
    cancel: 'キャンセル',
    browseTab: '一覧',
    needsTab: '公開ニーズ',
    empty: '該当するデータはありません。',
  },
  en: {
    required: 'Please fill this in.',
    conflict: 'Changed by someone else.',
    reload: 'Load the latest version',
    edit: 'Edit',
    save: 'Save',
    draft: 'Your unsaved draft was restored.',
    notFound: 'Record not found',
    fixFields: 'Please check',
    addKpi: 'Add to KPIs',
    confirmed: 'Last confirmed:',
    cancel: 'Cancel',
    browseTab: 'Browse',
    needsTab: 'Public needs',
    empty: 'Nothing matches.',
  },
} as const;

/** A fresh session; a 404 for a hidden need, a 412 for a stale edit and a 422 for an unknown
 * owner are answers the pages handle. */
const session = (language: Language, viewport: { width: number; height: number }) =>
  world.session(language, viewport, { tolerated: /status of (404|412|422)/ });
const signInHere = (page: Page, key: DemoKey) => fillSignIn(page, world.credential(key));
const signIn = (page: Page, key: DemoKey, next: string) => world.signIn(page, key, next);
const credential = (key: DemoKey) => world.credential(key);

/** The needs tab of the matching page's lists, searched for a text. */
async function findInNeedsList(
  page: Page,
  query: string,
  text: { browseTab: string; needsTab: string },
): Promise<void> {
  await page.goto(url('/matching'));
  await page.getByRole('tab', { name: text.browseTab, exact: true }).click();
  await page.getByRole('tab', { name: text.needsTab, exact: true }).click();
  const search = page.locator('form[role="search"] input').first();
  await search.fill(query);
  await search.press('Enter');
}

beforeAll(async () => {
  world = await openDemoWorld();
});

afterAll(async () => {
  await world?.close();
});

describe.each(VIEWPORTS)('need forms at $width×$height', (viewport) => {
  describe.each(['ja', 'en'] as const)('in %s', (language) => {
    const text = TEXT[language];
    const title = `めっき排水の重金属回収 ${viewport.name}-${language}-${Date.now().toString(36)}`;

    it('a company member registers a confidential need, meets a concurrent edit, and outsiders never see it', async () => {
      const { context, page, errors } = await session(language, viewport);

      // Anonymous at /needs/new: sent to sign in, then back to the form.
      await page.goto(url('/needs/new'));
      await page.waitForURL((u) => u.pathname === '/sign-in');
      expect(new URL(page.url()).searchParams.get('next')).toBe('/needs/new');
      await expectAccessible(page, 'sign-in');
      await signInHere(page, 'company');
      await page.waitForURL((u) => u.pathname === '/needs/new');
      const form = page.locator('form.record-form');
      await form.waitFor();

      // Invalid input: the field error beside the title, in the page's language; nothing sent.
      await page.locator('button[type="submit"]').click();
      const titleError = page.locator('[data-field="title"] .field-error');
      await expect(titleError.textContent()).resolves.toBe(text.required);
      await expect(page.locator('input[name="title"]').getAttribute('aria-invalid')).resolves.toBe(
        'true',
      );
      await expect(page.locator('.form-error').textContent()).resolves.toContain(text.fixFields);
      await expectAccessible(page, 'new need with errors');
      await page.screenshot({
        path: shot(`forms-need-errors-${viewport.name}-${language}`),
        fullPage: true,
      });

      // A draft survives leaving the page.
      await page.locator('input[name="title"]').fill(title);
      await page
        .locator('textarea[name="description"]')
        .fill('めっき工程の排水から銅を回収する技術を探しています。');
      await page.goto(url('/matching'));
      await page.goto(url('/needs/new'));
      await page.getByText(text.draft).waitFor();
      await expect(page.locator('input[name="title"]').inputValue()).resolves.toBe(title);

      // Saved as confidential: the browser shows the need's page.
      await page.locator('select[name="confidentiality"]').selectOption('confidential');
      await page.locator('button[type="submit"]').click();
      await page.waitForURL(
        (u) => /^\/needs\/[^/]+$/.test(u.pathname) && u.pathname !== '/needs/new',
      );
      const needPath = new URL(page.url()).pathname;
      await expect(page.locator('main h1').textContent()).resolves.toBe(title);
      await expect(
        page.locator('[data-field="confidentiality"] dd').textContent(),
      ).resolves.toMatch(language === 'ja' ? /非公開/ : /Confidential/);
      await expectAccessible(page, 'need page');
      // Saved: the draft is gone.
      await page.goto(url('/needs/new'));
      await form.waitFor();
      await expect(page.locator('input[name="title"]').inputValue()).resolves.toBe('');
      await page.goto(url(needPath));

      // The first session opens the edit form; a second session saves in between.
      await page.getByRole('button', { name: text.edit, exact: true }).click();
      await page.locator('input[name="title"]').fill(`${title} (1)`);
      const second = await session(language, viewport);
      await signIn(second.page, 'company', needPath);
      await second.page.getByRole('button', { name: text.edit, exact: true }).click();
      await second.page.locator('input[name="title"]').fill(`${title} (2)`);
      await second.page.locator('button[type="submit"]').click();
      await second.page.locator('main h1', { hasText: `${title} (2)` }).waitFor();
      await second.context.close();

      await page.locator('button[type="submit"]').click();
      const conflict = page.locator('.notice.conflict');
      await conflict.waitFor();
      await expect(conflict.textContent()).resolves.toContain(text.conflict);
      await expectAccessible(page, 'edit conflict');
      await page.screenshot({
        path: shot(`forms-need-conflict-${viewport.name}-${language}`),
        fullPage: true,
      });
      // Nothing was overwritten: the other session's title stands until this one reloads.
      await page.getByRole('button', { name: text.reload }).click();
      await conflict.waitFor({ state: 'detached' });
      await expect
        .poll(() => page.locator('input[name="title"]').inputValue())
        .toBe(`${title} (2)`);
      await page.locator('input[name="title"]').fill(`${title} (3)`);
      await page.locator('button[type="submit"]').click();
      await page.locator('main h1', { hasText: `${title} (3)` }).waitFor();

      // A draft typed on an older version and restored later is not saved over a newer one.
      await page.getByRole('button', { name: text.edit, exact: true }).click();
      await page.locator('input[name="title"]').fill(`${title} (4)`);
      await page.goto(url('/matching'));
      // Page scripts as strings: these Node-side files have no DOM types.
      const status = await page.evaluate(`(async () => {
        const path = ${JSON.stringify(`/api${needPath}`)};
        const current = await fetch(path);
        const csrf = document.cookie.split('; ').find((c) => c.startsWith('musubi_csrf='));
        const changed = await fetch(path, {
          method: 'PATCH',
          headers: {
            'content-type': 'application/json',
            'if-match': current.headers.get('etag'),
            'x-csrf-token': decodeURIComponent((csrf ?? '').slice('musubi_csrf='.length)),
          },
          body: JSON.stringify({ field: '表面処理' }),
        });
        return changed.status;
      })()`);
      expect(status).toBe(200);
      await page.goto(url(needPath));
      await page.getByRole('button', { name: text.edit, exact: true }).click();
      await page.getByText(text.draft).waitFor();
      await page.locator('button[type="submit"]').click();
      await conflict.waitFor();
      await page.getByRole('button', { name: text.reload }).click();
      await expect.poll(() => page.locator('input[name="field"]').inputValue()).toBe('表面処理');
      await expect(page.locator('input[name="title"]').inputValue()).resolves.toBe(`${title} (3)`);
      await page.getByRole('button', { name: TEXT[language].cancel }).click();
      // The owner finds it in the needs list (the same search the outsiders get empty below).
      await findInNeedsList(page, title.slice(0, 20), text);
      await page.getByRole('link', { name: `${title} (3)` }).waitFor();
      expect(errors).toEqual([]);
      await context.close();

      // Outsiders: an anonymous visitor and a member of another organisation.
      for (const outsider of [null, 'university'] as const) {
        const other = await session(language, viewport);
        if (outsider) await signIn(other.page, outsider, '/matching');
        await other.page.goto(url(needPath));
        await expect(other.page.locator('main h1').textContent()).resolves.toBe(text.notFound);
        await expect(other.page.locator('body').textContent()).resolves.not.toContain(title);
        // Lists: the needs tab of the matching page, searched for the title.
        const listed = await other.page.evaluate(
          async (q) => (await fetch(`/api/needs?q=${encodeURIComponent(q)}&limit=50`)).text(),
          title.slice(0, 20),
        );
        expect(listed).not.toContain(needPath.split('/')[2]);
        expect(listed).not.toContain(title.slice(0, 20));
        // And the needs list on the page, searched for the title.
        await findInNeedsList(other.page, title.slice(0, 20), text);
        await other.page.getByText(text.empty).waitFor();
        await expect(other.page.locator('main').textContent()).resolves.not.toContain(title);
        await other.context.close();
      }
    });
  });
});

describe.each(VIEWPORTS)('other forms at $width×$height', (viewport) => {
  it('a coordinator edits a project: a KPI without a unit is refused beside its field', async () => {
    const { context, page, errors } = await session('ja', viewport);
    const list = (await (await fetch(url('/api/projects?limit=1&fields=id'))).json()) as {
      items: { id: string }[];
    };
    const projectId = list.items[0]?.id ?? '';
    await signIn(page, 'coordinator', `/projects/${encodeURIComponent(projectId)}`);
    await page.locator('.write-actions a', { hasText: '編集' }).click();
    await page.waitForURL((u) => u.pathname.endsWith('/edit'));
    await page.getByRole('button', { name: TEXT.ja.addKpi }).click();
    const entry = page.locator('[data-field="kpis"] .entry').last();
    await entry.locator('input[name="name"]').fill('試作品の受注件数');
    await entry.locator('input[name="target"]').fill('5');
    await page.locator('button[type="submit"]').click();
    await expect(entry.locator('[data-field="unit"] .field-error').textContent()).resolves.toBe(
      TEXT.ja.required,
    );
    await expectAccessible(page, 'project edit');
    await entry.locator('input[name="unit"]').fill('件');
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((u) => !u.pathname.endsWith('/edit'));
    const saved = (await (
      await fetch(url(`/api/projects/${encodeURIComponent(projectId)}`))
    ).json()) as { kpis?: { name: string; unit: string }[] };
    expect(saved.kpis?.some((k) => k.name === '試作品の受注件数' && k.unit === '件')).toBe(true);

    // The server's own finding (an owner that does not exist) beside its field too.
    await page.goto(url('/needs/new'));
    await page.locator('input[name="title"]').fill('検査工程の自動化');
    await page.locator('input[name="ownerId"]').fill('no-such-organisation');
    await page.locator('button[type="submit"]').click();
    await expect(page.locator('[data-field="ownerId"] .field-error').textContent()).resolves.toBe(
      'その ID の記録はありません。ID を確認してください。',
    );
    expect(new URL(page.url()).pathname).toBe('/needs/new');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a company member edits and confirms its organisation profile; a seed form opens for it', async () => {
    const { context, page, errors } = await session('en', viewport);
    const organisation = credential('company').organisationId ?? '';
    // Signing in from the header brings the member back to the profile it was reading.
    const profile = `/actors/${encodeURIComponent(organisation)}`;
    await page.goto(url(profile));
    await page.locator('a.sign-in-link').click();
    await page.waitForURL((u) => u.pathname === '/sign-in');
    await signInHere(page, 'company');
    await page.waitForURL((u) => u.pathname === profile);
    await page.locator('.write-actions a', { hasText: 'Edit' }).click();
    await page.waitForURL((u) => u.pathname.endsWith('/edit'));
    await page.locator('input[name="url"]').fill('not a web address');
    await page.locator('button[type="submit"]').click();
    await expect(page.locator('[data-field="url"] .field-error').textContent()).resolves.toBe(
      'Enter a web address starting with https://.',
    );
    await expectAccessible(page, 'actor edit');
    const confirmation = page.locator('.profile-confirmation');
    await confirmation.getByRole('button', { name: 'I confirm the profile is correct' }).click();
    await confirmation.getByText(TEXT.en.confirmed).waitFor();
    await page.goto(url('/seeds/new'));
    await page.locator('form.record-form').waitFor();
    await expectAccessible(page, 'new seed');

    // A draft does not outlive its author's session: the next person at this browser starts empty.
    await page.locator('input[name="title"]').fill('未発表の試作技術');
    await page.goto(url('/matching'));
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.locator('a.sign-in-link').waitFor();
    await signIn(page, 'university', '/seeds/new');
    await page.locator('form.record-form').waitFor();
    await expect(page.locator('input[name="title"]').inputValue()).resolves.toBe('');
    const stored = await page.evaluate('JSON.stringify(Object.entries(sessionStorage))');
    expect(String(stored)).not.toContain('未発表の試作技術');
    expect(errors).toEqual([]);
    await context.close();
  });
});
