/**
 * Research topics per field, from which seed (シーズ) titles and abstracts are written (the topics
 * themselves in seed-topics-a.ts and seed-topics-b.ts; their shape in seed-topic.ts).
 */
import type { SeedTopic, Topics } from './seed-topic.ts';
import { SEED_TOPICS_A } from './seed-topics-a.ts';
import { SEED_TOPICS_B } from './seed-topics-b.ts';

export type { SeedTopic } from './seed-topic.ts';

export const SEED_TOPICS: Topics = { ...SEED_TOPICS_A, ...SEED_TOPICS_B };

/** The field's topics; manufacturing's when the field is unknown. */
export function topicsOf(field: string): readonly SeedTopic[] {
  return SEED_TOPICS[field] ?? SEED_TOPICS['ものづくり'] ?? [];
}
