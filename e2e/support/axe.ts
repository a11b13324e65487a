/**
 * axe-core in the page under test: its source is evaluated in the page (no network, no CDN) and
 * the serious and critical violations come back, each with the rule, its help text and a few
 * of the elements concerned.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { z } from 'zod';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const ZViolations = z.array(
  z.object({
    id: z.string(),
    impact: z.string().nullable(),
    help: z.string(),
    targets: z.array(z.string()),
  }),
);
export type AxeViolation = z.infer<typeof ZViolations>[number];

/** The serious and critical axe violations of the page as it is now (empty when none). */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  // Strings, not functions: these Node-side files have no DOM types.
  await page.evaluate(AXE_SOURCE);
  const found: unknown = await page.evaluate(`
    axe.run(document, { resultTypes: ['violations'] }).then((result) =>
      result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
        })),
    )
  `);
  return ZViolations.parse(found);
}

/** The same violations as lines (`id: help @ targets`), for assertions that print them. */
export async function seriousViolations(page: Page): Promise<string[]> {
  return (await seriousAxeViolations(page)).map(
    (v) => `${v.id}: ${v.help} @ ${v.targets.join(', ')}`,
  );
}
