/**
 * Each role's own journey at 1440×900 and 390×844, in Japanese and English (the long confidential
 * journey of workflow-journey.e2e.test.ts runs at the desk in Japanese): the company registers a
 * need for members and opens a case on it; the coordinator takes the case, adds the administrator
 * and hands it over by leaving; the administrator moves it on and closes it (not agreed, with the
 * reason); the company sees the outcome; the university (researcher) registers a seed and finds it
 * among its seeds. Buttons are found by the app's own words in the page's language (the message
 * catalogues); axe-core finds no serious or critical violation and no page scrolls sideways.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

/** The demo administrator's display name (data: the same in both languages). */
const ADMIN_NAME = '管理者 (demo)';

let world: DemoWorld;
const url = (path: string) => world.url(path);

beforeAll(async () => {
  world = await openDemoWorld({ workflow: true });
});

afterAll(async () => {
  await world?.close();
});

async function checkPage(page: Page, what: string): Promise<void> {
  await expectAccessible(page, what);
  await expectNoSidewaysScroll(page);
}

const idAtEnd = (page: Page) =>
  decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');

/** The signed-in company registers a need for members; answers its id, on the need's page. */
async function registerMembersNeed(page: Page, title: string, description?: string) {
  await page.locator('input[name="title"]').fill(title);
  if (description !== undefined) {
    await page.locator('textarea[name="description"]').fill(description);
  }
  await page.locator('select[name="confidentiality"]').selectOption('members');
  await page.locator('form.record-form button[type="submit"]').click();
  await page.waitForURL((u) => /^\/needs\/[^/]+$/.test(u.pathname) && !u.pathname.endsWith('/new'));
  return idAtEnd(page);
}

/** The company opens a case on its need from the board; answers the case's id, on its page. */
async function openCaseFromBoard(page: Page, needId: string, openLabel: string) {
  await page.goto(url('/board'));
  const own = page.locator('.own-needs');
  await own.locator('summary').click();
  await own.locator(`[data-need="${needId}"]`).getByRole('button', { name: openLabel }).click();
  await page.waitForURL(/\/consultations\/[^/]+$/);
  return idAtEnd(page);
}

const COMBOS = VIEWPORTS.flatMap((viewport) =>
  LANGUAGES.map((language) => ({ viewport, language })),
);

describe.each(COMBOS)(
  'each role at $viewport.width×$viewport.height in $language',
  ({ viewport, language }) => {
    const tag = `${viewport.name}-${language}`;
    const t = (key: MessageKey) => say(language, key);

    it('company creates and opens a case, coordinator hands it over, administrator decides, researcher adds a seed', async () => {
      const started = Date.now();
      const tolerated = { tolerated: /status of (403|404)/ };
      // The company: a need for members, then a case on it from the board.
      const company = await world.session(language, viewport, tolerated);
      const kp = company.page;
      await world.signIn(kp, 'company', '/needs/new');
      const title = `検査工程の自動化を相談したい ${tag}`;
      const needId = await registerMembersNeed(
        kp,
        title,
        '外観検査を自動化できる技術や大学の知見を探しています。',
      );
      await kp.getByRole('heading', { level: 1, name: title }).waitFor();
      await checkPage(kp, `need page (company) ${tag}`);
      const consultationId = await openCaseFromBoard(kp, needId, t('workflow.openConsultation'));
      await expect(kp.locator('h1').textContent()).resolves.toBe(title);
      // The requester is offered the one move it may make (withdrawing), not the coordinators'.
      await kp.getByRole('heading', { level: 2, name: t('workflow.withdrawHeading') }).waitFor();
      expect(await kp.locator('select[name="to"]').count()).toBe(0);
      await checkPage(kp, `case page (company) ${tag}`);

      // The coordinator takes the case, adds the administrator and hands it over by leaving.
      const coordinator = await world.session(language, viewport, tolerated);
      const cp = coordinator.page;
      const casePath = `/consultations/${encodeURIComponent(consultationId)}`;
      await world.signIn(cp, 'coordinator', '/board');
      await cp.locator(`[data-stage="intake"] [data-consultation="${consultationId}"]`).waitFor();
      await cp.goto(url(casePath));
      await cp.getByRole('button', { name: t('workflow.takeCase') }).click();
      const coordinators = cp.locator('.case-coordinators');
      await coordinators.locator('.coordinator-list li').first().waitFor();
      await expect
        .poll(() => coordinators.locator('select[name="coordinator"] option').allTextContents())
        .toContain(ADMIN_NAME);
      await coordinators.locator('select[name="coordinator"]').selectOption({ label: ADMIN_NAME });
      await coordinators.getByRole('button', { name: t('workflow.add'), exact: true }).click();
      await coordinators.locator('.coordinator-list li', { hasText: ADMIN_NAME }).waitFor();
      await checkPage(cp, `case page (coordinator) ${tag}`);
      await coordinators.getByRole('button', { name: t('workflow.leaveCase') }).click();
      await expect.poll(() => coordinators.locator('.coordinator-list li').count()).toBe(1);
      await expect(coordinators.locator('.coordinator-list li').textContent()).resolves.toContain(
        ADMIN_NAME,
      );

      // The administrator, now on the case, moves it on and closes it as not agreed, with a reason
      // (a case closes as won only from agreement).
      const admin = await world.session(language, viewport, tolerated);
      const ap = admin.page;
      await world.signIn(ap, 'admin', casePath);
      await expect(ap.locator('select[name="to"]').inputValue()).resolves.toBe('triage');
      await ap.getByRole('button', { name: t('board.confirmMove') }).click();
      await ap.locator('.case-stage[data-stage="triage"]').waitFor();
      await ap.locator('select[name="to"]').selectOption('closed');
      await ap.locator('select[name="outcome"]').selectOption('lost');
      await ap.locator('input[name="reason"]').fill(`地元企業との条件が合わず見送り ${tag}`);
      await ap.getByRole('button', { name: t('board.confirmMove') }).click();
      await ap.locator('.case-stage[data-stage="closed"]').waitFor();
      await expect(ap.locator('.case-stage').textContent()).resolves.toContain(t('outcome.lost'));
      await checkPage(ap, `closed case (administrator) ${tag}`);
      await ap.screenshot({ path: shot(`roles-case-closed-${tag}`), fullPage: true });

      // The company sees the outcome on its case.
      await kp.reload();
      await kp.locator('.case-stage[data-stage="closed"]').waitFor();
      await expect(kp.locator('.case-stage').textContent()).resolves.toContain(t('outcome.lost'));

      // The university (researcher) registers a seed and finds it among its seeds.
      const university = await world.session(language, viewport, tolerated);
      const up = university.page;
      await world.signIn(up, 'university', '/seeds/new');
      const seedTitle = `画像による外観検査の新手法 ${tag}`;
      await up.locator('input[name="title"]').fill(seedTitle);
      await up
        .locator('textarea[name="abstract"]')
        .fill('深層学習を使わずに少ない画像で欠陥を見つける検査手法。');
      await up.locator('form.record-form button[type="submit"]').click();
      await up.waitForURL(
        (u) => /^\/seeds\/[^/]+$/.test(u.pathname) && !u.pathname.endsWith('/new'),
      );
      await up.getByRole('heading', { level: 1, name: seedTitle }).waitFor();
      await up.goto(url('/my-seeds'));
      await up.locator('.my-seed', { hasText: seedTitle }).waitFor();
      await checkPage(up, `my seeds (university) ${tag}`);

      for (const session of [company, coordinator, admin, university]) {
        expect(session.errors).toEqual([]);
        await session.context.close();
      }
      // The journey's time on this machine, for the record.
      console.info(`roles journey ${tag}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    });

    it('the company withdraws its own case with a reason; the coordinator sees it closed', async () => {
      const tolerated = { tolerated: /status of (403|404)/ };
      const company = await world.session(language, viewport, tolerated);
      const kp = company.page;
      await world.signIn(kp, 'company', '/needs/new');
      const needId = await registerMembersNeed(kp, `取り下げる相談 ${tag}`);
      const consultationId = await openCaseFromBoard(kp, needId, t('workflow.openConsultation'));
      const withdraw = kp.locator('form.case-withdraw');
      // A reason is asked for: an empty one is not sent.
      await withdraw.getByRole('button', { name: t('workflow.withdraw'), exact: true }).click();
      expect(await withdraw.locator('input[name="reason"]:invalid').count()).toBe(1);
      expect(await kp.locator('.case-stage[data-stage="closed"]').count()).toBe(0);
      await withdraw.locator('input[name="reason"]').fill(`社内で解決できた ${tag}`);
      await withdraw.getByRole('button', { name: t('workflow.withdraw'), exact: true }).click();
      await kp.locator('.case-stage[data-stage="closed"]').waitFor();
      await expect(kp.locator('.case-stage').textContent()).resolves.toContain(
        t('outcome.withdrawn'),
      );
      expect(await kp.locator('form.case-withdraw').count()).toBe(0);
      await checkPage(kp, `withdrawn case (company) ${tag}`);
      const stored = await world.database.repos.consultations.get(consultationId);
      expect(stored?.record).toMatchObject({ stage: 'closed', outcome: 'withdrawn' });

      const coordinator = await world.session(language, viewport, tolerated);
      await world.signIn(
        coordinator.page,
        'coordinator',
        `/consultations/${encodeURIComponent(consultationId)}`,
      );
      await coordinator.page.locator('.case-stage[data-stage="closed"]').waitFor();
      expect(await coordinator.page.locator('form.case-withdraw').count()).toBe(0);
      for (const session of [company, coordinator]) {
        expect(session.errors).toEqual([]);
        await session.context.close();
      }
    });
  },
);
