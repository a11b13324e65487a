/**
 * The fields of seeds and needs the matching index reads, with their weights, and how a record
 * gives them.
 */
import type { Need } from '#core/entities/need.ts';
import type { Seed } from '#core/entities/seed.ts';
import type { FieldSpec } from '#matching/bm25f.ts';

/**
 * Title 2, keywords 2, abstract 1: chosen on the tuning half of the evaluation set over title 3
 * (decision 016). A snapshot built with other weights is not restored (the index is rebuilt).
 */
export const SEED_FIELDS: readonly FieldSpec[] = [
  { name: 'title', weight: 2 },
  { name: 'keywords', weight: 2 },
  { name: 'abstract', weight: 1 },
];
/** Whether an index's fields are these, by name and weight, in this order. */
export function sameFields(fields: readonly FieldSpec[], expected: readonly FieldSpec[]): boolean {
  return (
    fields.length === expected.length &&
    expected.every((f, i) => fields[i]?.name === f.name && fields[i]?.weight === f.weight)
  );
}

export const NEED_FIELDS: readonly FieldSpec[] = [
  { name: 'title', weight: 3 },
  { name: 'keywords', weight: 2 },
  { name: 'description', weight: 1 },
];

export function seedFields(seed: Seed): Record<string, string> {
  return { title: seed.title, keywords: seed.keywords.join('、'), abstract: seed.abstract ?? '' };
}

export function needFields(need: Need): Record<string, string> {
  return {
    title: need.title,
    keywords: need.keywords.join('、'),
    description: need.description ?? '',
  };
}
