/**
 * Honest demo: when most of the network an analysis reads comes from the demo generator, the
 * analysis says so, because what it finds there (communities, roles, brokers, strengths) was
 * planted by the generator, not discovered.
 */
import type { Relation } from '#core/entities/relation.ts';
import { isGeneratedSource, type RelationColumns } from '#core/network-columns.ts';

export interface GeneratedDataNote {
  generated: true;
  /** Share of actors and relations whose source is the demo generator. */
  share: number;
  ja: string;
  en: string;
}

function generatedRelations(relations: RelationColumns | readonly Relation[]): number {
  if (!('count' in relations)) return relations.filter((r) => isGeneratedSource(r.source)).length;
  let generated = 0;
  for (let r = 0; r < relations.count; r++) generated += relations.generated[r] ?? 0;
  return generated;
}

/**
 * A note when more than half of the actors and relations are generated; null otherwise. Reads the
 * records or the compact network (relations as columns with their `generated` flag) alike.
 */
export function generatedDataNote(network: {
  actors: readonly { source?: string }[];
  relations: RelationColumns | readonly Relation[];
}): GeneratedDataNote | null {
  const { actors, relations } = network;
  const records = actors.length + ('count' in relations ? relations.count : relations.length);
  if (records === 0) return null;
  const generated =
    actors.filter((a) => isGeneratedSource(a.source)).length + generatedRelations(relations);
  const share = generated / records;
  if (share <= 0.5) return null;
  return {
    generated: true,
    share,
    ja: `データの${Math.round(share * 100)}%はデモ生成器が作成したものです。結果は生成器が仕込んだ構造を再現したもので、発見ではありません。`,
    en: `${Math.round(share * 100)}% of these data were made by the demo generator: the results reproduce what it planted and are not findings.`,
  };
}
