/** Community needs (地域着ニーズ) as residents and their towns, NPOs and schools say them. */
/**
 * Regional problems of residents (地域着: 不平・不満・不安・不便). `{place}` is the owner's
 * municipality; `owners` names which community owners raise it, by a word in their name.
 */
export interface CommunityNeedPhrase {
  readonly wish: string;
  readonly field: string;
  readonly sdgs: readonly number[];
  /** A pattern on the owner's name (an NPO's theme, a school's course); absent: anyone. */
  readonly owners?: RegExp;
}

const c = (wish: string, field: string, sdgs: number[], owners?: RegExp): CommunityNeedPhrase => ({
  wish,
  field,
  sdgs,
  ...(owners ? { owners } : {}),
});

export const COMMUNITY_NEED_PHRASES: readonly CommunityNeedPhrase[] = [
  c('{place}で一人暮らしのお年寄りの見守りを続けたい', 'IoT・AI', [3, 11], /見守り|市|町|村|県/u),
  c(
    '{place}で夜に外へ出て道に迷うお年寄りを早く見つけたい',
    'IoT・AI',
    [3, 11],
    /見守り|市|町|村/u,
  ),
  c(
    '{place}のバスが減った集落で買い物や通院の足を確保したい',
    'IoT・AI',
    [11],
    /まちづくり|市|町|村|県/u,
  ),
  c(
    '{place}でイノシシやシカの畑の被害を減らしたい',
    '食品・農業',
    [2, 15],
    /食と農|市|町|村|県|農業高等学校/u,
  ),
  c(
    '{place}の竹やぶが広がって山が荒れるのを止めたい',
    'エネルギー',
    [15],
    /環境|まちづくり|町|村/u,
  ),
  c(
    '{place}の空き家を地域の集まる場所にしたい',
    'ものづくり',
    [11],
    /まちづくり|地域振興|市|町|村/u,
  ),
  c('{place}の川が濁ったり臭ったりする原因を知りたい', '環境', [6, 14], /環境|市|町|村|県/u),
  c('{place}の公民館に災害の時も使える電気を用意したい', 'エネルギー', [7, 11], /市|町|村/u),
  c(
    '{place}の特産品を海外のお客さんに届けたい',
    '食品・農業',
    [8],
    /地域振興|食と農|市|町|村|商工|産業振興/u,
  ),
  c(
    '{place}で自宅で療養するお年寄りの体調の変化に早く気付きたい',
    '医療機器',
    [3],
    /見守り|市|町|村/u,
  ),
  c('{place}の海岸に流れ着くごみを減らしたい', '環境', [14], /環境|市|町|村|水産高等学校/u),
  c(
    '{place}の高校生に地元の会社の仕事を知ってもらいたい',
    'ものづくり',
    [4, 8],
    /高等学校|商工|産業振興|市/u,
  ),
  c('{place}の山の間伐材の使い道を増やしたい', 'エネルギー', [7, 15], /環境|町|村|県/u),
  c('{place}の漁業を継ぐ若い人を育てたい', '海洋・水産', [8, 14], /水産高等学校|市|町|村|県/u),
  c('{place}の給食の食べ残しを減らしたい', '食品・農業', [2, 12], /食と農|市|町|村/u),
  c(
    '{place}の子どもたちが科学に触れる機会を増やしたい',
    'IoT・AI',
    [4],
    /子ども科学|高等学校|市|町/u,
  ),
  c(
    '{place}の農家の高齢化で荒れていく田畑を守りたい',
    '食品・農業',
    [2, 15],
    /食と農|農業高等学校|町|村/u,
  ),
  c('{place}の道路や橋の傷みを少ない人手で点検したい', 'IoT・AI', [9, 11], /市|町|村|県/u),
  c('{place}の冬の雪かきの負担を軽くしたい', 'エネルギー', [11], /市|町|村/u),
  c('{place}の商店街に人の流れを取り戻したい', 'IoT・AI', [8, 11], /まちづくり|地域振興|商工|市/u),
  c('{place}のため池の水が夏に傷むのを防ぎたい', '環境', [6], /環境|食と農|町|村/u),
  c(
    '{place}の工業高校の実習に地元企業の最新の技術を取り入れたい',
    'ものづくり',
    [4, 9],
    /工業高等学校/u,
  ),
  c('{place}の農業高校で育てた作物を商品にして売りたい', '食品・農業', [4, 8], /農業高等学校/u),
  c(
    '{place}の水産高校の実習船で海の様子を記録して役立てたい',
    '海洋・水産',
    [4, 14],
    /水産高等学校/u,
  ),
  c(
    '{place}の商業高校の生徒と一緒に地元の商品を売り出したい',
    '食品・農業',
    [4, 8],
    /商業高等学校/u,
  ),
  c(
    '{place}の小さな会社の人手不足を一緒に解決したい',
    'IoT・AI',
    [8],
    /商工|産業振興|インキュベーション|イノベーション|スタートアップ|TLO|市|県/u,
  ),
  c('{place}の会社の跡継ぎ問題を技術の面から支えたい', 'ものづくり', [8], /商工|産業振興|市|県/u),
  c(
    '{place}の病院に通えないお年寄りの診察を家で受けられるようにしたい',
    '医療機器',
    [3],
    /見守り|町|村|県/u,
  ),
];
