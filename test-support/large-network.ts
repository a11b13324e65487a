import type { Repositories } from '#core/ports.ts';
import { buildActor, buildRelation } from './factories.ts';

const PREFECTURES = ['13', '14', '22', '27', '40'];

/**
 * Organisations in five prefectures with dense ties: enough for the brokers analysis to take a while
 * (seconds for the brokers, the communities and the web views' snapshot at 1,500).
 */
export async function loadLargeNetwork(repos: Repositories, size: number): Promise<void> {
  const sectors = ['university', 'company', 'public_research', 'prefecture'] as const;
  const actors = Array.from({ length: size }, (_, i) =>
    buildActor({
      id: `a${i}`,
      sector: sectors[i % sectors.length],
      prefectureCode: PREFECTURES[i % PREFECTURES.length],
      name: `組織${i}`,
    }),
  );
  await repos.entity('actors').upsertMany(actors);
  let state = 7;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  const relations = Array.from({ length: size * 8 }, (_, i) => {
    const source = i % size;
    // Most ties near in the ring (communities), some across it (brokers).
    const hop = random() < 0.9 ? 1 + Math.floor(random() * 40) : Math.floor(random() * size);
    return buildRelation({ sourceId: `a${source}`, targetId: `a${(source + hop) % size}` });
  });
  await repos.entity('relations').upsertMany(relations);
}
