/**
 * Precision and recall of entity resolution on labelled sets built from the demo and from the real
 * ROR records of Japanese organisations (docs/decisions/009). Run: node bin/run-ts.mjs scripts/measure-resolution.ts
 */
import { readFileSync } from 'node:fs';
import { createRng } from '#analytics/random.ts';
import { normalizeActorName } from '#connectors/actor-names.ts';
import type { KnownActor } from '#connectors/resolve-actor.ts';
import { generateActors } from '#demo/generate-actors.ts';
import { createRandom } from '#demo/random.ts';
import { buildLabelledSet, evaluateResolution } from '#services/connectors/evaluate-resolution.ts';

/** One actor per normalised name, kind and place: the labels must not call two records one actor. */
function distinct(actors: KnownActor[]): KnownActor[] {
  const seen = new Set<string>();
  return actors.filter((a) => {
    const key = `${a.kind}:${normalizeActorName(a.name)}:${a.prefectureCode ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function report(label: string, actors: KnownActor[]): void {
  const { indexed, queries } = buildLabelledSet(distinct(actors), createRng(2026));
  const f = evaluateResolution(indexed, queries);
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  console.log(
    `\n${label}: ${indexed.length} indexed, ${f.queries} queries, ${f.positives} positives`,
  );
  console.log(
    `  sure merges:       precision ${pct(f.sure.precision)} (${f.sure.correct}/${f.sure.decided}), recall ${pct(f.sure.recall)}`,
  );
  console.log(
    `  sure or to review: precision ${pct(f.candidate.precision)} (${f.candidate.correct}/${f.candidate.decided}), recall ${pct(f.candidate.recall)}`,
  );
  for (const [variant, row] of Object.entries(f.byVariant).sort()) {
    console.log(
      `  ${variant.padEnd(12)} ${String(row.queries).padStart(6)} queries: sure ${row.sure}, review ${row.likely}, right candidate ${row.correctCandidate}`,
    );
  }
}

const world = generateActors(createRandom(1), 1);
report(
  'demo (all actors)',
  world.actors.map((a) => ({
    id: a.id,
    kind: a.kind,
    name: a.name,
    prefectureCode: a.prefectureCode,
  })),
);

const ror = JSON.parse(
  readFileSync('/work/shared/data/jp-research-orgs-ror/ror-jp-organizations.json', 'utf8'),
) as {
  ror_id: string;
  name: string;
  name_ja?: string;
  pref_code?: string;
}[];
report(
  'ROR Japanese organisations',
  ror.map((r) => ({
    id: r.ror_id,
    kind: 'organization' as const,
    name: r.name_ja || r.name,
    ...(r.pref_code ? { prefectureCode: r.pref_code } : {}),
  })),
);
