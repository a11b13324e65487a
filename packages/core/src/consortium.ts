/**
 * A consortium (協議会・コンソーシアム): a body that organisations join to work on a theme together,
 * e.g. 浜松・東部 光・電子技術イノベーション推進協議会. It is recorded as an organisation actor
 * carrying the flag `consortium`; its code is that actor's id; its members are the actors tied to
 * it by a `membership` or `participation` relation (member → body), and the body itself
 * (decision 019). Pickers list the flagged actors; the region analyses read the members.
 */
import type { ActorFlag, RelationType } from './vocabulary.ts';

/** The flag that records an organisation as standing for a consortium. */
export const CONSORTIUM_FLAG = 'consortium' satisfies ActorFlag;

/** The relation types that make an actor a member of a consortium (member → body). */
export const CONSORTIUM_MEMBER_RELATIONS = [
  'membership',
  'participation',
] as const satisfies readonly RelationType[];

/** Whether the actor is recorded as a consortium. */
export function isConsortium(actor: { kind: string; flags: readonly string[] }): boolean {
  return actor.kind === 'organization' && actor.flags.includes(CONSORTIUM_FLAG);
}

/** Whether the relation makes its source a member of the body `bodyId`. */
export function isMembershipOf(
  bodyId: string,
  relation: { targetId: string; type: string },
): boolean {
  return (
    relation.targetId === bodyId &&
    (CONSORTIUM_MEMBER_RELATIONS as readonly string[]).includes(relation.type)
  );
}
