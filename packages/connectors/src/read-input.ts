import iconv from 'iconv-lite';
import { DomainError } from '#core/domain-error.ts';
import type { ConnectorInput } from './connector.ts';

export type TextEncoding = 'utf-8' | 'shift_jis';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export async function readAllBytes(input: ConnectorInput): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of input.chunks) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

function hasNonAscii(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (byte >= 0x80) return true;
  return false;
}

/** UTF-8 when the bytes are valid UTF-8, else Shift_JIS (CP932, as the NTA and e-Stat write it). */
export function detectLineEncoding(bytes: Uint8Array): TextEncoding | undefined {
  if (!hasNonAscii(bytes)) return undefined;
  try {
    utf8.decode(bytes);
    return 'utf-8';
  } catch {
    return 'shift_jis';
  }
}

export function decodeAs(bytes: Uint8Array, encoding: TextEncoding): string {
  const text =
    encoding === 'utf-8' ? utf8.decode(bytes) : iconv.decode(Buffer.from(bytes), 'cp932');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** One line decoded once: ASCII, else UTF-8 when valid, else Shift_JIS (a BOM removed). */
function decodeLine(bytes: Uint8Array): { text: string; encoding: TextEncoding | undefined } {
  if (!hasNonAscii(bytes))
    return { text: Buffer.from(bytes).toString('latin1'), encoding: undefined };
  let text: string;
  let encoding: TextEncoding;
  try {
    text = utf8.decode(bytes);
    encoding = 'utf-8';
  } catch {
    text = iconv.decode(Buffer.from(bytes), 'cp932');
    encoding = 'shift_jis';
  }
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, encoding };
}

/**
 * Lines of a text file in either encoding, decoded. Every line must be in the same encoding as the
 * others: a file that mixes UTF-8 and Shift_JIS lines is refused, naming both lines.
 */
export async function* readLines(
  input: ConnectorInput,
): AsyncIterable<{ line: number; text: string; encoding: TextEncoding | undefined }> {
  let encoding: TextEncoding | undefined;
  let encodingLine = 0;
  let rest: Buffer<ArrayBufferLike> = Buffer.alloc(0);
  let lineNumber = 0;
  function* emit(
    bytes: Uint8Array,
  ): Iterable<{ line: number; text: string; encoding: TextEncoding | undefined }> {
    lineNumber += 1;
    const end =
      bytes.length > 0 && bytes[bytes.length - 1] === 0x0d ? bytes.length - 1 : bytes.length;
    const body = bytes.subarray(0, end);
    const { text, encoding: lineEncoding } = decodeLine(body);
    if (lineEncoding && encoding && lineEncoding !== encoding) {
      throw new DomainError(
        'unsupported_format',
        `${input.name}: mixed encodings — line ${encodingLine} is ${encoding}, line ${lineNumber} is ${lineEncoding} ／ 文字コードが混在しています（${encodingLine}行目は${encoding}、${lineNumber}行目は${lineEncoding}）`,
        { file: input.name, line: lineNumber },
      );
    }
    if (lineEncoding && !encoding) {
      encoding = lineEncoding;
      encodingLine = lineNumber;
    }
    yield { line: lineNumber, text, encoding };
  }
  for await (const chunk of input.chunks) {
    const buffer = rest.length > 0 ? Buffer.concat([rest, Buffer.from(chunk)]) : Buffer.from(chunk);
    let start = 0;
    for (;;) {
      const newline = buffer.indexOf(0x0a, start);
      if (newline < 0) break;
      yield* emit(buffer.subarray(start, newline));
      start = newline + 1;
    }
    rest = Buffer.from(buffer.subarray(start));
  }
  if (rest.length > 0) yield* emit(rest);
}

/** The whole input as text (UTF-8 or Shift_JIS), a leading BOM removed. */
export async function readText(input: ConnectorInput): Promise<string> {
  const bytes = await readAllBytes(input);
  return decodeAs(bytes, detectLineEncoding(bytes) ?? 'utf-8');
}

/** The whole input as JSON; a truncated or broken file is named as such. */
export async function readJson(input: ConnectorInput): Promise<unknown> {
  const text = await readText(input);
  if (text.trim() === '') {
    throw new DomainError(
      'unsupported_format',
      `${input.name}: the file is empty ／ ファイルが空です`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DomainError(
      'unsupported_format',
      `${input.name}: not valid JSON, the file may be truncated (${error instanceof Error ? error.message : String(error)}) ／ JSONとして読めません（途中で切れている可能性があります）`,
      { file: input.name },
    );
  }
}

/** JSON, or JSON Lines (one object per line, as in the OpenAlex snapshot). */
export async function readJsonOrLines(input: ConnectorInput): Promise<unknown[]> {
  const text = await readText(input);
  const trimmed = text.trim();
  if (trimmed === '') {
    throw new DomainError(
      'unsupported_format',
      `${input.name}: the file is empty ／ ファイルが空です`,
    );
  }
  try {
    return [JSON.parse(trimmed)];
  } catch {
    // not one JSON document: JSON Lines?
  }
  const values: unknown[] = [];
  const lines = trimmed.split('\n');
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    try {
      values.push(JSON.parse(line));
    } catch {
      throw new DomainError(
        'unsupported_format',
        `${input.name}: line ${index + 1} is not valid JSON (neither a JSON document nor JSON Lines; truncated?) ／ ${index + 1}行目がJSONとして読めません（途中で切れている可能性があります）`,
        { file: input.name, line: index + 1 },
      );
    }
  }
  return values;
}

export function wrongShape(input: ConnectorInput, source: string, expected: string): DomainError {
  return new DomainError(
    'unsupported_format',
    `${input.name}: not a ${source} file — expected ${expected} ／ ${source} の形式ではありません（${expected}）`,
    { file: input.name, source },
  );
}
