/**
 * Real KAKEN projects (科学研究費助成事業, NII's KAKEN database): award number, title and keywords
 * of 25 KAKENHI projects started in FY2019, as KAKEN-ATLAS publishes them
 * (`/work/shared/data/real-samples/kaken`, credit 「KAKEN：科学研究費助成事業データベース
 * （国立情報学研究所）」). The field is the demo vocabulary's closest one, chosen by hand from the
 * title and keywords; the principal investigators and amounts are the demo's own.
 */
export interface KakenRegisterEntry {
  awardNumber: string;
  title: string;
  keywords: readonly string[];
  field: string;
}

const row = (awardNumber: string, title: string, keywords: string, field: string) => ({
  awardNumber,
  title,
  keywords: keywords.split('、').slice(0, 8),
  field,
});

export const KAKEN_REGISTER: readonly KakenRegisterEntry[] = [
  row(
    '19K24385',
    '活性汚泥からの亜硝酸ガス（HONO）発生量の定量と発生メカニズムの解明',
    'nitrite、嫌気、活性汚泥、亜硝酸、HONO、硝化、脱窒、下水処理場',
    '環境',
  ),
  row(
    '19K24378',
    'Enhanced cementation of gold ions via synergistic effect using activated carbon and zerovalent aluminum: A novel approach to recover gold ions from ammonium thiosulfate system',
    'Ammonium thiosulfate、Gold、Cementation、Aluminum、Activated carbon',
    '材料',
  ),
  row(
    '19K24377',
    '騒音は生物多様性の重大脅威か？：生息地の分断化との影響比較と相互影響の解明',
    '騒音汚染、生息地の分断化、鳥類、種数・個体数、感覚生態学、交通騒音、生物多様性',
    '環境',
  ),
  row(
    '19K24371',
    'One model for all sounds: fast and high-quality neural source-filter model for speech and non-speech waveform modeling',
    'Speech synthesis、Waveform modeling、Deep learning、Neural network',
    'IoT・AI',
  ),
  row(
    '19K24343',
    'サービスロボットのための雑音に頑健な音声認識および音声対話の研究',
    '音声認識、音声対話、ニューラルネットワーク、機械学習',
    'IoT・AI',
  ),
  row(
    '19K24340',
    '非凸性に基づく統計モデリングと収束保証付き推定アルゴリズム',
    '統計モデリング、非凸性、推定アルゴリズム、実データ解析、非凸最適化、収束保証',
    'IoT・AI',
  ),
  row(
    '19K24332',
    '人工甘味料による骨格筋不全メカニズムの解明および自発運動による改善効果の検討',
    '人工甘味料、骨格筋、耐糖能異常、アセスルファムK、スクラロース、マウス',
    'ライフサイエンス',
  ),
  row(
    '19K24323',
    '活動制限に伴う骨格筋リボソーム量の減少は、廃用性筋萎縮の原因となりうるか？',
    '廃用性筋萎縮、骨格筋萎縮、リボソーム分解、リボソーム、骨格筋、筋タンパク質合成',
    'ライフサイエンス',
  ),
  row(
    '19K24305',
    '男女の身体的特徴の違いが平泳ぎキック動作に与える影響',
    '水泳、男女差、指導法、股関節、パフォーマンス、競技力向上',
    '医療機器',
  ),
  row(
    '19K24281',
    '共振に基づいた反動動作の理解',
    '筋-腱複合体、共振、伸張-短縮サイクル、振動刺激、伸張反射',
    '医療機器',
  ),
  row(
    '19K24273',
    '産後うつ予防を目的とした産後3か月間の食生活の解析',
    '栄養学、産後うつ、食事パターン、栄養指導、食事指導、育児支援',
    '食品・農業',
  ),
  row(
    '19K24263',
    '在宅療養の拡充に向けた退院時の食生活支援の在り方に関する検討',
    '退院時支援、食事管理、共有意思決定、高齢者、慢性疾患、地域包括ケアシステム',
    '医療機器',
  ),
  row(
    '19K24250',
    'RSウイルスの乳児での感染拡大を規定する因子に関する研究',
    'RSV、世帯内感染、感染伝播',
    'ライフサイエンス',
  ),
  row(
    '19K24241',
    '疼痛治療新規ターゲットとしての縫線核ドパミンニューロン群',
    'dopamine transporter、dorsal raphe、periaqueductal grey、pain',
    'ライフサイエンス',
  ),
  row(
    '19K24238',
    '特別養子縁組制度を選択した生みの親と養親の現状と支援に関する研究',
    '特別養子縁組、生みの親、養親、養子、社会的養護、支援',
    'ライフサイエンス',
  ),
  row(
    '19K24229',
    '大規模ゲノムコホートによる糖尿病合併症の性特異的遺伝・環境要因の同定',
    '糖尿病、コホート研究、性差、コホート',
    'ライフサイエンス',
  ),
  row(
    '19K24210',
    '効果的な睡眠指導の実施体制構築に向けた，睡眠に注意を要する者の探索的類型',
    '睡眠休養感、生活習慣、類型化、潜在クラス分析、労働者、特定健診、保健指導',
    'ライフサイエンス',
  ),
  row(
    '19K24177',
    '全国の市区町村における訪問リハビリテーションの需要と供給体制',
    '訪問リハビリテーション、供給体制、地域格差、高齢者、理学療法士、作業療法士',
    '医療機器',
  ),
  row(
    '19K23694',
    '有機電解反応技術を応用した難粉末化農産物の乾燥粉砕化プロセスの開発',
    '電解還元、乾燥粉砕化、食品工学、食品製造・加工',
    '食品・農業',
  ),
  row(
    '19K23688',
    'リグニンナノ粒子のハイスループット合成技術の確立と機能化技術の開発',
    'リグニン、ナノ粒子、エアロゾルフロー、超黒色炭素、カーボンナノ粒子、バイオマス',
    '材料',
  ),
  row(
    '19K23523',
    'シリコン熱電素子を用いたIoT向け環境調和型電源の開発',
    '環境発電、蓄電素子、生分解性、スーパーキャパシタ、熱電発電、熱電素子',
    'エネルギー',
  ),
  row(
    '19K23341',
    '子どもの環境学習における都市のグリーンインフラの活用に関する研究',
    '子ども、生態系サービス、自然体験、環境学習、グリーンインフラ、環境教育',
    '環境',
  ),
  row(
    '19K23269',
    '地域資源活用における多角的意義の創出－「調和性」をキーとした自然科学的手法から－',
    '地域資源、木材、統計力学',
    '材料',
  ),
  row(
    '19K23235',
    'デジタル社会における新しい組織化形態の探求',
    'オンライン・コミュニティ、新しい組織化、デジタル技術、プラットフォーム、知識共有',
    'IoT・AI',
  ),
  row(
    '19K23192',
    '津波リスクを考慮した合理的な土地利用の形成と持続可能な防災都市に関する研究',
    '津波、ヘドニック、自然災害、ハザードマップ、災害、地価、都市経済',
    '環境',
  ),
];
