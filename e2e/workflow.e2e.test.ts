/**
 * The coordinator's day in the browser: sign in as the demo coordinator, write a need and read
 * the explained matches, pick a need and open a consultation, then move it on the board by
 * keyboard and by dragging, and add a note. Screenshots go to artifacts/e2e.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '#core/ports.ts';
import type { Database } from '#db/open-database.ts';
import { DEMO_ACCOUNTS } from '#demo/demo-accounts.ts';
import { createDemoAccounts } from '#demo/demo-accounts.ts';
import { loadDemoEcosystem } from '#demo/load-demo-ecosystem.ts';
import { sqliteTestDatabase } from '#test/test-databases.ts';
import { ARTIFACTS, launchBrowser, openPage } from './support/browser.ts';
import { ensureWebBuild } from './support/web-build.ts';
import { startWebServer } from './support/web-server.ts';

let database: Database;
let server: Awaited<ReturnType<typeof startWebServer>>;
let browser: Browser;

const url = (path: string) => new URL(path.replace(/^\//, ''), server.url).toString();
const shot = (name: string) => join(ARTIFACTS, `${name}.png`);
const coordinator = DEMO_ACCOUNTS.find((a) => a.key === 'coordinator');

beforeAll(async () => {
  await ensureWebBuild();
  database = await sqliteTestDatabase.open();
  await loadDemoEcosystem(database.repos, { scale: 0.1 });
  await createDemoAccounts(database.repos, {
    clock: systemClock,
    cost: { log2N: 10, r: 8, p: 1 },
  });
  server = await startWebServer(database.repos);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await database?.close();
});

async function signIn(page: Page): Promise<void> {
  await page.goto(url('/sign-in?next=/matching'));
  await page.getByLabel('メールアドレス').fill(coordinator?.email ?? '');
  await page.getByLabel('パスワード').fill(coordinator?.password ?? '');
  await page.getByRole('button', { name: 'サインイン', exact: true }).click();
  await page.waitForURL(/\/matching$/);
  await page.locator('.account-name').waitFor();
}

describe('coordinator workflow', () => {
  it('signs in, matches a written need with explanations, opens a consultation and moves it on the board', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(url('/sign-in'));
    await page.locator('main h1').waitFor();
    await page.screenshot({ path: shot('workflow-sign-in'), fullPage: true });
    await signIn(page);
    expect(await page.locator('.account-name').textContent()).toContain('コーディネーター');

    // A need written now: ranked seeds with their explanation.
    await page.getByLabel('ニーズの内容').fill('めっき工程の排水から銅などの重金属を回収したい');
    await page.getByRole('button', { name: '候補を探す' }).click();
    await page.locator('.match-card').first().waitFor({ timeout: 60_000 });
    expect(await page.locator('.match-card').count()).toBeGreaterThan(0);
    const first = page.locator('.match-card').first();
    await first.locator('summary').click();
    await expect(first.locator('.signal-table tbody tr').count()).resolves.toBe(8);
    await expect(first.locator('.term-list li').count()).resolves.toBeGreaterThan(0);
    await page.screenshot({ path: shot('workflow-matching-text'), fullPage: true });

    // A stored need: matches, then a consultation opened from it.
    await page.getByRole('tab', { name: 'ニーズを選ぶ' }).click();
    const select = page.locator('select[name="needs"]');
    await expect
      .poll(() => select.locator('option').count(), { timeout: 30_000 })
      .toBeGreaterThan(1);
    const value = await select.locator('option').nth(1).getAttribute('value');
    await select.selectOption(value ?? '');
    await page.getByRole('button', { name: '候補を探す' }).click();
    await page.locator('.match-results').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'このニーズで相談を開始' }).click();
    await page.getByText('相談を開始しました。').waitFor();
    await page.screenshot({ path: shot('workflow-matching-need'), fullPage: true });

    // The board: the new consultation in intake; move it by keyboard, then by dragging.
    await page.getByRole('link', { name: '相談ボード' }).first().click();
    const intake = page.locator('[data-stage="intake"] .board-card');
    await intake.first().waitFor();
    const card = intake.first();
    const id = await card.getAttribute('data-consultation');
    await card.locator('select').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter'); // the Move button, first choice: triage
    const inTriage = page.locator(`[data-stage="triage"] [data-consultation="${id}"]`);
    await inTriage.waitFor();
    await expect(page.locator('.board-status').textContent()).resolves.toContain('振り分け');

    await inTriage.dragTo(page.locator('[data-stage="candidates_proposed"]'));
    const inCandidates = page.locator(
      `[data-stage="candidates_proposed"] [data-consultation="${id}"]`,
    );
    await inCandidates.waitFor();

    // Going back is a person's choice with a reason: the pre-selected move goes forward.
    const moveTo = inCandidates.locator('select');
    await expect(moveTo.inputValue()).resolves.toBe('meeting');
    await moveTo.selectOption('triage');
    await inCandidates.getByRole('button', { name: '移動', exact: true }).click();
    await page.getByLabel('戻す理由（必須）').fill('候補を見直すため');
    await page.getByRole('button', { name: '移動する' }).click();
    const backInTriage = page.locator(`[data-stage="triage"] [data-consultation="${id}"]`);
    await backInTriage.waitFor();
    await backInTriage.dragTo(page.locator('[data-stage="candidates_proposed"]'));
    await inCandidates.waitFor();

    // History and notes.
    await inCandidates.locator('.card-title').click();
    await page.locator('.board-detail .history li').nth(2).waitFor();
    await page.getByLabel('メモ').fill('先方の技術部長と面談を調整中');
    await page.getByRole('button', { name: 'メモを追加' }).click();
    await page.locator('.board-detail blockquote', { hasText: '面談を調整中' }).waitFor();
    const history = await page.locator('.board-detail .history li').allTextContents();
    expect(history.some((line) => line.includes('振り分け → 候補提案'))).toBe(true);
    await page.screenshot({ path: shot('workflow-board'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the board on a tablet without horizontal scrolling', async () => {
    const { page, errors } = await openPage(browser, 820, 1180);
    await signIn(page);
    await page.goto(url('/board'));
    await page.locator('.board-column').first().waitFor();
    const overflow = await page.evaluate(
      'document.documentElement.scrollWidth - window.innerWidth',
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: shot('workflow-board-tablet'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});
