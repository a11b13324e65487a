/**
 * SDGs suggested from a record's text (title, abstract or description, keywords, field), each with
 * the terms that suggest it and where they were found. A suggestion is evidence for a person to
 * confirm, not a tag: the record's own `sdgs` stay as they are.
 */

/** Japanese (and a few English) cue terms per goal, chosen to be specific to it. */
export const SDG_CUES: Readonly<Record<number, readonly string[]>> = {
  1: ['貧困', '生活困窮', '低所得'],
  2: ['飢餓', '食料', '農業', '農作物', '栽培', '収量', '畜産', '品種改良', 'スマート農業'],
  3: [
    '医療',
    '健康',
    '疾患',
    '診断',
    '治療',
    '創薬',
    '医薬',
    '介護',
    '看護',
    'リハビリ',
    '感染症',
    'ヘルスケア',
  ],
  4: ['教育', '人材育成', 'リスキリング', '学び直し', '学校'],
  5: ['ジェンダー', '女性活躍', '男女共同'],
  6: ['水質', '上下水道', '浄水', '排水', '水資源', '下水'],
  7: [
    '再生可能エネルギー',
    '再エネ',
    '太陽光',
    '風力',
    '水素',
    '蓄電',
    '省エネ',
    '燃料電池',
    'バイオマス',
    '地熱',
  ],
  8: ['雇用', '働き方', '労働生産性', '事業承継', '創業'],
  9: [
    '技術革新',
    'ものづくり',
    'インフラ',
    'IoT',
    'AI',
    'ロボット',
    '半導体',
    '自動化',
    'DX',
    '量産',
  ],
  10: ['格差', '障がい', '障害者', 'バリアフリー', '多様性'],
  11: ['まちづくり', '防災', '減災', '公共交通', '住民', '災害', '空き家', '観光'],
  12: ['リサイクル', '廃棄物', '食品ロス', '資源循環', '再利用', 'アップサイクル'],
  13: ['気候変動', '温室効果', 'CO2', '脱炭素', 'カーボンニュートラル', '二酸化炭素', '温暖化'],
  14: ['海洋', '水産', '漁業', '養殖', '海藻', '沿岸', '海洋プラスチック', '藻場'],
  15: ['森林', '生物多様性', '土壌', '林業', '生態系', '獣害'],
  16: ['司法', '汚職', '行政の透明性'],
  17: ['産学官連携', '国際協力', '連携協定', 'パートナーシップ'],
};

export interface SdgTextField {
  /** Where the text comes from: title, abstract, keywords… */
  name: string;
  text: string;
}

export interface SdgEvidence {
  field: string;
  term: string;
  /** Up to 20 characters either side of the first occurrence. */
  excerpt: string;
}

export interface SdgSuggestion {
  sdg: number;
  /** Distinct cue terms found. */
  score: number;
  /** Already tagged on the record. */
  tagged: boolean;
  evidence: SdgEvidence[];
}

const ASCII = /^[\x20-\x7e]+$/;

function find(text: string, term: string): number {
  if (!ASCII.test(term)) return text.indexOf(term);
  const match = new RegExp(`(?<![A-Za-z0-9])${term}(?![A-Za-z0-9])`, 'i').exec(text);
  return match ? match.index : -1;
}

/** The goals the text suggests, most evidence first; tagged goals are marked, not dropped. */
export function suggestSdgs(
  fields: readonly SdgTextField[],
  tagged: readonly number[] = [],
): SdgSuggestion[] {
  const normalised = fields.map((f) => ({ name: f.name, text: f.text.normalize('NFKC') }));
  const out: SdgSuggestion[] = [];
  for (const [goal, cues] of Object.entries(SDG_CUES)) {
    const evidence: SdgEvidence[] = [];
    for (const cue of cues) {
      const term = cue.normalize('NFKC');
      for (const f of normalised) {
        const at = find(f.text, term);
        if (at < 0) continue;
        evidence.push({
          field: f.name,
          term: cue,
          excerpt: f.text.slice(Math.max(0, at - 20), at + term.length + 20),
        });
        break;
      }
    }
    if (evidence.length === 0) continue;
    const sdg = Number(goal);
    out.push({ sdg, score: evidence.length, tagged: tagged.includes(sdg), evidence });
  }
  return out.sort((a, b) => b.score - a.score || a.sdg - b.sdg);
}
