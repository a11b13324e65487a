import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '#db/open-database.ts';
import { loadRegionFixture } from '#test/region-report-fixture.ts';
import { sqliteTestDatabase, TEST_WORK_DIR } from '#test/test-databases.ts';
import type { CommandContext } from '../context.ts';
import { runCli } from '../main.ts';
import { CHROMIUM_PATH } from '../print-pdf.ts';

function capture() {
  let out = '';
  let err = '';
  const context: CommandContext = {
    config: { defaultDatabase: join(TEST_WORK_DIR, 'unused.sqlite'), defaultPort: 0 },
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
  };
  return { context, out: () => out, err: () => err };
}

/** Decodes a PDF string: `(literal)` with its escapes, or `<FEFF…>` UTF-16BE hex. */
function pdfString(token: string): string {
  if (token.startsWith('<')) {
    const hex = token.slice(1, -1);
    const bytes = Buffer.from(hex.length % 2 === 0 ? hex : `${hex}0`, 'hex');
    if (bytes[0] === 0xfe && bytes[1] === 0xff)
      return bytes.subarray(2).swap16().toString('utf16le');
    return bytes.toString('latin1');
  }
  return token
    .slice(1, -1)
    .replace(/\\([0-7]{1,3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)))
    .replace(/\\(.)/g, '$1');
}

/** Every `/Title` of the PDF: the document's title and its outline (the headings as bookmarks). */
function pdfTitles(pdf: Buffer): string[] {
  const text = pdf.toString('latin1');
  return [...text.matchAll(/\/Title\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f]*>)/g)].map((m) =>
    pdfString(m[1] ?? ''),
  );
}

const EN_HEADINGS = [
  'Region report: Fukuoka',
  '1. Where the actors are',
  '2. The network',
  '3. Communities and the gaps in their Technopolis Wheel',
  '4. Projects',
  'KPIs (social, industrial and economic value)',
  '5. National programmes (adoptions)',
  '6. Risks to continuation',
  '7. Cases',
  '8. Region strategy and KPIs over time',
  '9. Money: where it comes from and self-sustainability',
  '10. People: training and local retention',
];

describe('musubi report', () => {
  let target: string;
  beforeAll(async () => {
    target = await sqliteTestDatabase.freshTarget();
    const db = await openDatabase(target);
    await loadRegionFixture(db.repos);
    await db.close();
  });

  it('--lang en writes the report in English; another language is refused by name', async () => {
    const html = join(TEST_WORK_DIR, 'report-en.html');
    const run = capture();
    expect(
      await runCli(
        ['report', '--db', target, '--prefecture', '40', '--lang', 'en', '--out', html],
        run.context,
      ),
    ).toBe(0);
    const written = readFileSync(html, 'utf8');
    expect(written).toContain('<html lang="en">');
    for (const heading of EN_HEADINGS) expect(written).toContain(heading);
    const bad = capture();
    expect(
      await runCli(['report', '--db', target, '--prefecture', '40', '--lang', 'fr'], bad.context),
    ).toBe(3);
    expect(bad.err()).toContain('--lang must be ja or en, not "fr"');
  });

  it.runIf(existsSync(CHROMIUM_PATH))(
    'prints a PDF whose bookmarks are the report’s headings, in English and in Japanese',
    async () => {
      const en = join(TEST_WORK_DIR, 'report-en.pdf');
      expect(
        await runCli(
          ['report', '--db', target, '--prefecture', '40', '--lang', 'en', '--out', en],
          capture().context,
        ),
      ).toBe(0);
      const pdf = readFileSync(en);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const titles = pdfTitles(pdf);
      for (const heading of EN_HEADINGS) expect(titles).toContain(heading);
      // A4 pages (595 × 842 pt), more than one
      const pages = pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? [];
      expect(pages.length).toBeGreaterThan(1);
      expect(pdf.toString('latin1')).toMatch(
        /\/MediaBox\s*\[0 0 59[45](?:\.\d+)? 84[12](?:\.\d+)?\]/,
      );

      const ja = join(TEST_WORK_DIR, 'report-ja.pdf');
      expect(
        await runCli(
          ['report', '--db', target, '--prefecture', '40', '--out', ja],
          capture().context,
        ),
      ).toBe(0);
      const jaTitles = pdfTitles(readFileSync(ja));
      for (const heading of ['地域レポート: 福岡県', '1. 主体の分布', '10. 人材育成と地域定着'])
        expect(jaTitles).toContain(heading);
    },
    90_000,
  );

  it.runIf(existsSync(CHROMIUM_PATH))(
    'prints cleanly: on an A4 page the maps sit side by side and nothing is wider than the page',
    async () => {
      const html = join(TEST_WORK_DIR, 'report-en.html');
      expect(
        await runCli(
          ['report', '--db', target, '--prefecture', '40', '--lang', 'en', '--out', html],
          capture().context,
        ),
      ).toBe(0);
      const browser = await chromium.launch({
        executablePath: CHROMIUM_PATH,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      });
      try {
        // A4 less the 14 mm margins at 96 px per inch: 182 mm ≈ 688 px
        const page = await browser.newPage({ viewport: { width: 688, height: 1000 } });
        await page.setContent(readFileSync(html, 'utf8'), { waitUntil: 'load' });
        await page.emulateMedia({ media: 'print' });
        const layout = (await page.evaluate(`(() => {
          const box = (selector) => {
            const r = document.querySelector(selector)?.getBoundingClientRect();
            return r ? { left: r.left, right: r.right, top: r.top, bottom: r.bottom } : null;
          };
          return {
            overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
            national: box('.map-figure.national'),
            region: box('.map-figure.region'),
            prefectures: document.querySelectorAll('.map-national path.prefecture').length,
          };
        })()`)) as {
          overflow: number;
          national: { left: number; right: number; top: number } | null;
          region: { left: number; right: number; top: number } | null;
          prefectures: number;
        };
        expect(layout.overflow).toBeLessThanOrEqual(0);
        expect(layout.prefectures).toBe(47);
        expect(layout.national).not.toBeNull();
        expect(layout.region).not.toBeNull();
        // side by side: same top, the national map left of the region's
        expect(layout.national?.top).toBe(layout.region?.top);
        expect(layout.national?.right ?? Infinity).toBeLessThanOrEqual(layout.region?.left ?? 0);
        expect(layout.region?.right ?? Infinity).toBeLessThanOrEqual(688);
      } finally {
        await browser.close();
      }
    },
    60_000,
  );
});
