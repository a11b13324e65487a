/**
 * Seeded, streaming generator of the import benchmark's input files: actors and relations CSV in the
 * documented columns, every row valid, relation identities (source, target, type, start date) unique.
 * Memory stays flat whatever the size: rows are produced and written in chunks.
 */
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { ACTOR_FLAGS, RELATION_TYPES, SECTORS } from '#core/vocabulary.ts';
import { createRng } from '#analytics/random.ts';

export interface ImportDataSize {
  readonly actors: number;
  readonly relations: number;
}

export interface ImportDataFiles {
  readonly actorsPath: string;
  readonly relationsPath: string;
  readonly actorsBytes: number;
  readonly relationsBytes: number;
  /** False when files of the same size and seed were already there. */
  readonly generated: boolean;
  readonly seconds: number;
}

export const ACTOR_COLUMNS = [
  'id',
  'kind',
  'sector',
  'name',
  'name_kana',
  'prefecture_code',
  'corporate_number',
  'lat',
  'lon',
  'flags',
  'employees',
  'founded_year',
] as const;

export const RELATION_COLUMNS = [
  'source_id',
  'target_id',
  'type',
  'weight',
  'start_date',
  'end_date',
] as const;

/** The seeded generator the analytics and the demo use (mulberry32): one seed, one data set. */
export const createRandom = createRng;

function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

const SURNAMES = [
  '佐藤',
  '鈴木',
  '高橋',
  '田中',
  '伊藤',
  '渡辺',
  '山本',
  '中村',
  '小林',
  '加藤',
  '吉田',
  '山田',
  '佐々木',
  '山口',
  '松本',
  '井上',
  '木村',
  '林',
  '斎藤',
  '清水',
  '何森',
  '徳永',
  '大塚',
  '香川',
];
const SURNAME_KANA = [
  'サトウ',
  'スズキ',
  'タカハシ',
  'タナカ',
  'イトウ',
  'ワタナベ',
  'ヤマモト',
  'ナカムラ',
  'コバヤシ',
  'カトウ',
  'ヨシダ',
  'ヤマダ',
  'ササキ',
  'ヤマグチ',
  'マツモト',
  'イノウエ',
  'キムラ',
  'ハヤシ',
  'サイトウ',
  'シミズ',
  'イズモリ',
  'トクナガ',
  'オオツカ',
  'カガワ',
];
const GIVEN = [
  '健',
  '翔太',
  '陽菜',
  '結衣',
  '大輔',
  '美咲',
  '拓也',
  '由美',
  '誠',
  '直樹',
  '恵子',
  '浩二',
  'さくら',
  '蓮',
  '葵',
];
const STEMS = [
  '阿波',
  '讃岐',
  '土佐',
  '伊予',
  '備前',
  '出雲',
  '信濃',
  '越後',
  '常陸',
  '武蔵',
  '相模',
  '尾張',
  '三河',
  '播磨',
  '筑紫',
  '肥後',
  '薩摩',
  '陸奥',
  '出羽',
  '加賀',
  'みらい',
  'ひかり',
  'あおば',
  'さくら',
];
const STEMS_KANA = [
  'アワ',
  'サヌキ',
  'トサ',
  'イヨ',
  'ビゼン',
  'イズモ',
  'シナノ',
  'エチゴ',
  'ヒタチ',
  'ムサシ',
  'サガミ',
  'オワリ',
  'ミカワ',
  'ハリマ',
  'ツクシ',
  'ヒゴ',
  'サツマ',
  'ムツ',
  'デワ',
  'カガ',
  'ミライ',
  'ヒカリ',
  'アオバ',
  'サクラ',
];
const TRADES = [
  '精工',
  '製作所',
  '工業',
  '化学',
  '電機',
  '食品',
  'バイオ',
  '医療機器',
  'ソフトウェア',
  '農産',
  '繊維',
  '造船',
];
const TRADES_KANA = [
  'セイコウ',
  'セイサクショ',
  'コウギョウ',
  'カガク',
  'デンキ',
  'ショクヒン',
  'バイオ',
  'イリョウキキ',
  'ソフトウェア',
  'ノウサン',
  'センイ',
  'ゾウセン',
];
const FORMS = ['株式会社', '有限会社', '合同会社'];
const INSTITUTIONS: Record<string, string> = {
  university: '大学',
  public_research: '県工業技術センター',
  national_lab: '研究開発機構',
  financial: '信用金庫',
  national_government: '経済産業局',
  prefecture: '県庁',
  municipality: '市役所',
  support_org: '産業振興財団',
  npo: 'まちづくりNPO',
  school: '高等学校',
  other: '協議会',
};

function corporateNumber(base12: number): string {
  const base = String(base12).padStart(12, '0');
  let sum = 0;
  for (let n = 1; n <= 12; n++) sum += Number(base[12 - n]) * (n % 2 === 1 ? 1 : 2);
  return `${9 - (sum % 9)}${base}`;
}

/** Actor ids: fixed width so they sort like numbers. */
export function actorId(index: number): string {
  return `A${String(index).padStart(7, '0')}`;
}

function actorRow(i: number, random: () => number): string {
  const person = random() < 0.3;
  const prefecture = String(1 + Math.floor(random() * 47)).padStart(2, '0');
  const lat = (31 + random() * 12).toFixed(5);
  const lon = (130 + random() * 12).toFixed(5);
  const founded = String(1900 + Math.floor(random() * 124));
  if (person) {
    const s = Math.floor(random() * SURNAMES.length);
    const name = `${SURNAMES[s]} ${pick(random, GIVEN)}`;
    const sector = random() < 0.7 ? 'university' : pick(random, SECTORS);
    const flags = random() < 0.5 ? 'researcher' : 'researcher;coordinator';
    return `${actorId(i)},person,${sector},${name},${SURNAME_KANA[s]},${prefecture},,,,${flags},,\n`;
  }
  const sector = random() < 0.75 ? 'company' : pick(random, SECTORS);
  const stem = Math.floor(random() * STEMS.length);
  if (sector === 'company') {
    const trade = Math.floor(random() * TRADES.length);
    const name = `${pick(random, FORMS)}${STEMS[stem]}${TRADES[trade]}${i % 1000}`;
    const kana = `${STEMS_KANA[stem]}${TRADES_KANA[trade]}`;
    const flags = pick(random, ['sme', 'sme;regional_core', 'large', 'startup', 'sme;anchor']);
    const employees = String(1 + Math.floor(random() * 3000));
    return `${actorId(i)},organization,company,${name},${kana},${prefecture},${corporateNumber(100_000_000_000 + i)},${lat},${lon},${flags},${employees},${founded}\n`;
  }
  const name = `${STEMS[stem]}${INSTITUTIONS[sector] ?? '機構'}${i % 1000}`;
  const flag = pick(random, ACTOR_FLAGS);
  return `${actorId(i)},organization,${sector},${name},${STEMS_KANA[stem]},${prefecture},,${lat},${lon},${flag},,${founded}\n`;
}

/** Multipliers coprime with any count of the form 2^a·5^b (and most others): one permutation per round. */
const ROUND_MULTIPLIERS = [7919, 104_729, 1_299_709, 15_485_863, 179_424_673, 2_038_074_743];

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function iso(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Relation j belongs to round k = floor(j / actors); its source is a permutation of j mod actors, so a
 * source appears once per round, and its start date lies in a window of years owned by round k: the
 * identity (source, target, type, start date) can never repeat.
 */
function relationRow(j: number, actors: number, random: () => number): string {
  const round = Math.floor(j / actors);
  const multiplier = ROUND_MULTIPLIERS[round % ROUND_MULTIPLIERS.length] ?? 7919;
  const sourceIndex = ((((j % actors) * (multiplier % actors)) % actors) + round * 31) % actors;
  let targetIndex = Math.floor(random() * actors);
  if (targetIndex === sourceIndex) targetIndex = (targetIndex + 1) % actors;
  const year = 1990 + round * 7 + Math.floor(random() * 7);
  const month = 1 + Math.floor(random() * 12);
  const day = 1 + Math.floor(random() * 28);
  const start = iso(year, month, day);
  const end = random() < 0.5 ? iso(year + 1 + Math.floor(random() * 5), month, day) : '';
  const weight = (0.1 + random() * 9.9).toFixed(2);
  return `${actorId(sourceIndex)},${actorId(targetIndex)},${pick(random, RELATION_TYPES)},${weight},${start},${end}\n`;
}

async function writeRows(
  path: string,
  header: string,
  count: number,
  row: (i: number) => string,
): Promise<number> {
  const partial = `${path}.partial`;
  const out = createWriteStream(partial, { highWaterMark: 1 << 20 });
  let chunk = header;
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    chunk += row(i);
    if (chunk.length >= 1 << 18) {
      bytes += Buffer.byteLength(chunk);
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  bytes += Buffer.byteLength(chunk);
  out.end(chunk);
  await once(out, 'finish');
  renameSync(partial, path);
  return bytes;
}

/** Writes (or reuses) `actors-N-sS.csv` and `relations-M-sS.csv` in `dir`. */
export async function generateImportData(
  dir: string,
  size: ImportDataSize,
  seed = 1,
  log: (line: string) => void = () => undefined,
): Promise<ImportDataFiles> {
  mkdirSync(dir, { recursive: true });
  for (const [m] of ROUND_MULTIPLIERS.entries()) {
    const multiplier = ROUND_MULTIPLIERS[m] ?? 1;
    if (size.relations > size.actors * m && gcd(multiplier % size.actors, size.actors) !== 1)
      throw new Error(`actor count ${size.actors} shares a factor with ${multiplier}`);
  }
  if (size.relations > size.actors * ROUND_MULTIPLIERS.length)
    throw new Error(`at most ${ROUND_MULTIPLIERS.length} relations per actor`);
  const actorsPath = join(dir, `actors-${size.actors}-s${seed}.csv`);
  const relationsPath = join(dir, `relations-${size.relations}-a${size.actors}-s${seed}.csv`);
  const marker = join(dir, `import-data-${size.actors}-${size.relations}-s${seed}.json`);
  if (existsSync(marker) && existsSync(actorsPath) && existsSync(relationsPath)) {
    const known = JSON.parse(readFileSync(marker, 'utf8')) as {
      actorsBytes: number;
      relationsBytes: number;
    };
    return { actorsPath, relationsPath, ...known, generated: false, seconds: 0 };
  }
  const started = performance.now();
  log(`generating ${size.actors.toLocaleString('en')} actors -> ${actorsPath}`);
  const actorRandom = createRandom(seed);
  const actorsBytes = await writeRows(
    actorsPath,
    `${ACTOR_COLUMNS.join(',')}\n`,
    size.actors,
    (i) => actorRow(i, actorRandom),
  );
  log(`generating ${size.relations.toLocaleString('en')} relations -> ${relationsPath}`);
  const relationRandom = createRandom(seed * 7919 + 1);
  const relationsBytes = await writeRows(
    relationsPath,
    `${RELATION_COLUMNS.join(',')}\n`,
    size.relations,
    (j) => relationRow(j, size.actors, relationRandom),
  );
  writeFileSync(marker, JSON.stringify({ actorsBytes, relationsBytes }));
  return {
    actorsPath,
    relationsPath,
    actorsBytes,
    relationsBytes,
    generated: true,
    seconds: (performance.now() - started) / 1000,
  };
}
