/**
 * Research topics per field, from which seed (シーズ) titles and abstracts are written. A title only
 * combines parts of one topic (its subject with that topic's own methods, aims, findings and uses),
 * so a plating seed never lands in a contaminated-soil sentence: the register follows KAKEN titles
 * and 特許 abstracts (【課題】【解決手段】).
 */

export interface SeedTopic {
  /** What is studied or made: 「アルミニウム合金と樹脂の接合部」. */
  readonly subject: string;
  /** How: 「摩擦攪拌接合」. */
  readonly methods: readonly string[];
  /** The aim as a noun phrase that follows 「…の」: 「高強度化」. */
  readonly aims: readonly string[];
  /** What is examined: 「界面反応層の形成機構」. */
  readonly findings: readonly string[];
  /** Where it is used: 「車体構造」. */
  readonly uses: readonly string[];
  /** The problem of the use (background sentence). */
  readonly problem: string;
  /** The measured figure (result sentence). */
  readonly metric: string;
  readonly keywords: readonly string[];
}

export type Topics = Readonly<Record<string, readonly SeedTopic[]>>;

/** A topic from its parts, in the order of `SeedTopic`. */
export const t = (
  subject: string,
  methods: string[],
  aims: string[],
  findings: string[],
  uses: string[],
  problem: string,
  metric: string,
  keywords: string[],
): SeedTopic => ({ subject, methods, aims, findings, uses, problem, metric, keywords });
