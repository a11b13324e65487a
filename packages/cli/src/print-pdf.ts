/** Prints HTML to PDF with Debian's chromium (never a downloaded browser) through playwright-core. */
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export async function printPdf(html: string, executablePath = CHROMIUM_PATH): Promise<Uint8Array> {
  const browser = await chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    // The headings become the PDF's bookmarks (outline), and the PDF is tagged for screen readers.
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      outline: true,
      tagged: true,
    });
  } finally {
    await browser.close();
  }
}
