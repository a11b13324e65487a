/**
 * A delete refused because other records still use the record (409 with `dependents`, kinds and
 * counts only), read from the answer and said in the page's language.
 */
import type ja from '../../i18n/ja.json';

/** A key of the message catalogues (as i18n.tsx has it; read here so this file needs no JSX). */
type MessageKey = keyof typeof ja;

export interface Dependent {
  kind: string;
  count: number;
}

const KINDS = [
  'actors',
  'relations',
  'seeds',
  'needs',
  'projects',
  'programmes',
  'adoptions',
  'funding',
  'support-measures',
  'cases',
  'indicators',
  'region-strategies',
  'training-programmes',
  'consultations',
  'accounts',
  'hidden',
] as const;

type Kind = (typeof KINDS)[number];

function isKind(kind: string): kind is Kind {
  return (KINDS as readonly string[]).includes(kind);
}

/** What a need or a seed carries besides other records: its digest, disclosures, judgements. */
const WORKFLOW_KINDS = {
  digests: 'workflowGaps.dependents.digests',
  disclosures: 'workflowGaps.dependents.disclosures',
  judgements: 'workflowGaps.dependents.judgements',
} as const satisfies Record<string, MessageKey>;

function isWorkflowKind(kind: string): kind is keyof typeof WORKFLOW_KINDS {
  return Object.hasOwn(WORKFLOW_KINDS, kind);
}

function keyOf(kind: string): MessageKey | undefined {
  if (isKind(kind)) return `recordsDelete.kind.${kind}`;
  return isWorkflowKind(kind) ? WORKFLOW_KINDS[kind] : undefined;
}

/** The `dependents` of a problem+json body: the well-formed entries, in order. */
export function dependentsIn(body: unknown): Dependent[] {
  if (typeof body !== 'object' || body === null || !('dependents' in body)) return [];
  const list: unknown = body.dependents;
  if (!Array.isArray(list)) return [];
  const found: Dependent[] = [];
  for (const entry of list as unknown[]) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { kind, count } = entry as Record<string, unknown>;
    if (typeof kind === 'string' && typeof count === 'number') found.push({ kind, count });
  }
  return found;
}

/** "関係 2 件、ニーズ 1 件" / "relations: 2, needs: 1" (a kind this page does not know by its code). */
export function describeDependents(
  dependents: readonly Dependent[],
  t: (key: MessageKey, values?: Record<string, string | number>) => string,
): string {
  return dependents
    .map(({ kind, count }) => {
      const key = keyOf(kind);
      return key === undefined ? `${kind}: ${count}` : t(key, { count });
    })
    .join(t('recordsDelete.listSeparator'));
}

/**
 * Whether what uses the record is history that stays (a digest, disclosure requests, judgements,
 * consultations): nothing the person can delete first, so the page says what to do instead.
 */
export function keepsHistory(dependents: readonly Dependent[]): boolean {
  return dependents.some(({ kind }) => isWorkflowKind(kind) || kind === 'consultations');
}
