/** A small ecosystem for matching and consultation tests (Shikoku plus Tokyo). */
import type { Repositories } from '#core/ports.ts';
import type { Viewer } from '#core/viewer.ts';
import { buildActor, buildNeed, buildRelation, buildSeed } from './factories.ts';

export const WORLD = {
  actors: [
    buildActor({ id: 'u1', sector: 'university', name: '徳島大学', prefectureCode: '36' }),
    buildActor({
      id: 'p1',
      kind: 'person',
      sector: 'university',
      name: '吉野 一郎',
      prefectureCode: '36',
      flags: ['researcher'],
      field: '環境',
    }),
    buildActor({
      id: 'b1',
      sector: 'financial',
      name: '阿波銀行',
      prefectureCode: '36',
      flags: ['bank'],
    }),
    buildActor({
      id: 'c1',
      name: '阿波精工株式会社',
      prefectureCode: '36',
      flags: ['sme'],
      field: '環境',
    }),
    buildActor({
      id: 'c2',
      name: '讃岐メッキ株式会社',
      prefectureCode: '37',
      flags: ['sme'],
      field: '環境',
    }),
    buildActor({ id: 'c3', name: '東京化工株式会社', prefectureCode: '13', field: '環境' }),
    buildActor({
      id: 'ps1',
      sector: 'public_research',
      name: '高知県工業技術センター',
      prefectureCode: '39',
    }),
  ],
  relations: [
    buildRelation({ sourceId: 'b1', targetId: 'c1', type: 'loan' }),
    buildRelation({ sourceId: 'b1', targetId: 'p1', type: 'joint_research' }),
    buildRelation({ sourceId: 'p1', targetId: 'u1', type: 'affiliation' }),
  ],
  seeds: [
    buildSeed({
      id: 's-chelate',
      ownerId: 'p1',
      title: 'キレート樹脂による重金属イオンの選択的吸着',
      abstract:
        'キレート樹脂を合成し、排水中の銅や亜鉛などの重金属イオンを選択的に吸着・回収する。',
      keywords: ['キレート樹脂', '吸着', '重金属', '排水'],
      field: '環境',
      prefectureCode: '36',
      trl: 4,
      sdgs: [6, 12],
    }),
    buildSeed({
      id: 's-icp',
      kind: 'facility',
      ownerId: 'ps1',
      title: 'ICP発光分光分析装置の開放利用',
      abstract: '排水や製品中の銅などの金属元素を分析できます。依頼試験に対応します。',
      keywords: ['分析', '金属', '排水'],
      field: '環境',
      prefectureCode: '39',
      trl: 9,
    }),
    buildSeed({
      id: 's-plating',
      ownerId: 'c3',
      title: 'めっき廃液からの銅の電解回収装置',
      abstract: 'めっき工場の廃液から銅を電解で回収し再利用する装置。',
      keywords: ['銅', '回収', 'めっき'],
      field: '環境',
      prefectureCode: '13',
      trl: 7,
      sdgs: [12],
    }),
    buildSeed({
      id: 's-semi',
      ownerId: 'u1',
      title: 'パワー半導体の高耐圧化',
      abstract: '炭化ケイ素を用いたパワーデバイスの設計。',
      keywords: ['半導体'],
      field: '電子',
      prefectureCode: '36',
      trl: 3,
    }),
  ],
  needs: [
    buildNeed({
      id: 'n-public',
      ownerId: 'c1',
      title: '工場排水から銅を回収したい',
      description:
        '阿波精工株式会社です。徳島市の工場の排水に銅が含まれ、処理費用がかさんでいます。',
      keywords: ['排水', '銅'],
      field: '環境',
      desiredTrl: 5,
      prefectureCode: '36',
      sdgs: [6],
    }),
    buildNeed({
      id: 'n-secret',
      ownerId: 'c2',
      confidentiality: 'confidential',
      title: 'めっき廃液の銅を回収して再利用したい',
      description:
        '讃岐メッキ株式会社の高松工場では、めっき廃液に含まれる銅を年間3トン廃棄している。',
      keywords: ['めっき', '銅', '回収'],
      field: '環境',
      prefectureCode: '37',
    }),
    buildNeed({
      id: 'n-members',
      ownerId: 'c3',
      confidentiality: 'members',
      title: '排水中の重金属を低コストで除去したい',
      keywords: ['重金属', '排水'],
      field: '環境',
      prefectureCode: '13',
    }),
  ],
};

export async function loadWorld(repos: Repositories): Promise<void> {
  await repos.entity('actors').upsertMany(WORLD.actors);
  await repos.entity('relations').upsertMany(WORLD.relations);
  await repos.entity('seeds').upsertMany(WORLD.seeds);
  await repos.entity('needs').upsertMany(WORLD.needs);
}

export const ANONYMOUS: Viewer = { kind: 'anonymous' };
/** Coordinators without an organisation, and members of the companies. */
export const COORDINATOR_K1: Viewer = {
  kind: 'account',
  accountId: 'k1',
  role: 'coordinator',
  organisationId: null,
};
export const COORDINATOR_K2: Viewer = {
  kind: 'account',
  accountId: 'k2',
  role: 'coordinator',
  organisationId: null,
};
export const MEMBER_OF = (
  organisationId: string,
  accountId = `acct-${organisationId}`,
): Viewer => ({
  kind: 'account',
  accountId,
  role: 'member',
  organisationId,
});
