/**
 * A need's keywords, taken from its own words: the nouns of its title as a firm or a town
 * writes them (「めっき部品」「寿命」「見積もり」, 「商店街」「人の流れ」), never its owner's field
 * vocabulary (a 商店街 need tagged センサーネットワーク matched a river-level sensor seed).
 *
 * No tokenizer: runs of kanji and katakana of two characters or more (and a few nouns of one
 * kanji: 川, 道), plus words the runs would cut short because they are written with kana
 * (お年寄り, 竹やぶ, 見守り); words that say
 * nothing about the problem (時間, 原因, 地元) and the stems of verbs (見直, 割軽) are left out.
 */

/** Words written partly in kana, found whole before the kanji and katakana runs. */
const KANA_WORDS = [
  'お年寄り',
  '一人暮らし',
  '見守り',
  '買い物',
  '竹やぶ',
  '空き家',
  'ため池',
  '雪かき',
  '跡継ぎ',
  '食べ残し',
  'ごみ',
  '人の流れ',
  '見積もり',
  '仕組み',
  '手続き',
  '日持ち',
  '段取り',
  'バリ取り',
  '値上がり',
  '売り場',
  '乗り物',
  '子どもたち',
];

/** Runs that say nothing of the problem, or are the stems of verbs and adjectives. */
const LEFT_OUT = new Set([
  '一定',
  '一緒',
  '仕事',
  '会社',
  '全員',
  '共有',
  '内部',
  '原因',
  '問題',
  '国内',
  '地域',
  '地元',
  '場所',
  '変化',
  '外部',
  '対応',
  '工夫',
  '左右',
  '心地',
  '手間',
  '提案',
  '数字',
  '時間',
  '最新',
  '機会',
  '正確',
  '様子',
  '気付',
  '海外',
  '無駄',
  '状況',
  '状態',
  '用意',
  '相談',
  '確保',
  '自分',
  '自社',
  '半分',
  '部分',
  '役立',
  '解決',
  '説明',
  '負担',
  '更新',
  '業界',
  '分野',
  '安心',
  '取引先',
  '見直',
  '割軽',
  '技術',
]);

/** Nouns of one kanji kept when they stand alone (川が濁る, 道に迷う). */
const ONE_KANJI = new Set(['川', '海', '山', '雪', '畑', '橋', '竹', '魚', '音', '水', '道']);

const RUN = /[\p{Script=Han}\p{Script=Katakana}ー]+/gu;

/**
 * The keywords of `text` in the order they appear, each once; `leaveOut` names words that are
 * not the problem's (the owner's name, its town).
 */
export function keywordsIn(text: string, leaveOut: readonly string[] = []): string[] {
  const found: { word: string; at: number }[] = [];
  for (const word of KANA_WORDS) {
    const at = text.indexOf(word);
    if (at >= 0) found.push({ word, at });
  }
  // Where the owner's name and town stand in the text: no run inside them is a keyword.
  const leftOut: [number, number][] = [];
  for (const other of leaveOut) {
    for (
      let at = other === '' ? -1 : text.indexOf(other);
      at >= 0;
      at = text.indexOf(other, at + 1)
    )
      leftOut.push([at, at + other.length]);
  }
  const insideKanaWord = (at: number): boolean =>
    found.some((f) => at >= f.at && at < f.at + f.word.length);
  for (const match of text.matchAll(RUN)) {
    const at = match.index ?? 0;
    // 「半導体工場向け」: the run stops before け.
    const word = match[0].replace(/向$/u, '');
    if (insideKanaWord(at) || LEFT_OUT.has(word)) continue;
    if (word.length < 2 && !ONE_KANJI.has(word)) continue;
    if (leftOut.some(([from, to]) => at < to && at + match[0].length > from)) continue;
    found.push({ word, at });
  }
  const seen = new Set<string>();
  return found
    .sort((a, b) => a.at - b.at)
    .map((f) => f.word)
    .filter((word) => (seen.has(word) ? false : (seen.add(word), true)));
}
