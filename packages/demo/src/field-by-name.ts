/**
 * A plausible field for a real organisation whose name says its discipline: a medical university
 * works in life science, an agricultural experiment station in food and agriculture, a ceramics
 * centre in materials. Names that say nothing keep the field drawn from their community, within
 * what their kind of body and their place allow (no fisheries in a landlocked prefecture, rare
 * sugar only in Kagawa). Arts, humanities and social-science schools, and bodies that govern,
 * finance or report rather than research, hold no technology seeds.
 */

/** First match wins: the more specific words stand before the words they contain. */
const BY_NAME: readonly (readonly [pattern: RegExp, field: string])[] = [
  // companies: the business word of the name (精工, 製菓, 光学…)
  [/医科器械|メディカル/u, '医療機器'],
  [/製薬|薬品|薬業|薬事|医薬|眼科/u, 'ライフサイエンス'],
  [/製菓|酒造|醸造|酒類|フーズ|農産/u, '食品・農業'],
  [/シンクロトロン|放射光|加速器/u, '放射光'],
  [/光学|レンズ|天文|量子|宇宙|素粒子|Astronom/iu, '光・量子'],
  [/半導体|デバイス/u, '半導体'],
  [
    /(?<![理文])化学|化成|セラミックス|窯業|陶磁|ガラス|繊維|織物|樹脂|ゴム|金属|皮革|紙|物質|材料|分子科学/u,
    '材料',
  ],
  [/鉄工|精工|製作所|機械|工芸|デザイン|意匠|土木|建設|道路|Aerospace/iu, 'ものづくり'],
  [/システム|情報|数理|ソフトウェア|人工知能|Internet|インターネット|WIDE Project/iu, 'IoT・AI'],
  [/環境開発|リサイクル/u, '環境'],
  // public bodies: livestock health before health, health-and-environment before health
  [/家畜|畜産|獣医|酪農/u, '食品・農業'],
  [
    /保健環境|環境保健|衛生環境|環境衛生|健康環境|放射線|原子力.*(?:環境|監視)|原子力センター/u,
    '環境',
  ],
  [/電機|電力|原子力|エネルギー/u, 'エネルギー'],
  // universities and research institutes: the discipline in the name
  [
    /医科|医学|薬科|薬学|歯科|衛生|感染症|脳|生命|生理学|バイオ|真菌|健康安全|健康科学/u,
    'ライフサイエンス',
  ],
  [/看護|保健|医療|病院|リハビリ|福祉|療育|産婦人科/u, '医療機器'],
  [/水産|海洋|商船|漁業|内水面|赤潮|深層水/u, '海洋・水産'],
  [
    /農業|農林|農学|営農|果樹|茶業|林業|森林|園芸|栄養|食品|食物|病害虫|野菜|花き|蚕糸|中山間|グリーンセンター/u,
    '食品・農業',
  ],
  [/環境|公害|河川|川研究所|水資源|自然保護|気象|防災/u, '環境'],
];

/** Fields an engineering school or an industrial research institute may keep. */
const ENGINEERING = new Set([
  'ものづくり',
  '材料',
  '半導体',
  'IoT・AI',
  'エネルギー',
  '光・量子',
  '環境',
]);

const ENGINEERING_NAME =
  /工業|工科|工学|理工|技術科学|高等専門学校|産業技術|工業技術|産業振興|産業支援|産業科学|技術センタ|理科|理学/u;

/** Prefectures without a coast (栃木, 群馬, 埼玉, 山梨, 長野, 岐阜, 滋賀, 奈良). */
const LANDLOCKED = new Set(['09', '10', '11', '19', '20', '21', '25', '29']);

/** 希少糖 (rare sugar) is Kagawa's own research field. */
const RARE_SUGAR_PREFECTURE = '37';

export function plausibleField(name: string, drawn: string, prefectureCode?: string): string {
  for (const [pattern, field] of BY_NAME) if (pattern.test(name)) return field;
  if (ENGINEERING_NAME.test(name) && !ENGINEERING.has(drawn)) return 'ものづくり';
  if (prefectureCode === undefined) return drawn;
  if (drawn === '海洋・水産' && LANDLOCKED.has(prefectureCode)) return '環境';
  if (drawn === '希少糖' && prefectureCode !== RARE_SUGAR_PREFECTURE) return '食品・農業';
  return drawn;
}

/** Arts and religion: never technology seeds, whatever else the name says (東北芸術工科大学). */
const ARTS = /芸術|藝術|音楽|美術|造形|外国語|神学|仏教|宗教|大谷大学|國學院|大正大学/u;

/**
 * Bodies that govern, insure, finance, publish or care rather than research (ROR lists the
 * House of Councillors and the pension fund beside the national laboratories).
 */
const NOT_RESEARCH =
  /議院|議会|委員会|年金|管理運用|学生支援|新聞|統計センター|印刷局|造幣局|都市再生|鉄道建設|運輸施設|自動車事故|生涯学習|健康づくり|精神保健福祉|法務|のぞみの園|福祉医療機構|地域医療機能推進|生命保険|損害保険|銀行|証券|政策研究|基盤整備機構|日本総研|日本医療研究開発機構|医薬品医療機器総合機構/u;

const NO_TECHNOLOGY_SEEDS =
  /文化|文学|人文|経済|経営|商科|商業|法科|法律|国際|教育|体育|スポーツ|心理|ビジネス|観光|言語|英語|学芸|社会|女学院|短期大学/u;

/** Women's universities with science faculties; the others teach humanities and home economics. */
const SCIENCE_WOMENS_UNIVERSITIES = /お茶の水女子大学|奈良女子大学/u;

/** A national university of the social sciences only. */
const SOCIAL_SCIENCE_NATIONAL = /一橋大学/u;

/** A private university with fewer faculties is a one- or two-discipline school. */
const PRIVATE_MULTI_DISCIPLINE_FACULTIES = 10;

/** What the MEXT list says of a university: who runs it and how many faculties it has. */
export interface UniversityFacts {
  type: '国立' | '公立' | '私立';
  faculties: number;
}

/**
 * Whether an organisation's name allows it to own technology seeds. A small private university
 * whose name names no science (杉野服飾大学, 奈良大学) teaches none; a large one (早稲田大学) does.
 */
export function holdsTechnologySeeds(name: string, university?: UniversityFacts): boolean {
  if (ARTS.test(name) || NOT_RESEARCH.test(name)) return false;
  if (BY_NAME.some(([pattern]) => pattern.test(name)) || ENGINEERING_NAME.test(name)) return true;
  if (/女子大学/u.test(name)) return SCIENCE_WOMENS_UNIVERSITIES.test(name);
  if (NO_TECHNOLOGY_SEEDS.test(name) || SOCIAL_SCIENCE_NATIONAL.test(name)) return false;
  return (
    university === undefined ||
    university.type !== '私立' ||
    university.faculties >= PRIVATE_MULTI_DISCIPLINE_FACULTIES
  );
}
