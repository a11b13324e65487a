/**
 * Jurisdiction of national ministries' regional bureaus (地方支分部局): a regional bureau of METI
 * (経済産業局), MAFF (農政局), MLIT (地方整備局, 運輸局), MIC (総合通信局), MHLW (厚生局) or MOE
 * (地方環境事務所) serves the prefectures of its region only, so it is a candidate for a community
 * only when the community lies (at least partly) in that region.
 */

const range = (from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => String(from + i).padStart(2, '0'));

/**
 * METI's regional bureaus (経済産業局) and the prefectures each covers (Okinawa: 沖縄総合事務局).
 * 関東 includes 新潟, 山梨, 長野 and 静岡; 中部 covers 富山, 石川, 岐阜, 愛知, 三重; 近畿 includes 福井.
 */
const METI_BUREAUS: Readonly<Record<string, readonly string[]>> = {
  北海道: ['01'],
  東北: range(2, 7),
  関東: [...range(8, 15), '19', '20', '22'],
  中部: ['16', '17', '21', '23', '24'],
  近畿: ['18', ...range(25, 30)],
  中国: range(31, 35),
  四国: range(36, 39),
  九州: range(40, 46),
  沖縄: ['47'],
};

/**
 * The usual eight-region split (地方区分), used for the other ministries' bureaus, whose borders
 * differ in detail from METI's (e.g. 関東農政局 includes 静岡); close enough to keep a bureau of
 * 中部 away from a 東京 community.
 */
const REGIONS: Readonly<Record<string, readonly string[]>> = {
  北海道: ['01'],
  東北: range(2, 7),
  関東: range(8, 14),
  北陸: ['15', '16', '17', '18'],
  中部: ['15', ...range(16, 24)],
  東海: ['21', '22', '23', '24'],
  近畿: range(25, 30),
  中国: range(31, 35),
  四国: range(36, 39),
  九州: range(40, 46),
  沖縄: ['47'],
};

const BUREAU =
  /^(北海道|東北|関東|北陸|中部|東海|近畿|中国|四国|九州|沖縄)(経済産業局|農政局|地方整備局|総合通信局|厚生局|地方厚生局|運輸局|地方環境事務所|総合事務局)/u;

/**
 * The prefectures a regional bureau serves, from its name; null for an actor that is not a regional
 * bureau (a ministry, an agency, anything else), which may serve anywhere.
 */
export function bureauJurisdiction(name: string): readonly string[] | null {
  const match = BUREAU.exec(name.normalize('NFKC').replace(/^経済産業省\s*/u, ''));
  if (!match) return null;
  const [, region = '', office = ''] = match;
  if (office === '経済産業局') return METI_BUREAUS[region] ?? null;
  return REGIONS[region] ?? null;
}
