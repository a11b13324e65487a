/**
 * Honest demo: when most of the network an analysis reads comes from the demo generator, the
 * analysis says so, because what it finds there (communities, roles, brokers, strengths) was
 * planted by the generator, not discovered.
 */
import type { Network } from './load-network.ts';

export interface GeneratedDataNote {
  generated: true;
  /** Share of actors and relations whose source is the demo generator. */
  share: number;
  ja: string;
  en: string;
}

const isGenerated = (source: string | undefined) => source?.startsWith('demo') === true;

/** A note when more than half of the actors and relations are generated; null otherwise. */
export function generatedDataNote(
  network: Pick<Network, 'actors' | 'relations'>,
): GeneratedDataNote | null {
  const records = network.actors.length + network.relations.length;
  if (records === 0) return null;
  const generated =
    network.actors.filter((a) => isGenerated(a.source)).length +
    network.relations.filter((r) => isGenerated(r.source)).length;
  const share = generated / records;
  if (share <= 0.5) return null;
  return {
    generated: true,
    share,
    ja: `データの${Math.round(share * 100)}%はデモ生成器が作成したものです。結果は生成器が仕込んだ構造を再現したもので、発見ではありません。`,
    en: `${Math.round(share * 100)}% of these data were made by the demo generator: the results reproduce what it planted and are not findings.`,
  };
}
