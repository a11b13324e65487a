/**
 * The actors-based communities (ABC, 広域連携) planted in the demo network: some inside one
 * prefecture, others spanning two to five neighbouring prefectures. Actors are dense inside a
 * community and sparse between, so community detection recovers them, and they do not coincide
 * with prefectures (several prefectures hold two communities; many communities hold several
 * prefectures).
 */
export interface PlantedCommunity {
  id: string;
  name: string;
  prefectureCodes: readonly string[];
  /** Leading fields (the first is the main theme). */
  fields: readonly string[];
  /** Relative size. */
  weight: number;
}

export const PLANTED_COMMUNITIES: readonly PlantedCommunity[] = [
  {
    id: 'abc-doo',
    name: '道央 食と健康',
    prefectureCodes: ['01'],
    fields: ['食品・農業', 'ライフサイエンス'],
    weight: 3,
  },
  {
    id: 'abc-tokachi',
    name: '十勝・オホーツク アグリバイオ',
    prefectureCodes: ['01'],
    fields: ['食品・農業', 'エネルギー'],
    weight: 1.5,
  },
  {
    id: 'abc-kita-tohoku',
    name: '北東北 ものづくり連携',
    prefectureCodes: ['02', '03', '05'],
    fields: ['ものづくり', '半導体'],
    weight: 2.5,
  },
  {
    id: 'abc-minami-tohoku',
    name: '南東北 医工連携',
    prefectureCodes: ['04', '06', '07'],
    fields: ['医療機器', '放射光'],
    weight: 3,
  },
  {
    id: 'abc-hamadori',
    name: '福島浜通り エネルギー・ロボット',
    prefectureCodes: ['07'],
    fields: ['エネルギー', 'IoT・AI'],
    weight: 1.2,
  },
  {
    id: 'abc-kita-kanto',
    name: '北関東 次世代モビリティ',
    prefectureCodes: ['09', '10', '08'],
    fields: ['ものづくり', 'エネルギー'],
    weight: 2.5,
  },
  {
    id: 'abc-tsukuba',
    name: 'つくば サイエンス',
    prefectureCodes: ['08'],
    fields: ['材料', 'IoT・AI'],
    weight: 2,
  },
  {
    id: 'abc-tama',
    name: '首都圏西部 TAMA ものづくり',
    prefectureCodes: ['13', '11', '19'],
    fields: ['ものづくり', '光・量子'],
    weight: 3.5,
  },
  {
    id: 'abc-tokyo-life',
    name: '東京 ライフサイエンス',
    prefectureCodes: ['13'],
    fields: ['ライフサイエンス', '医療機器'],
    weight: 4,
  },
  {
    id: 'abc-keihin',
    name: '京浜臨海 グリーンイノベーション',
    prefectureCodes: ['14', '13'],
    fields: ['環境', 'エネルギー'],
    weight: 3,
  },
  {
    id: 'abc-chiba',
    name: '千葉 ヘルスケア・食',
    prefectureCodes: ['12'],
    fields: ['ライフサイエンス', '食品・農業'],
    weight: 1.8,
  },
  {
    id: 'abc-shinetsu',
    name: '信越 精密・発酵',
    prefectureCodes: ['15', '20'],
    fields: ['ものづくり', '食品・農業'],
    weight: 2.5,
  },
  {
    id: 'abc-hokuriku',
    name: '北陸 ライフ・マテリアル',
    prefectureCodes: ['16', '17', '18'],
    fields: ['材料', '医療機器'],
    weight: 3,
  },
  {
    id: 'abc-fuji',
    name: '富士山麓 ファルマバレー',
    prefectureCodes: ['22'],
    fields: ['医療機器', 'ライフサイエンス'],
    weight: 1.5,
  },
  {
    id: 'abc-hamamatsu',
    name: '浜松 光・電子',
    prefectureCodes: ['22'],
    fields: ['光・量子', 'ものづくり'],
    weight: 1.8,
  },
  {
    id: 'abc-tokai',
    name: '東海 次世代ものづくり',
    prefectureCodes: ['23', '21', '24'],
    fields: ['ものづくり', '材料'],
    weight: 4,
  },
  {
    id: 'abc-mikawa',
    name: '三河 自動車・ロボット',
    prefectureCodes: ['23'],
    fields: ['IoT・AI', 'ものづくり'],
    weight: 2,
  },
  {
    id: 'abc-biwako',
    name: 'びわ湖・京都 環境',
    prefectureCodes: ['25', '26'],
    fields: ['環境', 'ライフサイエンス'],
    weight: 2.5,
  },
  {
    id: 'abc-kansai-bio',
    name: '関西 バイオメディカル',
    prefectureCodes: ['27', '28', '26'],
    fields: ['ライフサイエンス', '医療機器'],
    weight: 4,
  },
  {
    id: 'abc-higashi-osaka',
    name: '東大阪 ものづくり',
    prefectureCodes: ['27'],
    fields: ['ものづくり', 'IoT・AI'],
    weight: 2,
  },
  {
    id: 'abc-harima',
    name: '播磨 放射光',
    prefectureCodes: ['28'],
    fields: ['放射光', '材料'],
    weight: 1.3,
  },
  {
    id: 'abc-kii',
    name: '紀伊半島 農と食',
    prefectureCodes: ['29', '30', '24'],
    fields: ['食品・農業', '海洋・水産'],
    weight: 1.5,
  },
  {
    id: 'abc-sanin',
    name: '山陰 素材・健康',
    prefectureCodes: ['31', '32'],
    fields: ['材料', 'ライフサイエンス'],
    weight: 1.2,
  },
  {
    id: 'abc-setouchi',
    name: '瀬戸内 グリーン化学',
    prefectureCodes: ['33', '34', '37'],
    fields: ['環境', '材料'],
    weight: 3,
  },
  {
    id: 'abc-setouchi-west',
    name: '瀬戸内西部 コンビナート',
    prefectureCodes: ['35', '34'],
    fields: ['エネルギー', '材料'],
    weight: 1.5,
  },
  {
    id: 'abc-kagawa',
    name: 'かがわ 希少糖',
    prefectureCodes: ['37'],
    fields: ['希少糖', '食品・農業'],
    weight: 1,
  },
  {
    id: 'abc-shikoku',
    name: '四国 LED・食',
    prefectureCodes: ['36', '38', '39'],
    fields: ['光・量子', '食品・農業'],
    weight: 2,
  },
  {
    id: 'abc-kyushu-north',
    name: '九州北部 シリコンアイランド',
    prefectureCodes: ['40', '41', '44'],
    fields: ['半導体', 'IoT・AI'],
    weight: 3.5,
  },
  {
    id: 'abc-fukuoka',
    name: '福岡 スタートアップ',
    prefectureCodes: ['40'],
    fields: ['IoT・AI', 'ライフサイエンス'],
    weight: 2,
  },
  {
    id: 'abc-ariake',
    name: '有明・西九州 海と環境',
    prefectureCodes: ['42', '43'],
    fields: ['海洋・水産', '環境'],
    weight: 2,
  },
  {
    id: 'abc-minami-kyushu',
    name: '南九州 フードバレー',
    prefectureCodes: ['45', '46'],
    fields: ['食品・農業', 'エネルギー'],
    weight: 2,
  },
  {
    id: 'abc-okinawa',
    name: '沖縄 海洋バイオ',
    prefectureCodes: ['47'],
    fields: ['海洋・水産', 'ライフサイエンス'],
    weight: 1,
  },
];
