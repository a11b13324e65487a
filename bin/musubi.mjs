#!/usr/bin/env node
// Starts the CLI. `npm ci` bundles it into packages/cli/dist (npm run build:cli), which starts in
// a fraction of the time tsx needs to compile the sources; when any source is newer than the
// bundle (a developer's checkout), the sources run through tsx so an edit is never ignored.
import { readdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = `${dirname(dirname(fileURLToPath(import.meta.url)))}/`;
const bundle = `${root}packages/cli/dist/main.js`;
const LAYERS = ['core', 'analytics', 'matching', 'connectors', 'services', 'db', 'server', 'cli'];

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
}

function newestSource() {
  let newest = mtime(`${root}package.json`);
  for (const layer of LAYERS) {
    const dir = `${root}packages/${layer}/src`;
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
  const { register } = await import('tsx/esm/api');
  register();
  await import('../packages/cli/src/main.ts');
}
