/** A small region for report tests: two clusters (Fukuoka, Hokkaido), a project, adoptions, cases. */
import type { Repositories } from '#core/ports.ts';
import { buildActor, buildRelation } from './factories.ts';

export async function loadRegionFixture(repos: Repositories): Promise<void> {
  const fukuoka = [
    buildActor({
      id: 'f-u',
      sector: 'university',
      name: '九州大学',
      prefectureCode: '40',
      lat: 33.6,
      lon: 130.4,
    }),
    buildActor({ id: 'f-c1', name: '博多精機<株>', prefectureCode: '40', lat: 33.58, lon: 130.42 }),
    buildActor({ id: 'f-c2', name: '北九州素材', prefectureCode: '40', lat: 33.88, lon: 130.88 }),
    buildActor({
      id: 'f-p',
      sector: 'prefecture',
      name: '福岡県',
      prefectureCode: '40',
      lat: 33.6,
      lon: 130.41,
    }),
  ];
  const hokkaido = [
    buildActor({
      id: 'h-u',
      sector: 'university',
      name: '北海道大学',
      prefectureCode: '01',
      lat: 43.07,
      lon: 141.34,
    }),
    buildActor({ id: 'h-c1', name: '札幌食品', prefectureCode: '01', lat: 43.06, lon: 141.35 }),
    buildActor({ id: 'h-c2', name: '小樽機械', prefectureCode: '01', lat: 43.19, lon: 141.0 }),
  ];
  await repos.entity('actors').upsertMany([...fukuoka, ...hokkaido]);
  const ring = (ids: string[]) =>
    ids.flatMap((a, i) =>
      ids.slice(i + 1).map((b) => buildRelation({ sourceId: a, targetId: b, weight: 3 })),
    );
  await repos
    .entity('relations')
    .upsertMany([
      ...ring(fukuoka.map((a) => a.id)),
      ...ring(hokkaido.map((a) => a.id)),
      buildRelation({ sourceId: 'f-u', targetId: 'h-u', type: 'co_authorship' }),
    ]);
  await repos
    .entity('programmes')
    .upsertMany([{ id: 'prog-1', name: '地域イノベーション・エコシステム形成プログラム' }]);
  await repos.entity('adoptions').upsertMany([
    {
      id: 'ad-1',
      programmeId: 'prog-1',
      regionName: '福岡地域',
      prefectureCodes: ['40'],
      startFy: 2022,
      endFy: 2026,
      interimGrade: 'B',
      participatingOrgs: 1,
      participatingCompanies: 1,
      continuation: 'ongoing',
    },
    {
      id: 'ad-2',
      programmeId: 'prog-1',
      regionName: '札幌地域',
      prefectureCodes: ['01'],
      startFy: 2010,
      endFy: 2014,
      finalGrade: 'S',
      continuation: 'successor',
    },
  ]);
  await repos.entity('projects').upsertMany([
    {
      id: 'pj-1',
      title: '小型医療機器の開発',
      stage: 'development',
      prefectureCode: '40',
      budget: 30_000_000,
      members: [
        { actorId: 'f-u', role: 'lead' },
        { actorId: 'f-c1', role: 'company' },
      ],
    },
  ]);
  await repos.entity('cases').upsertMany([
    {
      id: 'cs-1',
      title: '福岡の成功事例',
      outcome: 'success',
      factors: ['伴走支援'],
      prefectureCodes: ['40'],
    },
    { id: 'cs-2', title: '北海道の事例', outcome: 'failure', factors: [], prefectureCodes: ['01'] },
  ]);
}
