/**
 * The planted network of the end-to-end communities benchmark written as Musubi import files
 * (actors CSV, relations CSV) and as the CSV python-igraph reads: the same undirected edges,
 * duplicates removed so that every relation is one tie.
 *
 * Actors are organisations `P0000001…`, each in a prefecture drawn at random (the prefectures
 * carry no community signal, as in a network where ties cross borders); relations are `mou`
 * ties of weight 1 with no dates, so Musubi's tie strength is 1 and both sides optimise the
 * same unweighted modularity.
 */
import { once } from 'node:events';
import { createWriteStream, existsSync, renameSync, writeFileSync } from 'node:fs';
import { plantedPartition } from '../../packages/analytics/src/generators.ts';
import { createRng } from '../../packages/analytics/src/random.ts';

export interface PlantedFiles {
  readonly actorsCsv: string;
  readonly relationsCsv: string;
  /** Int32 little-endian planted community of node i (actor `actorIdOf(i)`). */
  readonly plantedPath: string;
  readonly nodes: number;
  readonly edges: number;
}

export function actorIdOf(node: number): string {
  return `P${String(node + 1).padStart(7, '0')}`;
}

async function writeLines(
  path: string,
  header: string,
  count: number,
  line: (i: number) => string,
) {
  const stream = createWriteStream(`${path}.part`);
  let chunk = header;
  for (let i = 0; i < count; i++) {
    chunk += line(i);
    if (chunk.length >= 1 << 20) {
      if (!stream.write(chunk)) await once(stream, 'drain');
      chunk = '';
    }
  }
  stream.end(chunk);
  await once(stream, 'finish');
  renameSync(`${path}.part`, path);
}

/** Writes the files under `dir` (reused when present: same size and seed, same bytes). */
export async function writePlantedFiles(
  dir: string,
  size: { nodeCount: number; averageDegree: number; communityCount: number; mixing: number },
  seed: number,
): Promise<PlantedFiles> {
  const stem = `planted-${size.nodeCount}-d${size.averageDegree}-s${seed}`;
  const actorsCsv = `${dir}/${stem}-actors.csv`;
  const relationsCsv = `${dir}/${stem}-relations.csv`;
  const plantedPath = `${dir}/${stem}-planted.i32`;
  const metaPath = `${dir}/${stem}.json`;
  if (
    existsSync(actorsCsv) &&
    existsSync(relationsCsv) &&
    existsSync(plantedPath) &&
    existsSync(metaPath)
  ) {
    const meta = JSON.parse(
      await import('node:fs').then((fs) => fs.readFileSync(metaPath, 'utf8')),
    ) as {
      edges: number;
    };
    return { actorsCsv, relationsCsv, plantedPath, nodes: size.nodeCount, edges: meta.edges };
  }
  const generated = plantedPartition({ ...size, rng: createRng(seed) });
  const n = generated.nodeCount;
  const seen = new Set<number>();
  const keep = new Uint8Array(generated.sources.length);
  let edges = 0;
  for (let e = 0; e < generated.sources.length; e++) {
    const u = generated.sources[e] as number;
    const v = generated.targets[e] as number;
    if (u === v) continue;
    const key = u < v ? u * n + v : v * n + u;
    if (seen.has(key)) continue;
    seen.add(key);
    keep[e] = 1;
    edges++;
  }
  seen.clear();
  const prefectureRng = createRng(seed + 1);
  const prefectures = new Uint8Array(n);
  for (let i = 0; i < n; i++) prefectures[i] = 1 + Math.floor(prefectureRng() * 47);
  await writeLines(
    actorsCsv,
    'id,kind,sector,name,prefecture_code\n',
    n,
    (i) =>
      `${actorIdOf(i)},organization,company,株式会社プラント${i + 1},${String(prefectures[i]).padStart(2, '0')}\n`,
  );
  let cursor = 0;
  await writeLines(relationsCsv, 'source_id,target_id,type,weight\n', edges, () => {
    while (keep[cursor] === 0) cursor++;
    const line = `${actorIdOf(generated.sources[cursor] as number)},${actorIdOf(generated.targets[cursor] as number)},mou,1\n`;
    cursor++;
    return line;
  });
  writeFileSync(
    plantedPath,
    new Uint8Array(
      generated.membership.buffer,
      generated.membership.byteOffset,
      generated.membership.byteLength,
    ),
  );
  writeFileSync(metaPath, JSON.stringify({ nodes: n, edges }));
  return { actorsCsv, relationsCsv, plantedPath, nodes: n, edges };
}
