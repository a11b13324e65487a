#!/usr/bin/env node
// Starts the CLI. `npm ci` bundles it into packages/cli/dist (npm run build:cli), which starts in
// a fraction of the time tsx needs to compile the sources and needs no development dependency;
// when any source is newer than the bundle (a developer's checkout), the sources run through tsx
// so an edit is never ignored.
import { readdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = `${dirname(dirname(fileURLToPath(import.meta.url)))}/`;
const bundle = `${root}packages/cli/dist/main.js`;
/** Every room the CLI may bundle: all of packages/ but the web app (built on its own). */
const ROOMS = readdirSync(`${root}packages`, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'web')
  .map((entry) => entry.name);

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
}

function newestSource() {
  let newest = mtime(`${root}package.json`);
  for (const room of ROOMS) {
    const dir = `${root}packages/${room}/src`;
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || entry.name.endsWith('.test.ts')) continue;
      newest = Math.max(newest, mtime(`${entry.parentPath ?? entry.path}/${entry.name}`));
    }
  }
  return newest;
}

const bundleTime = mtime(bundle);
if (bundleTime > 0 && process.env.MUSUBI_FROM_SOURCE !== '1' && bundleTime >= newestSource()) {
  await import(bundle);
} else {
  // tsx is a development dependency: a checkout being edited has it; an install runs the bundle.
  const tsx = await import('tsx/esm/api').catch(() => undefined);
  if (tsx === undefined) {
    console.error(
      'musubi: the CLI bundle is missing or older than the sources, and tsx (a development ' +
        'dependency) is not installed to run them: run `npm ci`, or `npm run build:cli`.',
    );
    process.exit(1);
  }
  tsx.register();
  await import('../packages/cli/src/main.ts');
}
