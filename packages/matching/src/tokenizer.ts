/**
 * Ports for a morphological analyser (形態素解析器): `Tokenizer` (one text, synchronous) and
 * `BatchTokenizer` (many texts at once). The pure matching code depends on these interfaces
 * only; the adapters (kuromoji, which reads its dictionary from disk, and MeCab, a child
 * process) live in `packages/matching-node` and are wired in by the caller.
 */
export interface Token {
  /** Text as it appears in the input. */
  readonly surface: string;
  /** Dictionary form (基本形), e.g. 使っ → 使う; equals the surface for unknown words. */
  readonly baseForm: string;
  /** Reading in katakana (読み); empty when unknown. */
  readonly reading: string;
  /** Major part of speech (品詞), IPADIC names: 名詞, 動詞, 形容詞, 助詞, 記号, ... */
  readonly partOfSpeech: string;
  /** Sub-categories (品詞細分類) without the '*' placeholders, e.g. ['サ変接続']. */
  readonly partOfSpeechDetail: readonly string[];
  /** Offset of the surface in the input (UTF-16 units). */
  readonly start: number;
  /** False for words the dictionary does not know (未知語). */
  readonly known: boolean;
}

export interface Tokenizer {
  tokenize(text: string): Token[];
}

/** Tokenises many texts at once (a pipe to a process, a worker, or a synchronous tokenizer). */
export interface BatchTokenizer {
  readonly name: string;
  tokenizeMany(texts: readonly string[]): Promise<Token[][]>;
  close(): Promise<void>;
}

/** Wraps a synchronous tokenizer (kuromoji, script runs) as a batch tokenizer. */
export function fromSyncTokenizer(tokenizer: Tokenizer, name: string): BatchTokenizer {
  return {
    name,
    tokenizeMany: async (texts) => texts.map((text) => tokenizer.tokenize(text)),
    close: async () => undefined,
  };
}

type ScriptClass = 'kanji' | 'hiragana' | 'katakana' | 'latin' | 'digit' | 'space' | 'other';

function scriptOf(char: string): ScriptClass {
  const code = char.charCodeAt(0);
  if (code >= 0x3041 && code <= 0x309f) return 'hiragana';
  if ((code >= 0x30a0 && code <= 0x30ff) || code === 0x30fc) return 'katakana';
  if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || code === 0x3005)
    return 'kanji';
  if (/[a-zA-Z]/.test(char)) return 'latin';
  if (/[0-9]/.test(char)) return 'digit';
  if (/\s/.test(char)) return 'space';
  return 'other';
}

/**
 * Dictionary-free tokeniser splitting text into runs of one script (kanji, katakana, ...).
 * Kanji and katakana runs come out as unknown nouns, so the analyser indexes them whole and as
 * character bigrams. A baseline for benchmarks and a fallback when no dictionary is available.
 */
export function createScriptRunTokenizer(): Tokenizer {
  return {
    tokenize(text: string): Token[] {
      const tokens: Token[] = [];
      let start = 0;
      while (start < text.length) {
        const script = scriptOf(text.charAt(start));
        let end = start + 1;
        while (end < text.length && scriptOf(text.charAt(end)) === script) end += 1;
        const surface = text.slice(start, end);
        const partOfSpeech =
          script === 'hiragana'
            ? '助詞'
            : script === 'space' || script === 'other'
              ? '記号'
              : '名詞';
        tokens.push({
          surface,
          baseForm: surface,
          reading: '',
          partOfSpeech,
          partOfSpeechDetail: script === 'digit' ? ['数'] : [],
          start,
          known: false,
        });
        start = end;
      }
      return tokens;
    },
  };
}
