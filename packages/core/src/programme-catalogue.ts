import type { Programme } from './entities/programme.ts';

/** Where the catalogue comes from: the ministries' and JST's own pages of each programme. */
export const CATALOGUE_SOURCE =
  '国の地域科学技術イノベーション施策（文部科学省・JST・経済産業省・中小企業庁の公表資料）';

/**
 * The real national programmes for regional science & technology innovation that every database
 * starts with (migration 10), so adoptions can name them by id or by their Japanese name. Adding one
 * later needs a migration of its own.
 */
export const NATIONAL_PROGRAMMES: readonly Programme[] = [
  {
    id: 'prog-rsp',
    name: '地域研究開発促進拠点支援事業（RSP事業）',
    nameEn: 'Regional Science Promoter Programme (RSP)',
    ministry: 'JST',
    startFy: 1996,
    endFy: 2008,
    type: 'rsp',
    description:
      'コーディネータを配置し、地域の研究開発ポテンシャルを掘り起こして産学官のネットワークを構築する事業。',
    source: CATALOGUE_SOURCE,
  },
  {
    id: 'prog-kesshu',
    name: '地域結集型共同研究事業',
    nameEn: 'Collaboration of Regional Entities for the Advancement of Technological Excellence',
    ministry: 'JST',
    startFy: 1997,
    endFy: 2010,
    type: 'cluster',
    description:
      '都道府県が選定した中核機関を核に、大学・公設試・企業が結集して共同研究を行う事業。',
    source: CATALOGUE_SOURCE,
  },
  {
    id: 'prog-chiteki-cluster',
    name: '知的クラスター創成事業',
    nameEn: 'Knowledge Cluster Initiative',
    ministry: '文部科学省',
    startFy: 2002,
    endFy: 2010,
    type: 'cluster',
    description:
      '地域の大学を核に、関係研究機関・研究開発型企業等による国際競争力のある技術革新のための集積（知的クラスター）を創成する事業。',
    source: CATALOGUE_SOURCE,
  },
  {
    id: 'prog-toshi-area',
    name: '都市エリア産学官連携促進事業',
    nameEn: 'City Area Program',
    ministry: '文部科学省',
    startFy: 2002,
    endFy: 2010,
    type: 'cluster',
    description:
      '地域の個性発揮を重視し、大学等の「知恵」を活用して新技術シーズを生み出し、新規事業等を創出する事業。',
    source: CATALOGUE_SOURCE,
  },
  {
    id: 'prog-sangyo-cluster',
    name: '産業クラスター計画',
    nameEn: 'Industrial Cluster Project',
    ministry: '経済産業省',
    startFy: 2001,
    endFy: 2009,
    type: 'cluster',
    description:
      '地域の中堅中小企業・ベンチャー企業が大学等の知恵を活用し、産業集積（クラスター）を形成する計画。',
    source: CATALOGUE_SOURCE,
  },
  {
    id: 'prog-innov-cluster',
    name: '地域イノベーションクラスタープログラム',
    nameEn: 'Regional Innovation Cluster Program',
    ministry: '文部科学省',
    startFy: 2010,
    endFy: 2012,
    type: 'cluster',
    description:
      '知的クラスター創成事業と都市エリア産学官連携促進事業を発展的に統合したプログラム。',
    source: CATALOGUE_SOURCE,
  },
  {
    id: 'prog-innov-senryaku',
    name: '地域イノベーション戦略支援プログラム',
    nameEn: 'Regional Innovation Strategy Support Program',
    ministry: '文部科学省',
    startFy: 2011,
    endFy: 2017,
    type: 'strategy',
    description:
      '地域イノベーション戦略推進地域として選定された地域の、地域主導の優れた構想を支援するプログラム。',
    source: CATALOGUE_SOURCE,
  },
  {
    id: 'prog-ecosystem',
    name: '地域イノベーション・エコシステム形成プログラム',
    nameEn: 'Program for Building Regional Innovation Ecosystems',
    ministry: '文部科学省',
    startFy: 2016,
    endFy: 2022,
    type: 'ecosystem',
    description:
      '地域の成長に貢献しようとする地域大学に事業プロデュースチームを創設し、地域の競争力の源泉となるコア技術等を核に事業化を推進するプログラム。',
    source: CATALOGUE_SOURCE,
  },
  {
    id: 'prog-coi',
    name: 'センター・オブ・イノベーション（COI）プログラム',
    nameEn: 'Center of Innovation Program',
    ministry: 'JST',
    startFy: 2013,
    endFy: 2021,
    type: 'coi',
    description:
      '10年後の目指すべき社会像を見据えたビジョン主導型のチャレンジング・ハイリスクな研究開発を支援するプログラム。',
    source: CATALOGUE_SOURCE,
  },
  {
    id: 'prog-coi-next',
    name: '共創の場形成支援プログラム（COI-NEXT）',
    nameEn: 'Program on Open Innovation Platform for Industry-academia Co-creation (COI-NEXT)',
    ministry: 'JST',
    startFy: 2020,
    type: 'coi',
    description:
      '大学等を中心とし、ビジョン主導・バックキャスト型で産学官共創拠点を形成するプログラム。',
    source: CATALOGUE_SOURCE,
  },
  {
    id: 'prog-chuukaku',
    name: '地域中核企業創出・支援事業',
    nameEn: 'Support for Regional Core Companies',
    ministry: '経済産業省',
    startFy: 2016,
    endFy: 2018,
    type: 'core_company',
    description:
      '地域経済を牽引する地域中核企業候補の事業化を、支援人材・ネットワークにより支援する事業。',
    source: CATALOGUE_SOURCE,
  },
  {
    id: 'prog-sapoin',
    name: '戦略的基盤技術高度化支援事業（サポイン事業）',
    nameEn: 'Strategic Core Technology Advancement Program (Supporting Industry Program)',
    ministry: '中小企業庁',
    startFy: 2006,
    endFy: 2021,
    type: 'matching',
    description: '中小企業のものづくり基盤技術の高度化に資する研究開発から試作までを支援する事業。',
    source: CATALOGUE_SOURCE,
  },
  {
    id: 'prog-start',
    name: '大学発新産業創出プログラム（START）',
    nameEn: 'Program for Creating STart-ups from Advanced Research and Technology',
    ministry: 'JST',
    startFy: 2012,
    type: 'startup',
    description:
      '事業プロモーターのマネジメントのもと、大学等の研究成果の事業化と大学発ベンチャーの創出を支援するプログラム。',
    source: CATALOGUE_SOURCE,
  },
  {
    id: 'prog-j-peaks',
    name: '地域中核・特色ある研究大学強化促進事業（J-PEAKS）',
    nameEn: 'Initiative for Realizing Diversity of Research Universities (J-PEAKS)',
    ministry: '文部科学省',
    startFy: 2023,
    type: 'university',
    description:
      '地域の中核大学や特定分野に強みを持つ大学が、研究力と社会実装を両輪で強化する取組を支援する事業。',
    source: CATALOGUE_SOURCE,
  },
];
