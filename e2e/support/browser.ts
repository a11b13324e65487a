/** Debian's chromium driven by playwright-core: never a downloaded browser. */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { z } from 'zod';

export const CHROMIUM = process.env['MUSUBI_CHROMIUM'] ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
export const ARTIFACTS = join(process.cwd(), 'artifacts', 'e2e');

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `no browser at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium)`,
    );
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** A page that records console errors and uncaught exceptions. */
export async function openPage(
  browser: Browser,
  width = 1280,
  height = 900,
): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width, height }, locale: 'ja-JP' });
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, errors };
}

/** What the network view publishes after each draw (see network-page.tsx). */
export const ZDrawStats = z.object({
  nodes: z.number(),
  edges: z.number(),
  drawMs: z.number(),
  buildMs: z.number(),
  renderMs: z.number(),
});
export type DrawStats = z.infer<typeof ZDrawStats>;

// Page scripts are passed as strings so these Node-side files need no DOM types.
export async function resetDrawStats(page: Page): Promise<void> {
  await page.evaluate('window.__musubiNetwork = undefined');
}

export async function waitForDraw(page: Page, timeout = 120_000): Promise<DrawStats> {
  // A function, not a string: the app's Content-Security-Policy forbids evaluating strings, which
  // Playwright does for string predicates that need more than one poll.
  await page.waitForFunction(
    () => (globalThis as Record<string, unknown>)['__musubiNetwork'] !== undefined,
    null,
    { timeout },
  );
  return ZDrawStats.parse(await page.evaluate('window.__musubiNetwork'));
}
