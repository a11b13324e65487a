import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { glossLinks } from '#matching/gloss-links.ts';
import { EDICT_PATH, readEdict } from './edict-file.ts';

describe('readEdict', () => {
  it('names the Debian package when the file is missing', () => {
    expect(() => readEdict('/nonexistent/edict')).toThrow(/apt-get install edict/);
  });

  it.runIf(existsSync(EDICT_PATH))(
    'decodes the installed EUC-JP file: 竹やぶ links to 竹林, 魚 to 魚類',
    () => {
      const dictionary = readEdict();
      const keepEval = (t: string): boolean => ['竹林', '魚類'].includes(t);
      expect(glossLinks(dictionary, '竹やぶ', { keep: keepEval }).map((l) => l.term)).toEqual([
        '竹林',
      ]);
      expect(glossLinks(dictionary, '魚', { keep: keepEval }).map((l) => l.term)).toEqual(['魚類']);
    },
    60_000,
  );
});
