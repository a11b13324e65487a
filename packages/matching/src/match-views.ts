/**
 * How a match is shown: scores rounded, the terms that matched with where they matched, the trust
 * path with names, matched spans of a title marked with 【】. Pure; the service fills in the facts.
 */
import type { HitExplanation } from './explain.ts';
import type { ReachMap } from './network-path.ts';
import type { SignalName } from './signals.ts';

export interface PathStepView {
  readonly from: string;
  readonly fromName: string;
  readonly to: string;
  readonly toName: string;
  readonly relation: string;
}

export interface TermView {
  readonly term: string;
  readonly source: string;
  readonly contribution: number;
  /** How it appears in the seed (field: surface). */
  readonly matches: readonly string[];
  /**
   * The query's own words an expansion term was reached from (傷む for 鮮度 through the
   * dictionary); absent for the query's words and for feedback terms (reached from documents).
   */
  readonly from?: readonly string[];
}

/** Expansion sources whose `via` are the query's own words. */
const FROM_QUERY_WORDS: ReadonlySet<string> = new Set([
  'dictionary',
  'synonym',
  'gloss',
  'cooccurrence',
]);

/** Four decimals: enough to order and compare, short in JSON. */
export function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

export function roundSignals(signals: Record<SignalName, number>): Record<SignalName, number> {
  return {
    text: round(signals.text),
    field: round(signals.field),
    sdgs: round(signals.sdgs),
    stage: round(signals.stage),
    region: round(signals.region),
    network: round(signals.network),
    availability: round(signals.availability),
    feedback: round(signals.feedback),
  };
}

/** Marks the spans of matched terms in a text with 【】. */
export function highlight(text: string, spans: readonly { start: number; end: number }[]): string {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let at = 0;
  for (const span of sorted) {
    if (span.start < at) continue;
    out += `${text.slice(at, span.start)}【${text.slice(span.start, span.end)}】`;
    at = span.end;
  }
  return out + text.slice(at);
}

/** The strongest terms of an explanation, each with up to four places it matched. */
export function termViews(explanation: HitExplanation | undefined, limit = 12): TermView[] {
  if (explanation === undefined) return [];
  return explanation.terms.slice(0, limit).map((t) => ({
    term: t.display,
    source: t.source,
    contribution: round(t.contribution),
    matches: [...new Set(t.spans.map((s) => `${s.field}: ${s.surface}`))].slice(0, 4),
    ...(FROM_QUERY_WORDS.has(t.source) && t.via.length > 0 ? { from: t.via.slice(0, 4) } : {}),
  }));
}

/** The trusted path from the reach's origin to `to`, with names (none when unreached). */
export function pathView(
  reach: ReachMap | undefined,
  to: string,
  nameOf: (actorId: string) => string,
): PathStepView[] {
  const steps = reach?.path(to) ?? [];
  return steps.map((s) => ({
    from: s.from,
    fromName: nameOf(s.from),
    to: s.to,
    toName: nameOf(s.to),
    relation: s.type,
  }));
}
