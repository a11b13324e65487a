import chardet from 'chardet';

export type TextEncoding = 'utf-8' | 'cp932' | 'euc-jp';

/**
 * Guesses the encoding of a text file from its first bytes. UTF-8 wins when its multi-byte sequences
 * clearly outnumber invalid bytes (a few stray bad bytes are then reported row by row rather than turning
 * the whole file into mojibake; legacy-encoded Japanese yields invalid sequences on nearly every
 * character). Otherwise the Japanese legacy encodings: Shift_JIS is read as CP932, the Windows superset
 * Excel writes (㈱, ①, NEC/IBM extensions).
 */
export function detectEncoding(sample: Uint8Array): TextEncoding {
  const { multibyte, invalid } = utf8Evidence(sample);
  if (invalid === 0 || multibyte > invalid * 3) return 'utf-8';
  const guess = chardet.detect(sample)?.toLowerCase() ?? '';
  if (guess.includes('euc-jp')) return 'euc-jp';
  return 'cp932';
}

/** Counts well-formed multi-byte UTF-8 sequences and invalid bytes; a sequence cut off at the end counts as neither. */
export function utf8Evidence(bytes: Uint8Array): { multibyte: number; invalid: number } {
  let multibyte = 0;
  let invalid = 0;
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i] ?? 0;
    let need: number;
    if (b < 0x80) need = 0;
    else if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) need = 2;
    else if (b >= 0xf0 && b <= 0xf4) need = 3;
    else {
      invalid += 1;
      i += 1;
      continue;
    }
    if (need === 0) {
      i += 1;
      continue;
    }
    if (i + need >= n) break;
    let ok = true;
    for (let k = 1; k <= need; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) ok = false;
    if (ok) {
      multibyte += 1;
      i += need + 1;
    } else {
      invalid += 1;
      i += 1;
    }
  }
  return { multibyte, invalid };
}
