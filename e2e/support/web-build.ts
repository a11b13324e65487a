import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';

export const WEB_CONFIG = join(process.cwd(), 'packages/web/vite.config.ts');
export const WEB_DIST = join(process.cwd(), 'packages/web/dist');

/** Builds the web app when there is no build yet (the test script builds it first anyway). */
export async function ensureWebBuild(): Promise<void> {
  if (existsSync(join(WEB_DIST, 'index.html'))) return;
  await build({ configFile: WEB_CONFIG, logLevel: 'warn' });
}
