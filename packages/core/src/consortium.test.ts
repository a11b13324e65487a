import { describe, expect, it } from 'vitest';
import { isConsortium, isMembershipOf } from './consortium.ts';

describe('what a consortium is', () => {
  it('is an organisation flagged consortium', () => {
    expect(isConsortium({ kind: 'organization', flags: ['consortium'] })).toBe(true);
    expect(isConsortium({ kind: 'organization', flags: ['incubator'] })).toBe(false);
    expect(isConsortium({ kind: 'person', flags: ['consortium'] })).toBe(false);
  });

  it('has as members the sources of membership and participation relations to it', () => {
    expect(isMembershipOf('council', { targetId: 'council', type: 'membership' })).toBe(true);
    expect(isMembershipOf('council', { targetId: 'council', type: 'participation' })).toBe(true);
    expect(isMembershipOf('council', { targetId: 'council', type: 'joint_research' })).toBe(false);
    expect(isMembershipOf('council', { targetId: 'other', type: 'membership' })).toBe(false);
  });
});
