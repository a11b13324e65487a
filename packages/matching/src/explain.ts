/**
 * Why a document matched a query: each matched term with its contribution to the BM25F score,
 * the fields and positions where it occurs (for highlighting), and whether it came from the
 * query itself, a synonym, the dictionary, co-occurrence or feedback. Positions come from
 * re-analysing the document's text, so the index need not store them.
 */
import type { Analyzer, TermKind } from './analyze.ts';
import { displayTerm } from './analyze.ts';
import type { Bm25fIndex } from './bm25f.ts';
import type { QueryTerm, TermSource } from './expansion.ts';

export interface HighlightSpan {
  readonly field: string;
  /** Offsets in the field's original text, end exclusive. */
  readonly start: number;
  readonly end: number;
  readonly surface: string;
  readonly kind: TermKind;
  /** Set when the text had a synonym of the term (e.g. セミコンダクタ for 半導体). */
  readonly synonymOf?: string;
}

export interface TermExplanation {
  readonly term: string;
  /** The term for display (no bigram marker). */
  readonly display: string;
  readonly source: TermSource;
  readonly via: readonly string[];
  readonly queryWeight: number;
  readonly idf: number;
  /** Raw frequency per field. */
  readonly frequencies: Readonly<Record<string, number>>;
  /** queryWeight · idf · tf~/(k1 + tf~): this term's part of the score. */
  readonly contribution: number;
  readonly spans: readonly HighlightSpan[];
}

export interface HitExplanation {
  readonly id: string;
  /** Sum of the contributions; equals the search score up to rounding. */
  readonly score: number;
  /** Matched terms, largest contribution first. */
  readonly terms: readonly TermExplanation[];
  /** Share of the score from terms not written in the query (dictionary, co-occurrence, feedback). */
  readonly expansionShare: number;
}

export interface ExplainInput {
  readonly index: Bm25fIndex;
  readonly analyzer: Analyzer;
  readonly query: readonly QueryTerm[];
  /** The document as indexed: id and field texts. */
  readonly document: { readonly id: string; readonly fields: Readonly<Record<string, string>> };
}

/** Explains one hit of `query` (as returned by buildQuery / searchWithExpansion). */
export function explainHit(input: ExplainInput): HitExplanation {
  const { index, analyzer, query, document } = input;
  const merged = new Map<string, { weight: number; first: QueryTerm }>();
  for (const term of query) {
    const entry = merged.get(term.term);
    if (entry === undefined) merged.set(term.term, { weight: term.weight, first: term });
    else entry.weight += term.weight;
  }

  const spansByTerm = new Map<string, HighlightSpan[]>();
  for (const [field, text] of Object.entries(document.fields)) {
    for (const analyzed of analyzer.analyze(text)) {
      if (!merged.has(analyzed.term)) continue;
      const span: HighlightSpan =
        analyzed.synonymOf === undefined
          ? {
              field,
              start: analyzed.start,
              end: analyzed.end,
              surface: analyzed.surface,
              kind: analyzed.kind,
            }
          : {
              field,
              start: analyzed.start,
              end: analyzed.end,
              surface: analyzed.surface,
              kind: analyzed.kind,
              synonymOf: analyzed.synonymOf,
            };
      const list = spansByTerm.get(analyzed.term) ?? [];
      list.push(span);
      spansByTerm.set(analyzed.term, list);
    }
  }

  const terms: TermExplanation[] = [];
  for (const [term, { weight, first }] of merged) {
    if (!(weight > 0)) continue;
    const scored = index.scoreTerm(document.id, term);
    if (scored === undefined || scored.score === 0) continue;
    terms.push({
      term,
      display: displayTerm(term),
      source: first.source,
      via: first.via,
      queryWeight: weight,
      idf: scored.idf,
      frequencies: scored.frequencies,
      contribution: weight * scored.score,
      spans: spansByTerm.get(term) ?? [],
    });
  }
  terms.sort((a, b) => b.contribution - a.contribution || (a.term < b.term ? -1 : 1));
  const score = terms.reduce((sum, t) => sum + t.contribution, 0);
  const expanded = terms
    .filter((t) => t.source !== 'query' && t.source !== 'synonym')
    .reduce((sum, t) => sum + t.contribution, 0);
  return { id: document.id, score, terms, expansionShare: score > 0 ? expanded / score : 0 };
}
