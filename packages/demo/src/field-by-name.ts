/**
 * A plausible field for a real organisation whose name says its discipline: a medical university
 * works in life science, an agricultural experiment station in food and agriculture. Names that
 * say nothing keep the field drawn from their community; arts, humanities and social-science
 * schools hold no technology seeds.
 */

const BY_NAME: readonly (readonly [pattern: RegExp, field: string])[] = [
  // companies: the business word of the name (精工, 製菓, 光学…)
  [/医科器械|メディカル/u, '医療機器'],
  [/製薬|薬品/u, 'ライフサイエンス'],
  [/製菓|酒造|醸造|フーズ|農産/u, '食品・農業'],
  [/光学|レンズ/u, '光・量子'],
  [/半導体|デバイス/u, '半導体'],
  [/(?<!理)化学|化成|セラミックス|繊維|樹脂|ゴム|金属/u, '材料'],
  [/鉄工|精工|製作所|機械/u, 'ものづくり'],
  [/システム|情報サービス|ソフトウェア/u, 'IoT・AI'],
  [/電機|電力/u, 'エネルギー'],
  [/環境開発|リサイクル/u, '環境'],
  // universities and research institutes: the discipline in the name
  [/医科|医学|薬科|薬学|歯科|衛生研究所/u, 'ライフサイエンス'],
  [/看護|保健|医療|リハビリ|福祉/u, '医療機器'],
  [/水産|海洋|商船|漁業/u, '海洋・水産'],
  [/農業|農林|農学|獣医|畜産|酪農|果樹|茶業|林業|森林|園芸|栄養|食品|食物/u, '食品・農業'],
  [/環境|公害/u, '環境'],
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

const ENGINEERING_NAME = /工業|工科|工学|技術科学|高等専門学校|産業技術|工業技術/u;

export function plausibleField(name: string, drawn: string): string {
  for (const [pattern, field] of BY_NAME) if (pattern.test(name)) return field;
  if (ENGINEERING_NAME.test(name) && !ENGINEERING.has(drawn)) return 'ものづくり';
  return drawn;
}

/** Arts and religion: never technology seeds, whatever else the name says (東北芸術工科大学). */
const ARTS = /芸術|音楽|美術|造形|外国語|神学|仏教|宗教/u;

const NO_TECHNOLOGY_SEEDS =
  /文化|文学|人文|経済|経営|商科|商業|法科|法律|国際|教育|体育|スポーツ|心理|ビジネス|観光|言語|英語|学芸|社会|女学院|短期大学/u;

/** Whether an organisation's name allows it to own technology seeds. */
export function holdsTechnologySeeds(name: string): boolean {
  if (ARTS.test(name)) return false;
  if (BY_NAME.some(([pattern]) => pattern.test(name)) || ENGINEERING_NAME.test(name)) return true;
  return !NO_TECHNOLOGY_SEEDS.test(name);
}
