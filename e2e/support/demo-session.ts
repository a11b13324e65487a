/**
 * The demo world the browser tests share: the demo ecosystem at scale 0.1 with its accounts (and,
 * when asked, its consultations) in a fresh SQLite database, the real server over it, Debian's
 * chromium; sessions with their own cookies in a language at a viewport, signing in, and the
 * checks every page of these tests meets (axe, no sideways scroll).
 */
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Repositories } from '#core/ports.ts';
import { systemClock } from '#core/ports.ts';
import type { Database } from '#db/open-database.ts';
import { createDemoAccounts, DEMO_ACCOUNTS, type DemoCredential } from '#demo/demo-accounts.ts';
import { createDemoWorkflow } from '#demo/demo-workflow.ts';
import { loadDemoEcosystem } from '#demo/load-demo-ecosystem.ts';
import { sqliteTestDatabase } from '#test/test-databases.ts';
import { seriousViolations } from './axe.ts';
import { ARTIFACTS, launchBrowser } from './browser.ts';
import { ensureWebBuild } from './web-build.ts';
import { startWebServer } from './web-server.ts';

/** A cheap password hash for test accounts. */
export const TEST_COST = { log2N: 10, r: 8, p: 1 };

export const VIEWPORTS = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;
export type Viewport = { readonly width: number; readonly height: number };
export type Language = 'ja' | 'en';
export const LANGUAGES = ['ja', 'en'] as const;
export type DemoKey = DemoCredential['key'];

/** Where a screenshot of this name goes. */
export const shot = (name: string) => join(ARTIFACTS, `${name}.png`);

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions, but for the statuses the test tolerates. */
  errors: string[];
}

export interface SessionOptions {
  /** Console errors matching this are answers the pages handle (e.g. `/status of 404/`). */
  tolerated?: RegExp;
}

export interface DemoWorld {
  readonly database: Database;
  readonly browser: Browser;
  readonly credentials: readonly DemoCredential[];
  /** An absolute address of the running server for a path. */
  url(path: string): string;
  credential(key: DemoKey): DemoCredential;
  /** A fresh session (own cookies) in a language, at a viewport; CSP bypassed for axe only. */
  session(language: Language, viewport: Viewport, options?: SessionOptions): Promise<Session>;
  /** Signs in from `/sign-in?next=…` and waits until the browser is back at `next`. */
  signIn(page: Page, key: DemoKey, next: string): Promise<void>;
  close(): Promise<void>;
}

export interface DemoWorldOptions {
  /** Also run the demo's consultations (a case in every stage). */
  workflow?: boolean;
  /** Records a test adds before the server starts. */
  prepare?: (repos: Repositories, credentials: readonly DemoCredential[]) => Promise<void>;
}

export function demoPassword(key: DemoKey): string {
  return DEMO_ACCOUNTS.find((a) => a.key === key)?.password ?? '';
}

/** Fills the sign-in form the page shows now with a demo account and sends it. */
export async function signInHere(page: Page, credential: DemoCredential): Promise<void> {
  await page.locator('input[name="email"]').fill(credential.email);
  await page.locator('input[name="password"]').fill(demoPassword(credential.key));
  await page.locator('form button[type="submit"]').click();
}

export async function expectAccessible(page: Page, where: string): Promise<void> {
  expect(await seriousViolations(page), where).toEqual([]);
}

/** How far the page is wider than the screen (a phone scrolls only down: at most 1). */
export async function sidewaysScroll(page: Page): Promise<number> {
  return Number(
    await page.evaluate(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    ),
  );
}

export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  expect(await sidewaysScroll(page)).toBeLessThanOrEqual(1);
}

/**
 * Waits for a record picker's option of `id` to show. When it does not, the failure says what the
 * picker showed instead (its text, whether its list was open and what it held, a search failure,
 * where the focus was), so a journey that times out in CI can be read from the log.
 */
export async function waitForPickerOption(page: Page, field: string, id: string): Promise<void> {
  const option = page.locator('[role="option"]', { hasText: id });
  try {
    await option.waitFor();
  } catch (error) {
    // A string: these files have no DOM types (the browser runs it).
    const shown: unknown = await page.evaluate(`(() => {
      const box = document.querySelector('input[role="combobox"][name=${JSON.stringify(field)}]');
      const list = box ? document.getElementById(box.getAttribute('aria-controls') || '') : null;
      return {
        url: location.pathname,
        text: box && box.value,
        expanded: box && box.getAttribute('aria-expanded'),
        focused: document.activeElement === box,
        list: list && list.textContent.slice(0, 400),
        listHidden: list && list.hidden,
        failure: document.querySelector('.picker-failed')?.textContent,
      };
    })()`);
    throw new Error(`no option ${id} in the picker ${field}: ${JSON.stringify(shown)}`, {
      cause: error,
    });
  }
}

export async function openDemoWorld(options: DemoWorldOptions = {}): Promise<DemoWorld> {
  await ensureWebBuild();
  const database = await sqliteTestDatabase.open();
  const repos = database.repos;
  await loadDemoEcosystem(repos, { scale: 0.1 });
  const credentials = await createDemoAccounts(repos, { clock: systemClock, cost: TEST_COST });
  if (options.workflow) await createDemoWorkflow(repos, { clock: systemClock });
  await options.prepare?.(repos, credentials);
  const server = await startWebServer(repos);
  const browser = await launchBrowser();

  const url = (path: string) => new URL(path.replace(/^\//, ''), server.url).toString();
  const credential = (key: DemoKey): DemoCredential => {
    const found = credentials.find((c) => c.key === key);
    if (!found) throw new Error(`no demo account ${key}`);
    return found;
  };

  return {
    database,
    browser,
    credentials,
    url,
    credential,
    async session(language, viewport, sessionOptions = {}) {
      const context = await browser.newContext({
        viewport: { width: viewport.width, height: viewport.height },
        locale: language === 'ja' ? 'ja-JP' : 'en-GB',
        bypassCSP: true,
      });
      await context.addInitScript(`localStorage.setItem('musubi.language', '${language}')`);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        if (sessionOptions.tolerated?.test(message.text())) return;
        errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      return { context, page, errors };
    },
    async signIn(page, key, next) {
      await page.goto(url(`/sign-in?next=${encodeURIComponent(next)}`));
      await signInHere(page, credential(key));
      await page.waitForURL((u) => u.pathname === next.split('?')[0]);
      await page.locator('.account-name').waitFor();
    },
    async close() {
      await browser.close();
      await server.close();
      await database.close();
    },
  };
}
