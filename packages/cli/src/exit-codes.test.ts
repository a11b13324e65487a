import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES } from './exit-codes.ts';

describe('EXIT_CODES', () => {
  it('are each explained in the README', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const paragraph = /Exit codes:([\s\S]*?)\n\n/.exec(readme)?.[1] ?? '';
    const listed = new Set(
      [...paragraph.matchAll(/(?:^|[\s,:])(\d) [a-z]/g)].map((m) => Number(m[1])),
    );
    for (const code of new Set([0, 1, 2, ...Object.values(EXIT_CODES)])) {
      expect(listed, `exit code ${code}`).toContain(code);
    }
  });
});
