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
    .map(({ kind, count }) =>
      isKind(kind) ? t(`recordsDelete.kind.${kind}`, { count }) : `${kind}: ${count}`,
    )
    .join(t('recordsDelete.listSeparator'));
}
