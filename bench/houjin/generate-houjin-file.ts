/**
 * Writes a 法人番号 全件 or 差分 file in the published format (UTF-8, no header, 30 columns, every
 * value quoted as the site does for text), with values drawn like the real samples: valid check
 * digits, 301/302/399 kinds, real prefectures and municipalities, 全角 addresses and names.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { MUNICIPALITIES, PREFECTURES } from '#core/geo.ts';

const KINDS = [
  ['301', '株式会社', 'カブシキガイシャ'],
  ['302', '有限会社', 'ユウゲンガイシャ'],
  ['305', '合同会社', 'ゴウドウガイシャ'],
  ['399', '一般社団法人', 'イッパンシャダンホウジン'],
] as const;
const WORDS = [
  'テクノ',
  'エコ',
  'ライフ',
  '総合',
  '精工',
  'サービス',
  '建設',
  '電子',
  '食品',
  'ネット',
];
const KANA = [
  'テクノ',
  'エコ',
  'ライフ',
  'ソウゴウ',
  'セイコウ',
  'サービス',
  'ケンセツ',
  'デンシ',
  'ショクヒン',
  'ネット',
];

/** 法人番号 with its check digit for a 12-digit base. */
export function corporateNumberOf(base: number): string {
  const digits = String(base).padStart(12, '0');
  let sum = 0;
  for (let n = 1; n <= 12; n++) sum += Number(digits[12 - n]) * (n % 2 === 1 ? 1 : 2);
  return `${9 - (sum % 9)}${digits}`;
}

function toFullWidth(text: string): string {
  return text.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
}

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface HoujinFileOptions {
  rows: number;
  /** 全件 rows are process 01 (new); a 差分 file mixes changes (12, 13), closures (71) and new ones. */
  kind: 'full' | 'diff';
  seed?: number;
  /** First 12-digit base: a 差分 file reuses the numbers of a 全件 file made with the same seed. */
  firstBase?: number;
}

export async function writeHoujinFile(path: string, options: HoujinFileOptions): Promise<void> {
  const next = random(options.seed ?? 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const out = createWriteStream(path, { encoding: 'utf8' });
  const base0 = options.firstBase ?? 100_000_000_000;
  const stride = options.kind === 'diff' ? 97 : 1;
  let buffer = '';
  for (let i = 0; i < options.rows; i++) {
    const number = corporateNumberOf(base0 + i * stride);
    const [kindCode, form, formKana] = pick(KINDS);
    const w = Math.floor(next() * WORDS.length);
    const w2 = Math.floor(next() * WORDS.length);
    const name = `${WORDS[w]}${WORDS[w2]}${toFullWidth(String(i % 1000))}${form}`;
    const kana = `${KANA[w]}${KANA[w2]}${formKana}`;
    const m = pick(MUNICIPALITIES);
    const prefecture = PREFECTURES.find((p) => p.code === m.prefectureCode);
    const street = `${toFullWidth(String(1 + Math.floor(next() * 9)))}丁目${toFullWidth(String(1 + Math.floor(next() * 40)))}番${toFullWidth(String(1 + Math.floor(next() * 20)))}号`;
    const process =
      options.kind === 'full' ? '01' : pick(['12', '13', '01', '71', '12', '12'] as const);
    const closed = process === '71';
    const update = options.kind === 'full' ? '2024-10-31' : '2024-11-29';
    const cells = [
      String(i + 1),
      number,
      process,
      '1',
      update,
      update,
      `"${name}"`,
      '',
      kindCode,
      `"${prefecture?.name ?? ''}"`,
      `"${m.name}"`,
      `"${street}"`,
      '',
      m.prefectureCode,
      m.code.slice(2, 5),
      String(1_000_000 + Math.floor(next() * 8_999_999)),
      '',
      '',
      closed ? update : '',
      closed ? '01' : '',
      '',
      '',
      '2015-10-05',
      '1',
      '',
      '',
      '',
      '',
      `"${kana}"`,
      '0',
    ];
    buffer += cells.join(',') + '\n';
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
}
