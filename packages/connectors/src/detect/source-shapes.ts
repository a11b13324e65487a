import type { SourceName } from '../connector.ts';

/**
 * The published shapes Musubi's connectors read, each named for the source and the form it comes
 * in (a file of the download service, an API answer, a dump). The order is the order of the
 * sources on the command line.
 */
export const SOURCE_SHAPES = {
  'houjin-full-csv': 'houjin-bangou',
  'houjin-diff-csv': 'houjin-bangou',
  'houjin-csv': 'houjin-bangou',
  'houjin-webapi-csv': 'houjin-bangou',
  'houjin-xml': 'houjin-bangou',
  'gbizinfo-json': 'gbizinfo',
  'gbizinfo-basic-csv': 'gbizinfo',
  'gbizinfo-subsidy-csv': 'gbizinfo',
  'gbizinfo-procurement-csv': 'gbizinfo',
  'gbizinfo-patent-csv': 'gbizinfo',
  'researchmap-jsonld': 'researchmap',
  'researchmap-jsonl': 'researchmap',
  'kaken-projects-xml': 'kaken',
  'kaken-researchers-json': 'kaken',
  'kaken-csv': 'kaken',
  'openalex-json': 'openalex',
  'openalex-jsonl': 'openalex',
  'ror-json': 'ror',
  'ror-csv': 'ror',
  'estat-stats-json': 'estat',
  'estat-meta-json': 'estat',
  'jgrants-json': 'jgrants',
} as const satisfies Record<string, SourceName>;
export type SourceShape = keyof typeof SOURCE_SHAPES;
export const SHAPE_NAMES = Object.keys(SOURCE_SHAPES) as SourceShape[];

/** Each shape in words, Japanese and English (the web's message files say the same). */
export const SHAPE_LABELS: Record<SourceShape, { ja: string; en: string }> = {
  'houjin-full-csv': { ja: '法人番号 全件 CSV', en: 'Corporate Number full-data CSV' },
  'houjin-diff-csv': { ja: '法人番号 差分 CSV', en: 'Corporate Number difference CSV' },
  'houjin-csv': {
    ja: '法人番号 CSV（全件・差分）',
    en: 'Corporate Number CSV (full or difference)',
  },
  'houjin-webapi-csv': { ja: '法人番号 Web-API CSV', en: 'Corporate Number Web-API CSV' },
  'houjin-xml': { ja: '法人番号 XML', en: 'Corporate Number XML' },
  'gbizinfo-json': { ja: 'gBizINFO REST API JSON', en: 'gBizINFO REST API JSON' },
  'gbizinfo-basic-csv': { ja: 'gBizINFO 基本情報 CSV', en: 'gBizINFO basic data CSV' },
  'gbizinfo-subsidy-csv': { ja: 'gBizINFO 補助金 CSV', en: 'gBizINFO subsidies CSV' },
  'gbizinfo-procurement-csv': { ja: 'gBizINFO 調達 CSV', en: 'gBizINFO procurement CSV' },
  'gbizinfo-patent-csv': { ja: 'gBizINFO 特許 CSV', en: 'gBizINFO patents CSV' },
  'researchmap-jsonld': { ja: 'researchmap 研究者 JSON-LD', en: 'researchmap researcher JSON-LD' },
  'researchmap-jsonl': {
    ja: 'researchmap 研究者 JSON Lines',
    en: 'researchmap researchers, JSON Lines',
  },
  'kaken-projects-xml': { ja: 'KAKEN 研究課題 XML', en: 'KAKEN projects XML' },
  'kaken-researchers-json': { ja: 'KAKEN 研究者 JSON', en: 'KAKEN researchers JSON' },
  'kaken-csv': { ja: 'KAKEN 研究課題 CSV', en: 'KAKEN projects CSV' },
  'openalex-json': { ja: 'OpenAlex JSON', en: 'OpenAlex JSON' },
  'openalex-jsonl': {
    ja: 'OpenAlex JSON Lines（スナップショット）',
    en: 'OpenAlex JSON Lines (snapshot)',
  },
  'ror-json': { ja: 'ROR データダンプ JSON', en: 'ROR data dump JSON' },
  'ror-csv': { ja: 'ROR データダンプ CSV', en: 'ROR data dump CSV' },
  'estat-stats-json': {
    ja: 'e-Stat 統計データ JSON（getStatsData）',
    en: 'e-Stat statistics JSON (getStatsData)',
  },
  'estat-meta-json': {
    ja: 'e-Stat メタ情報 JSON（getMetaInfo）',
    en: 'e-Stat metadata JSON (getMetaInfo)',
  },
  'jgrants-json': { ja: 'Jグランツ 補助金 JSON', en: 'jGrants subsidies JSON' },
};
