/** The relation form's fields and how they become a relation (this actor, the other, the direction). */
import { relationKey } from '#core/entities/relation.ts';
import { RELATION_TYPES } from '#core/vocabulary.ts';
import type { FieldSpec } from './form-values.ts';

const DIRECTIONS = ['out', 'in'] as const;

export const RELATION_FIELDS: readonly FieldSpec[] = [
  {
    name: 'type',
    kind: 'select',
    label: 'forms2.relation.type',
    options: RELATION_TYPES,
    optionLabels: 'relation',
  },
  { name: 'otherId', kind: 'actor', label: 'forms2.relation.other', hint: 'forms2.picker.hint' },
  {
    name: 'direction',
    kind: 'select',
    label: 'forms2.relation.direction',
    options: DIRECTIONS,
    optionLabels: 'forms2.relation.directions',
  },
  { name: 'startDate', kind: 'date', label: 'field.startDate' },
  { name: 'endDate', kind: 'date', label: 'field.endDate' },
  {
    name: 'weight',
    kind: 'number',
    label: 'forms2.relation.weight',
    hint: 'forms2.relation.weightHint',
  },
  { name: 'note', kind: 'textarea', label: 'forms2.relation.note' },
];

/** The form's fields → a relation: this actor and the other one, in the chosen direction. */
export function relationOf(
  actorId: string,
  form: Record<string, unknown>,
): Record<string, unknown> {
  const { otherId, direction, ...rest } = form;
  const other = typeof otherId === 'string' ? otherId : '';
  return direction === 'in'
    ? { ...rest, sourceId: other, targetId: actorId }
    : { ...rest, sourceId: actorId, targetId: other };
}

/** An error of the relation's source or target belongs to the field where the other actor is chosen. */
export function relationErrorField(actorId: string) {
  return (field: string, record: Record<string, unknown>): string =>
    (field === 'sourceId' || field === 'targetId') && record[field] !== actorId ? 'otherId' : field;
}

/** An edit keeps the two actors and the direction; type, dates, strength and note change. */
export const RELATION_EDIT_FIELDS: readonly FieldSpec[] = RELATION_FIELDS.filter(
  (spec) => spec.name !== 'otherId' && spec.name !== 'direction',
);

/**
 * The edit form of a relation seen from one of its actors: this actor and the direction stay, the
 * other actor (the target of an outgoing relation, the source of an incoming one) may change.
 */
export function relationEditFields(outgoing: boolean): readonly FieldSpec[] {
  const other: FieldSpec = {
    name: outgoing ? 'targetId' : 'sourceId',
    kind: 'actor',
    label: 'forms2.relation.other',
    hint: 'forms2.picker.hint',
  };
  const [type, ...rest] = RELATION_EDIT_FIELDS;
  return type ? [type, other, ...rest] : [other, ...rest];
}

/** The fields that make a relation's identity (its key): changing one makes it another record. */
const IDENTITY = ['sourceId', 'targetId', 'type', 'startDate'] as const;

export function changesIdentity(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): boolean {
  return IDENTITY.some((field) => before[field] !== after[field]);
}

/** The key of the relation a profile row shows, from the actor's side (see `relationKey`). */
export function relationKeyOfRow(
  actorId: string,
  row: { otherId: string; direction: 'out' | 'in'; type: string; startDate?: string | null },
): string | null {
  const type = RELATION_TYPES.find((known) => known === row.type);
  if (type === undefined) return null;
  const [sourceId, targetId] =
    row.direction === 'out' ? [actorId, row.otherId] : [row.otherId, actorId];
  return relationKey({ sourceId, targetId, type, startDate: row.startDate ?? undefined });
}

/**
 * The relation with its direction reversed (source and target swapped, all else kept) and the key
 * it moves to; null for a tie of an actor with itself (nothing to reverse) or a record that is not
 * a relation.
 */
export function reversedRelation(
  record: Record<string, unknown>,
): { record: Record<string, unknown>; key: string } | null {
  const { sourceId, targetId, startDate } = record;
  const type = RELATION_TYPES.find((known) => known === record['type']);
  if (typeof sourceId !== 'string' || typeof targetId !== 'string' || type === undefined)
    return null;
  if (sourceId === targetId) return null;
  return {
    record: { ...record, sourceId: targetId, targetId: sourceId },
    key: relationKey({
      sourceId: targetId,
      targetId: sourceId,
      type,
      startDate: typeof startDate === 'string' ? startDate : undefined,
    }),
  };
}
