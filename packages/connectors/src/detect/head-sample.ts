import iconv from 'iconv-lite';
import type { TextEncoding } from '../read-input.ts';

/** How many bytes of a file's start are enough to tell its source (a few hundred CSV lines). */
export const HEAD_BYTES = 64 << 10;

/** The start of a file: its first bytes, and whether they are the whole file. */
export interface HeadSample {
  bytes: Uint8Array;
  /** True when `bytes` is the whole file (else the last line is cut where the head ends). */
  complete: boolean;
}

/** The start of a file as text, as every source's recogniser reads it. */
export interface DecodedHead {
  /** The decoded text, a BOM removed; a head ends at its last whole line when one exists. */
  text: string;
  /** null: only ASCII was seen (either encoding reads it). */
  encoding: TextEncoding | null;
  /** The whole lines (a cut last line of a head left out), without line ends. */
  lines: string[];
  /** The first character that is not white space: `{`, `[`, `<`, or a CSV's first cell. */
  first: string;
  /** Every JSON key written in the text ("name": …), at any depth. */
  jsonKeys: ReadonlySet<string>;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The bytes without a multi-byte UTF-8 character cut at their end. */
function withoutCutCharacter(bytes: Uint8Array): Uint8Array {
  let back = 0;
  while (back < 4 && back < bytes.length) {
    const byte = bytes[bytes.length - 1 - back] ?? 0;
    if ((byte & 0xc0) !== 0x80) {
      const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
      return length > back + 1 ? bytes.subarray(0, bytes.length - 1 - back) : bytes;
    }
    back += 1;
  }
  return bytes;
}

function hasNonAscii(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (byte >= 0x80) return true;
  return false;
}

/**
 * A file's start decoded once for every recogniser: UTF-8 when the bytes are valid UTF-8, else
 * Shift_JIS (CP932, as the NTA and e-Stat write it). A head that is not the whole file is cut at its
 * last line end (LF is never part of a UTF-8 or Shift_JIS character), or, on a single long line,
 * before a character cut in two.
 */
export function decodeHead(sample: HeadSample): DecodedHead {
  let bytes = sample.bytes;
  let cutLine = false;
  if (!sample.complete) {
    const lastLf = bytes.lastIndexOf(0x0a);
    if (lastLf > 0) bytes = bytes.subarray(0, lastLf + 1);
    else {
      bytes = withoutCutCharacter(bytes);
      cutLine = true;
    }
  }
  let encoding: TextEncoding | null = null;
  let text: string;
  if (!hasNonAscii(bytes)) text = Buffer.from(bytes).toString('latin1');
  else {
    try {
      text = utf8.decode(bytes);
      encoding = 'utf-8';
    } catch {
      text = iconv.decode(Buffer.from(bytes), 'cp932');
      encoding = 'shift_jis';
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const split = text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  if (split.at(-1) === '') split.pop();
  // A single long line cut by the head is no whole line.
  const lines = cutLine ? [] : split;
  const jsonKeys = new Set<string>();
  for (const match of text.matchAll(/"((?:[^"\\\n]|\\.){1,80})"\s*:/g))
    if (match[1] !== undefined) jsonKeys.add(match[1]);
  return { text, encoding, lines, first: text.trimStart().charAt(0), jsonKeys };
}

/** What a head is when it is no text at all: a zip (an XLSX, a download not unpacked) or binary. */
export function binaryKind(bytes: Uint8Array): 'zip' | 'binary' | undefined {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)
    return 'zip';
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return 'binary';
  const probe = bytes.subarray(0, 4096);
  let control = 0;
  for (const byte of probe) {
    if (byte === 0) return 'binary';
    if (byte < 0x09 || (byte > 0x0d && byte < 0x20)) control += 1;
  }
  return control > probe.length / 10 ? 'binary' : undefined;
}
