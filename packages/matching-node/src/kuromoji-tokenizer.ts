/**
 * Adapter: the `Tokenizer` port backed by kuromoji.js with its bundled IPADIC dictionary.
 * kuromoji reads the dictionary files itself; this module only resolves their directory.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import kuromoji from 'kuromoji';
import type { IpadicFeatures } from 'kuromoji';
import type { Token, Tokenizer } from '#matching/tokenizer.ts';

/** Directory of the IPADIC files shipped with the installed kuromoji package. */
export function resolveKuromojiDictionaryPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('kuromoji/package.json')), 'dict');
}

function field(value: string | undefined): string {
  return value === undefined || value === '*' ? '' : value;
}

/** Maps kuromoji's IPADIC features to the port's token, computing offsets from the surfaces. */
export function toTokens(text: string, features: readonly IpadicFeatures[]): Token[] {
  const tokens: Token[] = [];
  let cursor = 0;
  for (const feature of features) {
    const surface = feature.surface_form;
    const found = text.indexOf(surface, cursor);
    const start = found >= 0 ? found : cursor;
    cursor = start + surface.length;
    tokens.push({
      surface,
      baseForm: field(feature.basic_form) || surface,
      reading: field(feature.reading),
      partOfSpeech: feature.pos,
      partOfSpeechDetail: [feature.pos_detail_1, feature.pos_detail_2, feature.pos_detail_3]
        .map(field)
        .filter((detail) => detail !== ''),
      start,
      known: feature.word_type === 'KNOWN',
    });
  }
  return tokens;
}

/** Loads the dictionary (about 1.5 s, ~100 MB) and returns a ready tokenizer. */
export function createKuromojiTokenizer(
  options: { dictionaryPath?: string } = {},
): Promise<Tokenizer> {
  const dicPath = options.dictionaryPath ?? resolveKuromojiDictionaryPath();
  return new Promise((resolvePromise, reject) => {
    kuromoji.builder({ dicPath }).build((error, tokenizer) => {
      // kuromoji passes null on success although its types say Error.
      if (error) {
        reject(error);
        return;
      }
      resolvePromise({
        tokenize(text: string): Token[] {
          if (text === '') return [];
          return toTokens(text, tokenizer.tokenize(text));
        },
      });
    });
  });
}
