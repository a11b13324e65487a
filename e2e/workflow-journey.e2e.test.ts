/**
 * The consultation workflow by role, in the browser: the company registers a confidential need at
 * `/needs/new`, gives it to the demo coordinator and opens a case on it from the need's page; the
 * coordinator, told in its inbox, takes the case, attaches the university's seed with a judgement
 * and reason, publishes the digest; the university sees the judgement on its seed (the need named
 * only by its digest) and its inbox, and asks for disclosure; the company accepts the NDA terms
 * and discloses, and the university then reads the whole need; the coordinator closes the case
 * with an outcome. A real SMTP server on loopback receives the e-mails: none carries the need's
 * text. A member of a third organisation never sees the need. axe-core finds no serious or
 * critical violation on these pages, at 1440×900 and 390×844, in Japanese and English.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '#core/ports.ts';
import type { Database } from '#db/open-database.ts';
import { createAccount } from '#services/accounts/create-account.ts';
import { createDemoAccounts, DEMO_ACCOUNTS } from '#demo/demo-accounts.ts';
import { createDemoWorkflow } from '#demo/demo-workflow.ts';
import { loadDemoEcosystem } from '#demo/load-demo-ecosystem.ts';
import { startSmtpInbox, type SmtpInbox } from '#test/smtp-inbox.ts';
import { sqliteTestDatabase } from '#test/test-databases.ts';
import { seriousAxeViolations } from './support/axe.ts';
import { ARTIFACTS, launchBrowser, openPage } from './support/browser.ts';
import { ensureWebBuild } from './support/web-build.ts';
import { startWebServer } from './support/web-server.ts';

let database: Database;
let server: Awaited<ReturnType<typeof startWebServer>>;
let browser: Browser;
let smtp: SmtpInbox;

const url = (path: string) => new URL(path.replace(/^\//, ''), server.url).toString();
const shot = (name: string) => join(ARTIFACTS, `${name}.png`);
const COST = { log2N: 10, r: 8, p: 1 };

/** Words of the need that appear only beyond its digest's summary (240 characters). */
const SECRET = '社外秘: 試作ライン X77 の歩留まり改善計画';
const OUTSIDER = { email: 'outsider@journey.example', password: 'outsider-journey-pass-1' };

interface Person {
  email: string;
  password: string;
}
const demo = (key: (typeof DEMO_ACCOUNTS)[number]['key']): Person => {
  const spec = DEMO_ACCOUNTS.find((a) => a.key === key);
  if (!spec) throw new Error(`no demo account ${key}`);
  return spec;
};
const company = demo('company');
const coordinator = demo('coordinator');
const university = demo('university');

let needId = '';
let needTitle = '';
let needDescription = '';
let universitySeedId = '';
let consultationId = '';
let digestId = '';

beforeAll(async () => {
  await ensureWebBuild();
  database = await sqliteTestDatabase.open();
  const repos = database.repos;
  await loadDemoEcosystem(repos, { scale: 0.1 });
  const credentials = await createDemoAccounts(repos, { clock: systemClock, cost: COST });
  await createDemoWorkflow(repos, { clock: systemClock });
  const companyId = credentials.find((c) => c.key === 'company')?.organisationId;
  const universityId = credentials.find((c) => c.key === 'university')?.organisationId;
  if (!companyId || !universityId) throw new Error('demo accounts missing');

  // The company will write a confidential need to fit one of the university's seeds, with words
  // beyond what its digest shows.
  const seed = (await repos.entity('seeds').list({ limit: 1, where: { ownerId: universityId } }))
    .items[0];
  if (!seed) throw new Error('the demo has no university seed');
  universitySeedId = String(seed['id']);
  const seedText = `${String(seed['title'])} ${String(seed['abstract'] ?? '')}`;
  needTitle = `${String(seed['title']).slice(0, 40)}を使いたい`;
  needDescription = `${`${seedText} `.repeat(4).slice(0, 300)} ${SECRET}`;

  // A member of a third organisation.
  const other = (await repos.entity('seeds').list({ limit: 50 })).items
    .map((s) => String(s['ownerId']))
    .find((id) => id !== companyId && id !== universityId);
  await createAccount(
    repos,
    { principal: { kind: 'anonymous' }, clock: systemClock },
    {
      email: OUTSIDER.email,
      displayName: '他組織の会員',
      role: 'member',
      organisationId: other ?? null,
      password: OUTSIDER.password,
    },
    { bootstrap: true, cost: COST },
  );
  smtp = await startSmtpInbox();
  server = await startWebServer(repos, { smtpUrl: smtp.url });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await smtp?.close();
  await database?.close();
});

async function signIn(page: Page, person: Person, next: string): Promise<void> {
  await page.goto(url(`/sign-in?next=${encodeURIComponent(next)}`));
  await page.getByLabel('メールアドレス').fill(person.email);
  await page.getByLabel('パスワード').fill(person.password);
  await page.getByRole('button', { name: 'サインイン', exact: true }).click();
  await page.locator('.account-name').waitFor();
  await page.waitForURL((u) => u.pathname === next.split('?')[0]);
}

async function expectAccessible(page: Page, what: string): Promise<void> {
  const violations = await seriousAxeViolations(page);
  expect(violations, `${what}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

async function expectNoHorizontalScroll(page: Page, what: string): Promise<void> {
  const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
  expect(overflow, what).toBeLessThanOrEqual(0);
}

const mainText = async (page: Page) => (await page.locator('body').textContent()) ?? '';

describe('the consultation workflow by role', () => {
  it('runs a confidential case from opening to closing, with feedback, inbox and disclosure', async () => {
    // The company registers its confidential need, gives it to the demo coordinator and opens a case.
    const companyPage = await openPage(browser, 1440, 900);
    const kp = companyPage.page;
    await signIn(kp, company, '/needs/new');
    await kp.locator('input[name="title"]').fill(needTitle);
    await kp.locator('textarea[name="description"]').fill(needDescription);
    await expect(kp.locator('select[name="confidentiality"]').inputValue()).resolves.toBe(
      'confidential',
    );
    await kp.locator('form.record-form button[type="submit"]').click();
    await kp.waitForURL((u) => /^\/needs\/[^/]+$/.test(u.pathname) && !u.pathname.endsWith('/new'));
    needId = decodeURIComponent(new URL(kp.url()).pathname.split('/').pop() ?? '');
    await kp.getByRole('heading', { level: 1, name: needTitle }).waitFor();
    const needCoordinators = kp.locator('.need-coordinators');
    await expect
      .poll(() =>
        needCoordinators.locator('select[name="needCoordinator"] option').allTextContents(),
      )
      .toContain('コーディネーター (demo)');
    // Only coordinators and administrators are offered, never a member or a viewer.
    expect(
      await needCoordinators.locator('select[name="needCoordinator"] option').allTextContents(),
    ).not.toContain('閲覧者 (demo)');
    await needCoordinators
      .locator('select[name="needCoordinator"]')
      .selectOption({ label: 'コーディネーター (demo)' });
    await needCoordinators.getByRole('button', { name: '追加', exact: true }).click();
    await needCoordinators
      .locator('.coordinator-list li', { hasText: 'コーディネーター (demo)' })
      .waitFor();
    await expectAccessible(kp, 'need page (company)');
    await kp.locator('.need-cases').getByRole('button', { name: '相談を開始' }).click();
    await kp.waitForURL(/\/consultations\/[^/]+$/);
    consultationId = decodeURIComponent(new URL(kp.url()).pathname.split('/').pop() ?? '');
    await expect(kp.locator('h1').textContent()).resolves.toBe(needTitle);
    // Only the assigned coordinators move a case: the requester is offered withdrawing it alone.
    await kp.locator('form.case-withdraw').waitFor();
    expect(await kp.getByRole('button', { name: '移動する' }).count()).toBe(0);
    await expectAccessible(kp, 'case page (company)');
    // The need's page lists its case.
    await kp.goto(url(`/needs/${encodeURIComponent(needId)}`));
    await kp.locator(`.need-cases [data-consultation="${consultationId}"]`).waitFor();

    // The coordinator given the need is told of the case in its inbox, and finds it on the board.
    const coordinatorPage = await openPage(browser, 1440, 900);
    const cp = coordinatorPage.page;
    await signIn(cp, coordinator, '/inbox');
    await cp
      .locator('.inbox-item[data-kind="case_assigned"]', { hasText: '相談が開始されました' })
      .first()
      .waitFor();
    await cp.goto(url('/board'));
    const card = cp.locator(`[data-stage="intake"] [data-consultation="${consultationId}"]`);
    await card.waitFor();
    await expect(card.locator('.card-open').getAttribute('href')).resolves.toBe(
      `/consultations/${encodeURIComponent(consultationId)}`,
    );
    await expectAccessible(cp, 'board (coordinator)');
    await card.locator('.card-title').click();
    await cp.getByRole('link', { name: '案件のページを開く' }).click();
    await cp.waitForURL(/\/consultations\//);
    await cp.getByRole('button', { name: 'この案件を担当する' }).click();
    await cp.locator('.coordinator-list li', { hasText: 'コーディネーター (demo)' }).waitFor();
    // The server offers the accounts it would accept: the administrator may see every need.
    const coordinators = cp.locator('.case-coordinators');
    await expect
      .poll(() => coordinators.locator('select[name="coordinator"] option').allTextContents())
      .toContain('管理者 (demo)');
    await coordinators
      .locator('select[name="coordinator"]')
      .selectOption({ label: '管理者 (demo)' });
    await coordinators.getByRole('button', { name: '追加', exact: true }).click();
    await coordinators.locator('.coordinator-list li', { hasText: '管理者 (demo)' }).waitFor();
    await coordinators.getByRole('button', { name: '管理者 (demo) を外す' }).click();
    await coordinators
      .locator('.coordinator-list li', { hasText: '管理者 (demo)' })
      .waitFor({ state: 'detached' });
    await expect(cp.locator('select[name="to"]').inputValue()).resolves.toBe('triage');
    await cp.getByRole('button', { name: '移動する' }).click();
    await cp.locator('.case-stage[data-stage="triage"]').waitFor();

    // The triage: the need's key terms, its likely field and researchers who may fit.
    const triage = cp.locator('.case-triage');
    await triage.waitFor({ timeout: 60_000 });
    expect(await triage.locator('.key-terms li').count()).toBeGreaterThan(0);

    // Attach the university's seed from the matching results, then judge it with a reason.
    const row = cp.locator(`.match-table tr[data-seed="${universitySeedId}"]`);
    await row.waitFor({ timeout: 60_000 });
    await row.getByRole('button').click();
    const candidate = cp.locator(`.candidate[data-seed="${universitySeedId}"]`);
    await candidate.waitFor();
    await cp.locator('.case-stage[data-stage="candidates_proposed"]').waitFor();
    await candidate.locator('summary').click();
    await candidate.locator('select[name="decision"]').selectOption('rejected');
    await candidate.locator('select[name="reason"]').selectOption('benefit_unclear');
    await candidate.locator('input[name="note"]').fill('試作ラインの条件に合わない');
    await candidate.getByRole('button', { name: '判断を記録' }).click();
    await candidate.locator('.judgement.rejected').waitFor();
    await expect(candidate.locator('.judgement-reason').textContent()).resolves.toContain(
      '効果が不明確',
    );

    // A meeting record, then the digest published.
    await cp.getByLabel('メモ・面談記録').fill('面談: 先方技術部と条件を確認');
    await cp.getByRole('button', { name: 'メモを追加' }).click();
    await cp.locator('.case-history blockquote', { hasText: '条件を確認' }).waitFor();
    await cp.getByRole('button', { name: '概要を公開する' }).click();
    const digest = cp.locator('.case-disclosure .digest');
    await digest.waitFor();
    digestId = (await digest.getAttribute('data-digest')) ?? '';
    expect(digestId).not.toBe('');
    expect(await digest.textContent()).not.toContain('X77');
    await expectAccessible(cp, 'case page (coordinator)');
    await cp.screenshot({ path: shot('journey-case-coordinator'), fullPage: true });

    // The university: the badge counts, the seed's judgement and reason, the need by its digest.
    const universityPage = await openPage(browser, 1440, 900);
    const up = universityPage.page;
    await signIn(up, university, '/my-seeds');
    const badge = up.locator('.inbox-count');
    await badge.waitFor();
    expect(Number(await badge.getAttribute('data-unread'))).toBeGreaterThanOrEqual(2);
    await up.goto(url(`/seeds/${encodeURIComponent(universitySeedId)}/proposals`));
    const proposal = up.locator(`.proposal[data-consultation="${consultationId}"]`);
    await proposal.waitFor();
    const proposalText = (await proposal.textContent()) ?? '';
    expect(proposalText).toContain('見送り');
    expect(proposalText).toContain('理由: 効果が不明確');
    expect(proposalText).toContain(digestId);
    expect(proposalText).not.toContain('試作ラインの条件'); // the free note stays with those who see the need
    expect(await mainText(up)).not.toContain('X77');
    await expectAccessible(up, 'seed feedback');
    await up.screenshot({ path: shot('journey-seed-feedback'), fullPage: true });

    // Its inbox lists the proposal and the judgement; all read empties the badge.
    await up.getByRole('link', { name: /^通知/ }).click();
    await up.locator('.inbox-item[data-kind="seed_judged"]').first().waitFor();
    await up.locator('.inbox-item[data-kind="seed_proposed"]').first().waitFor();
    await expectAccessible(up, 'inbox');
    await up.screenshot({ path: shot('journey-inbox'), fullPage: true });
    await up.getByRole('button', { name: 'すべて既読にする' }).click();
    await up.locator('.inbox-status', { hasText: '既読にしました' }).waitFor();
    await badge.waitFor({ state: 'detached' });

    // The reminder to confirm the organisation's profile leads to the profile, where a member confirms it.
    await up.locator('.inbox-item[data-kind="profile_unconfirmed"] .inbox-title').first().click();
    await up.waitForURL(/\/actors\//);
    const confirmation = up.locator('.profile-confirmation');
    await confirmation.getByRole('button', { name: '内容が正しいことを確認しました' }).click();
    await confirmation.getByText('最終確認:').waitFor();
    await up.goto(url('/inbox'));

    // E-mail choices: one kind turned off stays off.
    await up.getByRole('link', { name: 'メール通知の設定' }).click();
    const caseMoved = up.locator('input[name="case_moved"]');
    await caseMoved.uncheck();
    await up.getByRole('button', { name: '保存' }).click();
    await up.getByText('メール通知の設定を保存しました。').waitFor();
    await up.reload();
    await expect(caseMoved.isChecked()).resolves.toBe(false);
    await expectAccessible(up, 'e-mail preferences');

    // It asks for disclosure from the digest.
    await up.goto(url('/digests'));
    const offered = up.locator(`.digest-item[data-digest="${digestId}"]`);
    await offered.locator('input[name="message"]').fill('共同研究を検討したい');
    await offered.getByRole('button', { name: '関心を示す（開示を依頼）' }).click();
    await offered.getByText('関心を伝えました').waitFor();
    // Its interest stays on the digest after a reload; withdrawn, then expressed again.
    await up.reload();
    await offered.getByText('関心を伝えました').waitFor();
    await offered.getByRole('button', { name: '関心を取り下げる' }).click();
    await offered.getByRole('button', { name: '関心を示す（開示を依頼）' }).waitFor();
    await offered.locator('input[name="message"]').fill('共同研究を検討したい');
    await offered.getByRole('button', { name: '関心を示す（開示を依頼）' }).click();
    await offered.getByText('関心を伝えました').waitFor();
    expect(await mainText(up)).not.toContain('X77');
    await expectAccessible(up, 'digests');

    // The company sees the interest, accepts the NDA terms and discloses.
    await kp.goto(url(`/consultations/${encodeURIComponent(consultationId)}`));
    // The requester knows its coordinator by name.
    await kp
      .locator('.case-coordinators .coordinator-list li', { hasText: 'コーディネーター (demo)' })
      .waitFor();
    const request = kp.locator('.disclosure-request[data-status="interested"]');
    await request.waitFor();
    await request.locator('input[name="agreementRef"]').fill('NDA-E2E-001');
    await request.locator('input[name="ndaAccepted"]').check();
    await request.getByRole('button', { name: '開示する' }).click();
    await kp.locator('.disclosure-request[data-status="accepted"]').waitFor();
    await expect(kp.locator('.inbox-count').getAttribute('data-unread')).resolves.not.toBeNull();

    // The coordinator closes the case with an outcome and a reason.
    await cp.reload();
    await cp.locator('select[name="to"]').selectOption('closed');
    await cp.locator('select[name="outcome"]').selectOption('lost');
    await cp.locator('input[name="reason"]').fill('候補の効果が見合わなかった');
    await cp.getByRole('button', { name: '移動する' }).click();
    await cp.locator('.case-stage[data-stage="closed"]').waitFor();
    await expect(cp.locator('.case-stage').textContent()).resolves.toContain('不成立');

    // The university's inbox heard of the disclosure, which leads to the whole need.
    await up.goto(url('/inbox'));
    const disclosed = up.locator('.inbox-item[data-kind="disclosure_accepted"]').first();
    await disclosed.waitFor();
    await disclosed.locator('.inbox-title').click();
    await up.waitForURL((u) => u.pathname === `/needs/${encodeURIComponent(needId)}`);
    await up.getByText('X77', { exact: false }).first().waitFor();
    // A disclosure shows the need, not the company's choice of coordinators.
    expect(await up.locator('.need-coordinators').count()).toBe(0);
    await expectAccessible(up, 'disclosed need (university)');

    // The coordinator withdraws the digest, asked first: the disclosure through it ends with it.
    await cp.getByRole('button', { name: '概要の公開を取り下げる' }).click();
    await expectAccessible(cp, 'withdrawal question');
    await cp
      .getByRole('alertdialog')
      .getByRole('button', { name: '取り下げる', exact: true })
      .click();
    await cp.locator('.case-disclosure', { hasText: '概要は公開していません。' }).waitFor();
    await up.reload();
    await up.getByText('記録が見つかりません').waitFor();
    expect(await mainText(up)).not.toContain('X77');

    // A member of a third organisation never sees the need: not its case, not its text.
    const outsiderPage = await openPage(browser, 1440, 900);
    const op = outsiderPage.page;
    await signIn(op, OUTSIDER, '/board');
    for (const path of [
      '/board',
      '/inbox',
      '/my-seeds',
      `/consultations/${encodeURIComponent(consultationId)}`,
      `/seeds/${encodeURIComponent(universitySeedId)}/proposals`,
      '/digests',
      `/needs/${encodeURIComponent(needId)}`,
    ]) {
      await op.goto(url(path));
      await op.locator('main h1, main .status').first().waitFor();
      await op.waitForLoadState('networkidle');
      const text = await mainText(op);
      expect(text, path).not.toContain('X77');
      expect(text, path).not.toContain(needTitle);
    }
    await op.goto(url(`/consultations/${encodeURIComponent(consultationId)}`));
    await op.locator('main [role="alert"]').waitFor();

    // The e-mails arrived at the SMTP server: the coordinator's of the need and the case, the
    // university's of its seed and the disclosure; none about it to the outsider, none with its text.
    await expect
      .poll(() => smtp.received.map((m) => `${m.to.join(',')} ${m.subject}`), { timeout: 30_000 })
      .toEqual(
        expect.arrayContaining([
          expect.stringMatching(
            /^coordinator@demo\.musubi\.example .*担当コーディネーターになりました/,
          ),
          expect.stringMatching(/^coordinator@demo\.musubi\.example .*相談が開始されました/),
          expect.stringMatching(/^university@demo\.musubi\.example .*候補に提案されました/),
          expect.stringMatching(/^university@demo\.musubi\.example .*開示が承諾されました/),
          expect.stringMatching(/^company@demo\.musubi\.example .*開示を求めています/),
        ]),
      );
    // The need's own words (its description opens with the seed's public title, which mails name).
    const secretWords = [SECRET, 'X77', needTitle];
    for (const mail of smtp.received) {
      // The outsider's only mail is the reminder to confirm its own organisation's profile.
      if (mail.to.includes(OUTSIDER.email)) expect(mail.subject).toMatch(/組織プロフィール/);
      for (const word of secretWords)
        expect(`${mail.subject}\n${mail.text}\n${mail.raw}`, `"${word}" in a mail`).not.toContain(
          word,
        );
    }
    // The company heard by e-mail that its case closed.
    expect(
      smtp.received.some((m) => m.to.includes(company.email) && m.subject.includes('「終了」')),
    ).toBe(true);

    for (const { page, errors } of [companyPage, coordinatorPage, universityPage]) {
      expect(errors.filter((e) => !/403|404|Forbidden|Not Found/.test(e))).toEqual([]);
      await page.close();
    }
    await op.close();
  });

  it('shows the case, the inbox, the preferences and the seed feedback on a phone and a desk, in Japanese and English', async () => {
    expect(consultationId).not.toBe('');
    for (const [width, height] of [
      [390, 844],
      [1440, 900],
    ] as const) {
      for (const language of ['ja', 'en'] as const) {
        const what = `${width}×${height} ${language}`;
        const coordinatorView = await openPage(browser, width, height);
        const universityView = await openPage(browser, width, height);
        await signIn(coordinatorView.page, coordinator, '/board');
        await signIn(universityView.page, university, '/my-seeds');
        for (const { page } of [coordinatorView, universityView])
          if (language === 'en') await page.getByRole('button', { name: /English/ }).click();
        const pages: [Page, string, string][] = [
          [
            coordinatorView.page,
            `/consultations/${encodeURIComponent(consultationId)}`,
            '.case-history li',
          ],
          [coordinatorView.page, `/needs/${encodeURIComponent(needId)}`, '.need-cases li'],
          [universityView.page, '/inbox', '.inbox-item'],
          [universityView.page, '/inbox/preferences', 'input[name="case_assigned"]'],
          [
            universityView.page,
            `/seeds/${encodeURIComponent(universitySeedId)}/proposals`,
            '.proposal',
          ],
          [universityView.page, '/my-seeds', '.my-seed'],
        ];
        for (const [page, path, ready] of pages) {
          await page.goto(url(path));
          await page.locator(ready).first().waitFor();
          await expectAccessible(page, `${path} ${what}`);
          await expectNoHorizontalScroll(page, `${path} ${what}`);
          // The case's and the need's heading is the need's own title; the others are the app's words.
          if (language === 'en' && !/^\/(consultations|needs)\//.test(path))
            expect(await page.locator('main h1').first().textContent(), `${path} ${what}`).toMatch(
              /^[\x20-\x7E“”’—–·×…]+$/,
            );
        }
        await coordinatorView.page.screenshot({
          path: shot(`journey-case-${width}-${language}`),
          fullPage: true,
        });
        await universityView.page.goto(
          url(`/seeds/${encodeURIComponent(universitySeedId)}/proposals`),
        );
        await universityView.page.locator('.proposal').first().waitFor();
        if (language === 'en')
          await expect(
            universityView.page.locator('.proposal-list').textContent(),
          ).resolves.toContain('Reason: Benefit unclear');
        await universityView.page.screenshot({
          path: shot(`journey-seed-feedback-${width}-${language}`),
          fullPage: true,
        });
        expect(coordinatorView.errors, what).toEqual([]);
        expect(universityView.errors, what).toEqual([]);
        await coordinatorView.page.close();
        await universityView.page.close();
      }
    }
  });
});
