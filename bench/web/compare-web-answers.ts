/**
 * Compares the web views' answers (`/api/web/*`) of two versions of Musubi on the same data, byte
 * for byte: each serves its own copy of the demo (`musubi start` of its checkout, as a user runs
 * it), then every request of the web app (`test-support/web-view-paths.ts`: each view, parameter
 * and combination, the profiles of a sample of actors) is asked of both. Only the dates of making
 * (`builtAt` of the meta, `computedAt` of computed communities) are set aside.
 *   node bin/run-ts.mjs bench/web/compare-web-answers.ts --old DIR [--db FILE] [--every N]
 * DIR: a checkout of the version to compare with (e.g. `git archive REV | tar -x -C DIR`, its
 * node_modules linked to this one's). `--every N`: the profile of every Nth actor (default 40).
 */
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { webViewPaths, type WebViewPathsInput } from '#test/web-view-paths.ts';
import { prepareDemo, startCli, stop } from './page-bench.ts';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const oldRoot = option('--old');
if (oldRoot === undefined) throw new Error('usage: compare-web-answers.ts --old DIR [--db FILE]');
const root = process.cwd();
const workDir = join(root, 'bench', 'tmp', 'compare');
mkdirSync(workDir, { recursive: true });
const demo = option('--db') ?? join(root, 'bench', 'tmp', 'pages', 'demo.sqlite');
await prepareDemo(demo);
const every = Number(option('--every') ?? 40);

/** The answer with its dates of making set aside. */
const comparable = (text: string) => text.replace(/"(builtAt|computedAt)":"[^"]*"/g, '"$1":"…"');

async function text(url: string, path: string): Promise<string> {
  const response = await fetch(new URL(path.replace(/^\//, ''), url), {
    signal: AbortSignal.timeout(300_000),
  });
  return `${response.status} ${comparable(await response.text())}`;
}

async function served<T>(checkout: string, name: string, work: (url: string) => Promise<T>) {
  const copy = join(workDir, `${name}.sqlite`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(copy + suffix, { force: true });
  copyFileSync(demo, copy);
  const started = await startCli(checkout, copy);
  try {
    return await work(started.url);
  } finally {
    await stop(started.child);
    for (const suffix of ['', '-wal', '-shm']) rmSync(copy + suffix, { force: true });
  }
}

/** The requests, made from what the old version answers (meta, communities, directory). */
async function pathsFrom(url: string): Promise<string[]> {
  const get = async <T>(path: string) =>
    (await (await fetch(new URL(path, url), { signal: AbortSignal.timeout(300_000) })).json()) as T;
  const meta = await get<WebViewPathsInput['meta']>('api/web/meta');
  const communities = await get<{ communities: { id: string }[] }>('api/web/communities');
  const actors: WebViewPathsInput['actors'][number][] = [];
  for (let offset = 0; ; offset += 200) {
    const page = await get<{ total: number; items: { id: string; name: string }[] }>(
      `api/web/actors?limit=200&offset=${offset}`,
    );
    actors.push(...page.items);
    if (offset + 200 >= page.total) break;
  }
  return webViewPaths({
    meta,
    communities: communities.communities.map((c) => c.id),
    actors: actors.filter((_, i) => i < 50 || i % every === 0),
  });
}

const before = await served(oldRoot, 'old', async (url) => {
  const paths = await pathsFrom(url);
  const answers = new Map<string, string>();
  for (const path of paths) answers.set(path, await text(url, path));
  return answers;
});
console.log(`old: ${before.size} answers`);
const differing = await served(root, 'new', async (url) => {
  const out: string[] = [];
  for (const [path, answer] of before) if ((await text(url, path)) !== answer) out.push(path);
  return out;
});
console.log(`new: ${before.size - differing.length} of ${before.size} answers the same`);
for (const path of differing.slice(0, 20)) console.log(`differs: ${path}`);
process.exitCode = differing.length === 0 ? 0 : 1;
