/**
 * Rooms of one purpose, kept small: no product source file under packages/ (a .ts or .tsx that is
 * not a test) is over 600 lines. A file that grows past the limit is split by concern into modules
 * whose names explain them, not waved through.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const MAX_LINES = 600;
const root = new URL('../', import.meta.url).pathname;
const SKIPPED_DIRECTORIES = new Set(['node_modules', 'dist', 'build', 'coverage']);

/**
 * Files being split on a branch of their own, each named with that work. An entry here fails the
 * test once its file is under the limit, so the list only shrinks.
 */
const BEING_SPLIT: ReadonlySet<string> = new Set([]);

function isProductSource(name: string): boolean {
  return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith('.d.ts');
}

function productSources(directory: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) files.push(...productSources(path));
    } else if (entry.isFile() && isProductSource(entry.name)) {
      files.push(relative(root, path));
    }
  }
  return files;
}

/** Lines as an editor counts them: a final newline does not start another line. */
function countLines(text: string): number {
  if (text === '') return 0;
  const newlines = text.split('\n').length - 1;
  return text.endsWith('\n') ? newlines : newlines + 1;
}

const sizes = productSources(join(root, 'packages')).map((path) => ({
  path,
  lines: countLines(readFileSync(join(root, path), 'utf8')),
}));

describe('source file size', () => {
  it('finds the product sources of every package', () => {
    expect(sizes.length).toBeGreaterThan(100);
    expect(sizes.some((file) => file.path === 'packages/cli/src/main.ts')).toBe(true);
    expect(sizes.some((file) => file.path.endsWith('.tsx'))).toBe(true);
    expect(sizes.some((file) => /\.test\.tsx?$/.test(file.path))).toBe(false);
  });

  it('counts lines as an editor does', () => {
    expect(countLines('')).toBe(0);
    expect(countLines('a')).toBe(1);
    expect(countLines('a\n')).toBe(1);
    expect(countLines('a\nb\n')).toBe(2);
    expect(countLines('a\n\nb')).toBe(3);
  });

  it(`keeps every non-test source file under packages/ at ${MAX_LINES} lines or fewer`, () => {
    const over = sizes
      .filter((file) => file.lines > MAX_LINES && !BEING_SPLIT.has(file.path))
      .map((file) => `${file.path}: ${file.lines} lines`);
    expect(over).toEqual([]);
  });

  it('lists as being split only files that are still over the limit', () => {
    const done = sizes
      .filter((file) => BEING_SPLIT.has(file.path) && file.lines <= MAX_LINES)
      .map((file) => `${file.path} is ${file.lines} lines now: remove it from BEING_SPLIT`);
    const missing = [...BEING_SPLIT].filter((path) => !sizes.some((file) => file.path === path));
    expect([
      ...done,
      ...missing.map((path) => `${path} is gone: remove it from BEING_SPLIT`),
    ]).toEqual([]);
  });
});
