/**
 * The relations of the web views' snapshot as columns: the compact network's (typed arrays by
 * actor position, no object per relation), put in the order the record read gave them, so every
 * view answers as it did when the snapshot was built from records; then each actor's relations
 * (CSR) and its number of distinct neighbours.
 */
import { RELATION_TYPES } from '#core/vocabulary.ts';
import { NO_DAY, type RelationColumns } from '#core/network-columns.ts';

const DAY_MS = 86_400_000;

/** The YYYY-MM-DD date of a day number of the relation columns; undefined for NO_DAY. */
export function dateOfDay(day: number): string | undefined {
  return day === NO_DAY ? undefined : new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The calendar year of a day number; 0 for NO_DAY (as for a relation without a date). */
export function yearOfDay(day: number): number {
  return day === NO_DAY ? 0 : new Date(day * DAY_MS).getUTCFullYear();
}

/**
 * The relations whose both ends are kept, their ends moved to the kept actors' positions
 * (`positionOf[i]`: where actor i of the columns is now, -1 when it is left out), in the order of
 * their identities (`relationKey`: source id, target id, type, start date): the order of their
 * stored ids, in which the record read gives them (`ORDER BY id`; compared by UTF-16 code unit,
 * as SQLite compares ids of the code points below U+E000). The compact read gives them in storage
 * order, which an edit changes; the network view keeps the first tie of each pair and breaks
 * ties between equal weights by this order.
 */
export function relationsInIdentityOrder(
  ids: readonly string[],
  relations: RelationColumns,
  positionOf: Int32Array,
): RelationColumns {
  const kept: number[] = [];
  for (let r = 0; r < relations.count; r++)
    if (
      (positionOf[relations.source[r] ?? 0] ?? -1) >= 0 &&
      (positionOf[relations.target[r] ?? 0] ?? -1) >= 0
    )
      kept.push(r);
  const order = orderByRanks(ids, relations, kept) ?? orderByIds(ids, relations, kept);
  const count = order.length;
  const out = {
    count,
    source: new Int32Array(count),
    target: new Int32Array(count),
    type: new Uint8Array(count),
    weight: new Float64Array(count),
    startDay: new Int32Array(count),
    endDay: new Int32Array(count),
    generated: new Uint8Array(count),
  };
  for (let k = 0; k < count; k++) {
    const r = order[k] ?? 0;
    out.source[k] = positionOf[relations.source[r] ?? 0] ?? 0;
    out.target[k] = positionOf[relations.target[r] ?? 0] ?? 0;
    out.type[k] = relations.type[r] ?? 0;
    out.weight[k] = relations.weight[r] ?? 1;
    out.startDay[k] = relations.startDay[r] ?? NO_DAY;
    out.endDay[k] = relations.endDay[r] ?? NO_DAY;
    out.generated[k] = relations.generated[r] ?? 0;
  }
  return out;
}

/**
 * The ranks of `values` each followed by `separator`, as text sorts them (UTF-16 code units);
 * undefined when one holds the separator or U+0000 (its rank could depend on what follows).
 */
function ranksFollowedBy(values: readonly string[], separator: string): Int32Array | undefined {
  const texts: string[] = [];
  for (let i = 0; i < values.length; i++) {
    const value = values[i] ?? '';
    if (value.includes(separator) || value.includes('\u0000')) return undefined;
    texts.push(`${value}${separator}\u0000${i}`);
  }
  texts.sort();
  const ranks = new Int32Array(values.length);
  texts.forEach((text, rank) => {
    ranks[Number(text.slice(text.lastIndexOf('\u0000') + 1))] = rank;
  });
  return ranks;
}

/**
 * The order of the ids `source>target:type@start` compared part by part: the ranks of the source
 * ids followed by '>', of the target ids followed by ':', of the types followed by '@', then the
 * start day (none first, as the empty text). The same order as the whole ids' text when no id
 * holds '>' or ':'; undefined otherwise.
 */
function orderByRanks(
  ids: readonly string[],
  relations: RelationColumns,
  kept: readonly number[],
): number[] | undefined {
  const sourceRank = ranksFollowedBy(ids, '>');
  const targetRank = ranksFollowedBy(ids, ':');
  const typeRank = ranksFollowedBy(RELATION_TYPES, '@');
  if (!sourceRank || !targetRank || !typeRank) return undefined;
  const n = ids.length;
  const pair = new Float64Array(relations.count);
  const rest = new Float64Array(relations.count);
  for (const r of kept) {
    pair[r] =
      (sourceRank[relations.source[r] ?? 0] ?? 0) * n + (targetRank[relations.target[r] ?? 0] ?? 0);
    rest[r] =
      (typeRank[relations.type[r] ?? 0] ?? 0) * 2 ** 33 +
      ((relations.startDay[r] ?? NO_DAY) - NO_DAY);
  }
  return [...kept].sort(
    (a, b) => (pair[a] ?? 0) - (pair[b] ?? 0) || (rest[a] ?? 0) - (rest[b] ?? 0),
  );
}

/** The order of the ids' text, each id written out (for ids holding '>' or ':'). */
function orderByIds(
  ids: readonly string[],
  relations: RelationColumns,
  kept: readonly number[],
): number[] {
  const dates = new Map<number, string>();
  const dateText = (day: number) => {
    let text = dates.get(day);
    if (text === undefined) {
      text = dateOfDay(day) ?? '';
      dates.set(day, text);
    }
    return text;
  };
  // Each id followed by U+0000 and the relation's place in the columns: the ids hold no control
  // character, so the suffix never changes their order, and the texts sort without a comparator.
  const keyed = kept.map((r) => {
    const type = RELATION_TYPES[relations.type[r] ?? 0] ?? '';
    const start = dateText(relations.startDay[r] ?? NO_DAY);
    return `${ids[relations.source[r] ?? 0] ?? ''}>${ids[relations.target[r] ?? 0] ?? ''}:${type}@${start}\u0000${r}`;
  });
  keyed.sort();
  return keyed.map((key) => Number(key.slice(key.lastIndexOf('\u0000') + 1)));
}

/** Each actor's relations and its number of distinct neighbours. */
export interface RelationIndex {
  /** Relation indices per actor (CSR: relationsOf[offsets[i] .. offsets[i+1]]), in order. */
  relationOffsets: Int32Array;
  relationsOf: Int32Array;
  /** Distinct neighbours per actor. */
  degree: Int32Array;
}

export function indexRelations(actorCount: number, relations: RelationColumns): RelationIndex {
  const n = actorCount;
  const m = relations.count;
  const { source, target } = relations;
  const counts = new Int32Array(n + 1);
  for (let r = 0; r < m; r++) {
    const s = source[r] ?? 0;
    const t = target[r] ?? 0;
    counts[s + 1] = (counts[s + 1] ?? 0) + 1;
    if (t !== s) counts[t + 1] = (counts[t + 1] ?? 0) + 1;
  }
  const relationOffsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++)
    relationOffsets[i + 1] = (relationOffsets[i] ?? 0) + (counts[i + 1] ?? 0);
  const relationsOf = new Int32Array(relationOffsets[n] ?? 0);
  const fill = relationOffsets.slice(0, n);
  for (let r = 0; r < m; r++) {
    const s = source[r] ?? 0;
    const t = target[r] ?? 0;
    relationsOf[fill[s] ?? 0] = r;
    fill[s] = (fill[s] ?? 0) + 1;
    if (t !== s) {
      relationsOf[fill[t] ?? 0] = r;
      fill[t] = (fill[t] ?? 0) + 1;
    }
  }
  const degree = new Int32Array(n);
  const seen = new Set<number>();
  for (let i = 0; i < n; i++) {
    seen.clear();
    for (let k = relationOffsets[i] ?? 0; k < (relationOffsets[i + 1] ?? 0); k++) {
      const r = relationsOf[k] ?? 0;
      seen.add(source[r] === i ? (target[r] ?? 0) : (source[r] ?? 0));
    }
    degree[i] = seen.size;
  }
  return { relationOffsets, relationsOf, degree };
}
