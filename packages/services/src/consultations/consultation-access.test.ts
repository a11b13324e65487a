import { describe, expect, it } from 'vitest';
import type { Consultation } from '#core/consultation.ts';
import type { Need } from '#core/entities/need.ts';
import type { NeedAccessFacts } from '#core/need-access.ts';
import type { Viewer } from '#core/viewer.ts';
import { buildNeed } from '#test/factories.ts';
import { mayViewConsultation } from './consultation-access.ts';

const consultation = (coordinatorIds: string[] = []): Consultation => ({
  id: 'c1',
  needId: 'n1',
  stage: 'intake',
  requesterId: 'co-a',
  coordinatorIds,
  openedBy: 'member-a',
  openedAt: '2025-06-01T00:00:00Z',
  stageEnteredAt: '2025-06-01T00:00:00Z',
});
const account = (
  accountId: string,
  role: string,
  organisationId: string | null = null,
): Viewer => ({ kind: 'account', accountId, role, organisationId });
const facts = (assigned: string[] = [], disclosed: string[] = []): NeedAccessFacts => ({
  assignedAccountIds: new Set(assigned),
  disclosedOrganisationIds: new Set(disclosed),
});
const need = (confidentiality: Need['confidentiality']): Need =>
  buildNeed({ id: 'n1', ownerId: 'co-a', confidentiality });

describe('who sees a consultation (H1, issue 11)', () => {
  const secret = need('confidential');
  it.each([
    ['the requester organisation', account('m', 'member', 'co-a'), [], facts(), true],
    ['a coordinator of the case', account('k', 'coordinator'), ['k'], facts(), true],
    ['a coordinator assigned to the need', account('k', 'coordinator'), [], facts(['k']), true],
    ['an administrator', account('adm', 'admin'), [], facts(), true],
    ['an unassigned coordinator', account('k2', 'coordinator'), [], facts(['k']), false],
    [
      'a coordinator of an organisation the need was disclosed to',
      account('k3', 'coordinator', 'uni-u'),
      [],
      facts([], ['uni-u']),
      false,
    ],
    [
      'a member of the disclosed organisation',
      account('u', 'member', 'uni-u'),
      [],
      facts([], ['uni-u']),
      false,
    ],
    ['a viewer', account('v', 'viewer'), [], facts(), false],
    ['the anonymous public', { kind: 'anonymous' } as const, [], facts(), false],
  ] as const)('confidential need: %s → %s', (_who, viewer, coordinators, f, expected) => {
    expect(mayViewConsultation(viewer, consultation([...coordinators]), secret, f)).toBe(expected);
  });

  it('a need that no longer exists counts as confidential', () => {
    expect(
      mayViewConsultation(account('k2', 'coordinator'), consultation(), undefined, facts()),
    ).toBe(false);
  });

  it('on a members-only need any coordinator sees the case, a member of another organisation does not', () => {
    const members = need('members');
    expect(
      mayViewConsultation(account('k2', 'coordinator'), consultation(), members, facts()),
    ).toBe(true);
    expect(
      mayViewConsultation(account('b', 'member', 'co-b'), consultation(), members, facts()),
    ).toBe(false);
  });
});
