/**
 * The layer rules of eslint.config.js, proved by linting: an import along every pair of rooms is
 * allowed exactly where the table of docs/architecture.md has an arrow, pure rooms refuse I/O
 * modules, relative imports cannot leave a room, product code cannot import test helpers, and the
 * web reads no server code, not even its types.
 */
import { readFileSync } from 'node:fs';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = new URL('../', import.meta.url);
const RULES = new Set([
  'no-restricted-imports',
  '@typescript-eslint/no-restricted-imports',
  'no-restricted-syntax',
]);

interface Room {
  readonly name: string;
  readonly mayImport: readonly string[];
  readonly pure: boolean;
}

/** The rooms table of docs/architecture.md: rows whose first cell is a room in backticks. */
function parseRoomsTable(markdown: string): Room[] {
  const rooms: Room[] = [];
  for (const line of markdown.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    const name = /^`([a-z-]+)`$/.exec(cells[1] ?? '')?.[1];
    if (name === undefined || cells.length < 6) continue;
    const mayImport = [...(cells[3] ?? '').matchAll(/`([a-z-]+)`/g)].map((m) => m[1] ?? '');
    rooms.push({ name, mayImport, pure: cells[4] === 'yes' });
  }
  return rooms;
}

const rooms = parseRoomsTable(readFileSync(new URL('docs/architecture.md', root), 'utf8'));
const extension = (room: string): string => (room === 'web' ? 'tsx' : 'ts');

let eslint: ESLint;
beforeAll(() => {
  const cwd = new URL('.', root).pathname;
  eslint = new ESLint({ cwd, overrideConfigFile: `${cwd}eslint.config.js` });
});

/** Messages of the layer rules for `code` linted as the file at `path` (from the repository root). */
async function layerErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, {
    filePath: new URL(path, root).pathname,
    warnIgnored: true,
  });
  if (result === undefined) throw new Error(`no lint result for ${path}`);
  const fatal = result.messages.filter((m) => m.fatal === true);
  if (fatal.length > 0) throw new Error(`${path} did not parse: ${fatal[0]?.message}`);
  return result.messages.filter((m) => RULES.has(m.ruleId ?? '')).map((m) => m.message);
}

const importing = (source: string): string =>
  `import { probe } from '${source}';\nexport const used = probe;\n`;

describe('docs/architecture.md', () => {
  it('lists every room under packages/ with src, and only arrows to listed rooms', () => {
    const names = rooms.map((room) => room.name);
    expect(names).toEqual(
      expect.arrayContaining(['core', 'analytics', 'matching', 'db', 'services', 'web']),
    );
    const listed = new Set(names);
    for (const room of rooms) for (const to of room.mayImport) expect(listed).toContain(to);
    const packages = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
      imports: Record<string, string>;
    };
    const aliased = Object.values(packages.imports)
      .map((target) => /^\.\/packages\/([a-z-]+)\/src\/\*$/.exec(target)?.[1])
      .filter((room): room is string => room !== undefined);
    for (const room of aliased) expect(listed, `${room} is missing from the table`).toContain(room);
  });
});

describe('arrows between rooms', () => {
  const pairs = rooms.flatMap((from) =>
    rooms
      .filter((to) => to.name !== from.name && to.name !== 'web')
      .map((to) => ({ from: from.name, to: to.name, allowed: from.mayImport.includes(to.name) })),
  );

  it.each(pairs)('$from → #$to/… allowed: $allowed', async ({ from, to, allowed }) => {
    const file = `packages/${from}/src/probe.${extension(from)}`;
    const errors = await layerErrors(file, importing(`#${to}/probe.ts`));
    if (allowed) expect(errors).toEqual([]);
    else expect(errors.join('\n')).toContain(`${from} may not import ${to}`);
  });

  it.each(pairs.filter((pair) => !pair.allowed))(
    '$from → import("#$to/…") is refused like a static import',
    async ({ from, to }) => {
      const file = `packages/${from}/src/features/probe.${extension(from)}`;
      const code = `export const load = () => import('#${to}/probe.ts');\n`;
      expect((await layerErrors(file, code)).join('\n')).toContain(`${from} may not import ${to}`);
    },
  );

  it('refuses the arrows the issue names', async () => {
    const cases: [string, string, string][] = [
      ['packages/core/src/probe.ts', '#db/open-database.ts', 'core may not import db'],
      ['packages/core/src/probe.ts', '../../matching/src/analyze.ts', 'may not leave'],
      ['packages/analytics/src/probe.ts', 'node:fs', 'analytics is pure'],
      ['packages/matching/src/probe.ts', 'node:worker_threads', 'matching is pure'],
      ['packages/matching/src/probe.ts', 'node:child_process', 'matching is pure'],
      ['packages/web/src/features/probe.tsx', '#db/open-database.ts', 'web may not import db'],
      ['packages/services/src/probe.ts', '#server/app.ts', 'services may not import server'],
      ['packages/db/src/probe.ts', '#services/import-actors.ts', 'db may not import services'],
    ];
    for (const [file, source, message] of cases) {
      expect(
        (await layerErrors(file, importing(source))).join('\n'),
        `${file} ← ${source}`,
      ).toContain(message);
    }
  });

  it('keeps the demo in its own room: only the CLI (and tests) may load it', async () => {
    const refused: [string, string, string][] = [
      [
        'packages/services/src/probe.ts',
        '#demo/generate-demo-ecosystem.ts',
        'services may not import demo',
      ],
      ['packages/services/src/a/probe.ts', '../../../demo/src/random.ts', 'may not leave'],
      [
        'packages/server/src/probe.ts',
        '#demo/load-demo-ecosystem.ts',
        'server may not import demo',
      ],
      ['packages/db/src/probe.ts', '#demo/load-demo-ecosystem.ts', 'db may not import demo'],
      ['packages/demo/src/probe.ts', '#db/open-database.ts', 'demo may not import db'],
      ['packages/demo/src/probe.ts', '#server/app.ts', 'demo may not import server'],
      ['packages/demo/src/probe.ts', '#matching/analyze.ts', 'demo may not import matching'],
    ];
    for (const [file, source, message] of refused) {
      expect(
        (await layerErrors(file, importing(source))).join('\n'),
        `${file} ← ${source}`,
      ).toContain(message);
    }
    const allowed: [string, string][] = [
      ['packages/cli/src/commands/probe.ts', '#demo/load-demo-ecosystem.ts'],
      ['packages/demo/src/probe.ts', '#services/accounts/create-account.ts'],
      ['packages/demo/src/probe.ts', '#analytics/random.ts'],
      ['packages/services/src/analysis/probe.test.ts', '#demo/load-demo-ecosystem.ts'],
      ['packages/server/src/routes/probe.test.ts', '#demo/load-demo-ecosystem.ts'],
    ];
    for (const [file, source] of allowed) {
      expect(await layerErrors(file, importing(source)), `${file} ← ${source}`).toEqual([]);
    }
  });

  it('refuses a pure room the demo', async () => {
    const cases: [string, string, string][] = [
      ['packages/analytics/src/probe.ts', '#demo/random.ts', 'analytics may not import demo'],
      ['packages/core/src/probe.ts', '#demo/random.ts', 'core may not import demo'],
    ];
    for (const [file, source, message] of cases) {
      expect(
        (await layerErrors(file, importing(source))).join('\n'),
        `${file} ← ${source}`,
      ).toContain(message);
    }
  });
});

describe('relative imports', () => {
  const from = rooms.map((room) => room.name);

  it.each(from)('%s cannot climb out of its room, at any depth', async (room) => {
    const ext = extension(room);
    const climbs: [string, string][] = [
      [`packages/${room}/src/probe.${ext}`, '../../core/src/probe.ts'],
      [`packages/${room}/src/a/probe.${ext}`, '../../../db/src/probe.ts'],
      [`packages/${room}/src/a/b/probe.${ext}`, '../../../../../test-support/factories.ts'],
      [`packages/${room}/src/a/b/c/d/e/f/g/probe.${ext}`, '../../../../../../../../x/probe.ts'],
      [`packages/${room}/src/probe.${ext}`, './../../core/src/probe.ts'],
    ];
    for (const [file, source] of climbs) {
      expect(
        (await layerErrors(file, importing(source))).join('\n'),
        `${file} ← ${source}`,
      ).toContain('may not leave');
    }
  });

  it.each(from)('%s may use relative imports inside its room', async (room) => {
    const ext = extension(room);
    expect(await layerErrors(`packages/${room}/src/probe.${ext}`, importing('./x.ts'))).toEqual([]);
    expect(
      await layerErrors(`packages/${room}/src/a/b/probe.${ext}`, importing('../../c/x.ts')),
    ).toEqual([]);
  });
});

describe('pure rooms', () => {
  const io = [
    'node:fs',
    'fs',
    'node:fs/promises',
    'fs/promises',
    'node:child_process',
    'child_process',
    'node:worker_threads',
    'worker_threads',
    'better-sqlite3',
    'pg',
    'hono',
    'hono/cors',
    'kuromoji',
  ];
  const cases = rooms.flatMap((room) =>
    io.map((source) => ({ room: room.name, pure: room.pure, source })),
  );

  it.each(cases)('$room ← $source refused: $pure', async ({ room, pure, source }) => {
    const errors = await layerErrors(
      `packages/${room}/src/a/probe.${extension(room)}`,
      importing(source),
    );
    if (pure) expect(errors.join('\n')).toContain(`${room} is pure`);
    else expect(errors).toEqual([]);
  });

  it('core, analytics, matching, connectors and contract are pure', () => {
    const pure = rooms.filter((room) => room.pure).map((room) => room.name);
    expect(pure).toEqual(['core', 'analytics', 'matching', 'connectors', 'contract']);
  });

  it('may use the harmless node modules (path, url, crypto) and zod', async () => {
    for (const source of ['node:path', 'node:crypto', 'zod']) {
      expect(await layerErrors('packages/matching/src/probe.ts', importing(source))).toEqual([]);
    }
  });
});

describe('test code', () => {
  it.each(rooms.map((room) => room.name))(
    '%s product code imports no #test or vitest',
    async (room) => {
      const file = `packages/${room}/src/probe.${extension(room)}`;
      for (const source of [
        '#test/factories.ts',
        'vitest',
        'vitest/config',
        './api-test-fixture.ts',
      ]) {
        expect((await layerErrors(file, importing(source))).join('\n'), source).toContain(
          'stay in tests',
        );
      }
    },
  );

  it('tests and the server tests world may cross rooms', async () => {
    const code = `${importing('#test/factories.ts')}import { db } from '#db/x.ts';\nexport const d = db;\n`;
    expect(await layerErrors('packages/core/src/probe.test.ts', code)).toEqual([]);
    expect(await layerErrors('packages/web/src/features/probe.test.tsx', code)).toEqual([]);
    expect(await layerErrors('packages/server/src/api-test-fixture.ts', code)).toEqual([]);
    expect(await layerErrors('packages/server/src/api-fixture.ts', code)).not.toEqual([]);
  });
});

describe('the web reads no server code, not even its types', () => {
  const file = 'packages/web/src/api/types.ts';

  it('refuses type-only and value imports from the server (the contract has the answers)', async () => {
    const refused = [
      "export type { WebPortfolio } from '../../../server/src/routes/programmes-types.ts';",
      "import type { WebProject } from '../../../server/src/routes/programmes-types.ts';\nexport type P = WebProject;",
      "import { type WebCaseSearch } from '#server/routes/programmes-types.ts';\nexport type C = WebCaseSearch;",
      "export type { WebSummary } from '../../../server/src/routes/web-data-types.ts';",
      "import type { WebMeta } from '#server/routes/web-data-types.ts';\nexport type M = WebMeta;",
      "export { WebPortfolio } from '../../../server/src/routes/programmes-types.ts';",
      "import { ZWebSummary } from '#server/routes/web-data-types.ts';\nexport const z = ZWebSummary;",
      "import type { App } from '#server/app.ts';\nexport type A = App;",
      "import type { X } from '../../../server/src/app.ts';\nexport type A = X;",
      "import type { X } from '../../../services/src/routes/web-data-types.ts';\nexport type A = X;",
    ];
    for (const code of refused) expect(await layerErrors(file, `${code}\n`), code).not.toEqual([]);
  });

  it('reads the answers from the contract', async () => {
    const code = "export type { PortfolioAnswer } from '#contract/routes/programme-answers.ts';\n";
    expect(await layerErrors(file, code)).toEqual([]);
  });
});
