import { normalizeActorName } from '#connectors/actor-names.ts';
import type { ActorKeys } from '#connectors/connector.ts';
import { ActorIndex, type KnownActor } from '#connectors/resolve-actor.ts';
import type { Rng } from '#analytics/random.ts';

/** A query with its right answer: the actor it is, or none. */
export interface LabelledQuery {
  keys: ActorKeys;
  /** The actor the query names; undefined when it names no indexed actor. */
  expected: string | undefined;
  variant: string;
}

export interface ResolutionFigures {
  queries: number;
  positives: number;
  /** Merged without asking: how often right, and how many of the positives. */
  sure: { decided: number; correct: number; precision: number; recall: number };
  /** Merged or sent to review with the right candidate. */
  candidate: { decided: number; correct: number; precision: number; recall: number };
  byVariant: Record<
    string,
    { queries: number; sure: number; likely: number; correctCandidate: number }
  >;
}

const FULL_WIDTH_OFFSET = 0xfee0;

function toFullWidth(value: string): string {
  return value.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + FULL_WIDTH_OFFSET));
}

function pick<T>(rng: Rng, values: readonly T[]): T | undefined {
  return values[Math.floor(rng() * values.length)];
}

/** Legal-form spellings of the same corporation (株式会社 before or after, （株）, ㈱, 国立大学法人). */
function legalFormVariant(rng: Rng, name: string): string {
  const bare = name.replace(/株式会社|国立大学法人|\s/g, '');
  if (name.includes('株式会社'))
    return pick(rng, [`${bare}株式会社`, `（株）${bare}`, `㈱${bare}`, `株式会社 ${bare}`]) ?? bare;
  if (/大学$/.test(name) && !name.includes('法人')) return `国立大学法人${name}`;
  return name.startsWith('国立大学法人') ? bare : `一般社団法人${name}`;
}

/** One character replaced by another of the name: a typing or transcription slip. */
function typo(rng: Rng, name: string): string {
  const chars = [...name];
  if (chars.length < 5) return `${name}所`;
  const at = 1 + Math.floor(rng() * (chars.length - 2));
  chars[at] = chars[(at + 2) % chars.length] ?? '・';
  return chars.join('');
}

/**
 * A labelled set from known actors: a part is indexed, and queries are made from them with the
 * variants real sources show (legal forms, full-width letters, spaces, missing place, slips) and
 * from actors that are not indexed (the same name elsewhere, held-out actors) as negatives.
 */
export function buildLabelledSet(
  actors: readonly KnownActor[],
  rng: Rng,
  heldOutShare = 0.3,
): { indexed: KnownActor[]; queries: LabelledQuery[] } {
  const indexed: KnownActor[] = [];
  const heldOut: KnownActor[] = [];
  for (const actor of actors) (rng() < heldOutShare ? heldOut : indexed).push(actor);
  const queries: LabelledQuery[] = [];
  const prefectures = [
    ...new Set(actors.map((a) => a.prefectureCode).filter((p): p is string => Boolean(p))),
  ];
  const placesOfName = new Map<string, Set<string | undefined>>();
  for (const actor of indexed) {
    const key = `${actor.kind}:${normalizeActorName(actor.name)}`;
    placesOfName.set(key, (placesOfName.get(key) ?? new Set()).add(actor.prefectureCode));
  }
  for (const actor of indexed) {
    const base: ActorKeys = {
      name: actor.name,
      kind: actor.kind,
      ...(actor.prefectureCode ? { prefectureCode: actor.prefectureCode } : {}),
    };
    const variant =
      pick(rng, [
        'exact',
        'legal-form',
        'width',
        'spaces',
        'no-place',
        'typo',
        'other-place',
      ] as const) ?? 'exact';
    switch (variant) {
      case 'exact':
        queries.push({ keys: base, expected: actor.id, variant });
        break;
      case 'legal-form':
        queries.push({
          keys: { ...base, name: legalFormVariant(rng, actor.name) },
          expected: actor.id,
          variant,
        });
        break;
      case 'width':
        queries.push({
          keys: { ...base, name: toFullWidth(actor.name) },
          expected: actor.id,
          variant,
        });
        break;
      case 'spaces': {
        const chars = [...actor.name];
        const at = Math.max(1, Math.floor(rng() * chars.length));
        queries.push({
          keys: {
            ...base,
            name: `${chars.slice(0, at).join('')}\u3000${chars.slice(at).join('')}`,
          },
          expected: actor.id,
          variant,
        });
        break;
      }
      case 'no-place': {
        const { prefectureCode: _dropped, ...rest } = base;
        queries.push({ keys: rest, expected: actor.id, variant });
        break;
      }
      case 'typo':
        queries.push({
          keys: { ...base, name: typo(rng, actor.name) },
          expected: actor.id,
          variant,
        });
        break;
      case 'other-place': {
        // Only places where no indexed actor has the name: there the right answer is "nobody".
        const taken =
          placesOfName.get(`${actor.kind}:${normalizeActorName(actor.name)}`) ?? new Set();
        const elsewhere = prefectures.filter((p) => !taken.has(p));
        const place = pick(rng, elsewhere);
        if (place)
          queries.push({ keys: { ...base, prefectureCode: place }, expected: undefined, variant });
        break;
      }
    }
  }
  for (const actor of heldOut) {
    queries.push({
      keys: {
        name: actor.name,
        kind: actor.kind,
        ...(actor.prefectureCode ? { prefectureCode: actor.prefectureCode } : {}),
      },
      // A held-out actor whose exact name and place an indexed one shares is that one (a duplicate of the source).
      expected: undefined,
      variant: 'held-out',
    });
  }
  return { indexed, queries };
}

/** Runs resolution on every query and counts right and wrong decisions. */
export function evaluateResolution(
  indexed: readonly KnownActor[],
  queries: readonly LabelledQuery[],
): ResolutionFigures {
  const index = new ActorIndex();
  for (const actor of indexed) index.put(actor);
  const figures: ResolutionFigures = {
    queries: queries.length,
    positives: queries.filter((q) => q.expected !== undefined).length,
    sure: { decided: 0, correct: 0, precision: 1, recall: 0 },
    candidate: { decided: 0, correct: 0, precision: 1, recall: 0 },
    byVariant: {},
  };
  for (const query of queries) {
    const resolution = index.resolve(query.keys);
    const row = (figures.byVariant[query.variant] ??= {
      queries: 0,
      sure: 0,
      likely: 0,
      correctCandidate: 0,
    });
    row.queries += 1;
    const actorId = 'actorId' in resolution ? resolution.actorId : undefined;
    const sure = resolution.outcome === 'sure' || resolution.outcome === 'identified';
    if (sure) row.sure += 1;
    if (resolution.outcome === 'likely') row.likely += 1;
    if (actorId === undefined) continue;
    const right = actorId === query.expected;
    figures.candidate.decided += 1;
    if (right) {
      figures.candidate.correct += 1;
      row.correctCandidate += 1;
    }
    if (sure) {
      figures.sure.decided += 1;
      if (right) figures.sure.correct += 1;
    }
  }
  for (const part of [figures.sure, figures.candidate]) {
    part.precision = part.decided === 0 ? 1 : part.correct / part.decided;
    part.recall = figures.positives === 0 ? 0 : part.correct / figures.positives;
  }
  return figures;
}
