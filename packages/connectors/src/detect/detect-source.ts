/**
 * Which open source a file comes from, told from its content (never its name): each connector's
 * recogniser is asked about the file's start, and the answer names the source, the published shape
 * and the encoding ("法人番号 全件 CSV (Shift_JIS)"), or why none recognised it.
 */
import { SOURCE_NAMES, type SourceName } from '../connector.ts';
import type { TextEncoding } from '../read-input.ts';
import { binaryKind, decodeHead, type HeadSample } from './head-sample.ts';
import { RECOGNISERS } from './recognisers.ts';
import { SHAPE_LABELS, SHAPE_NAMES, type SourceShape } from './source-shapes.ts';

export interface Recognition {
  source: SourceName;
  shape: SourceShape;
  /** null when the start of the file is ASCII only. */
  encoding: TextEncoding | null;
}

/** Why no source was recognised: nothing in the file, a zip (unpack it first), binary, unknown. */
export type UnrecognisedReason = 'empty' | 'zip' | 'binary' | 'unknown';

export type Detection =
  | { recognised: Recognition; alternatives: Recognition[] }
  | { recognised: null; reason: UnrecognisedReason };

/** Every source whose recogniser knows the file's start, in the sources' order. */
export function recognitions(sample: HeadSample): Recognition[] {
  const head = decodeHead(sample);
  const found: Recognition[] = [];
  for (const source of SOURCE_NAMES) {
    const shape = RECOGNISERS[source](head);
    if (shape !== undefined) found.push({ source, shape, encoding: head.encoding });
  }
  return found;
}

/**
 * The source a file comes from, by its start (`HEAD_BYTES` are enough). When two recognise it the
 * first in the sources' order is taken and the other offered as an alternative.
 */
export function detectSource(sample: HeadSample): Detection {
  if (sample.bytes.every((byte) => byte === 0x20 || (byte >= 0x09 && byte <= 0x0d)))
    return { recognised: null, reason: 'empty' };
  const binary = binaryKind(sample.bytes);
  if (binary !== undefined) return { recognised: null, reason: binary };
  const [recognised, ...alternatives] = recognitions(sample);
  return recognised ? { recognised, alternatives } : { recognised: null, reason: 'unknown' };
}

const ENCODING_NAMES: Record<TextEncoding, string> = { 'utf-8': 'UTF-8', shift_jis: 'Shift_JIS' };

/** "法人番号 全件 CSV（Shift_JIS）" / "Corporate Number full-data CSV (Shift_JIS)". */
export function recognitionLabel(recognition: Recognition, language: 'ja' | 'en'): string {
  const label = SHAPE_LABELS[recognition.shape][language];
  if (recognition.encoding === null) return label;
  const encoding = ENCODING_NAMES[recognition.encoding];
  return language === 'ja' ? `${label}（${encoding}）` : `${label} (${encoding})`;
}

const WHY: Record<UnrecognisedReason, { ja: string; en: string }> = {
  empty: { ja: 'ファイルが空です', en: 'the file is empty' },
  zip: {
    ja: 'ZIP 圧縮されたファイルです（展開して中の CSV・XML・JSON を選んでください）',
    en: 'it is a zip archive (unpack it and choose the CSV, XML or JSON inside)',
  },
  binary: { ja: 'テキストのファイルではありません', en: 'it is not a text file' },
  unknown: {
    ja: 'どの提供元の形式にも当てはまりません',
    en: 'it matches none of the sources’ formats',
  },
};

/** Why a file was not recognised, with every shape accepted, in Japanese and English. */
export function unrecognisedMessage(fileName: string, reason: UnrecognisedReason): string {
  const ja = SHAPE_NAMES.map((shape) => SHAPE_LABELS[shape].ja).join('、');
  const en = SHAPE_NAMES.map((shape) => SHAPE_LABELS[shape].en).join(', ');
  return `${fileName}: not recognised — ${WHY[reason].en}. Accepted: ${en} ／ ${fileName} の提供元を判別できません（${WHY[reason].ja}）。読み込める形式：${ja}`;
}
