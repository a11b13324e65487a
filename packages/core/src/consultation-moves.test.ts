import { describe, expect, it } from 'vitest';
import {
  applyStageMove,
  nextStages,
  previousStage,
  ZStageMove,
  type Consultation,
} from './consultation.ts';
import { DomainError } from './domain-error.ts';

const AT = '2025-06-01T00:00:00.000Z';

function caseIn(stage: Consultation['stage']): Consultation {
  return {
    id: 'c1',
    needId: 'n1',
    stage,
    requesterId: 'co-a',
    coordinatorIds: ['k1'],
    openedBy: 'k1',
    openedAt: AT,
    stageEnteredAt: AT,
    ...(stage === 'agreement' ? { agreementType: 'joint_research' as const } : {}),
  };
}

function failure(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof DomainError ? error.code : 'other';
  }
  return undefined;
}

describe('consultation moves go forward unless a person chooses to go back', () => {
  it('offers only forward stages (and closing) as next stages', () => {
    expect(nextStages('agreement')).toEqual(['closed']);
    expect(nextStages('meeting')).toEqual(['agreement', 'closed']);
    expect(nextStages('intake')).toEqual(['triage', 'closed']);
    expect(nextStages('closed')).toEqual([]);
    expect(previousStage('agreement')).toBe('meeting');
    expect(previousStage('intake')).toBeUndefined();
    expect(previousStage('closed')).toBeUndefined();
  });

  it('refuses a backward move that was not chosen as one (合意 → 面談 without back)', () => {
    const move = ZStageMove.parse({ to: 'meeting' });
    expect(failure(() => applyStageMove(caseIn('agreement'), move, AT))).toBe(
      'precondition_failed',
    );
  });

  it('needs a reason to go back, and then goes back one stage', () => {
    expect(ZStageMove.safeParse({ to: 'meeting', back: true }).success).toBe(false);
    const move = ZStageMove.parse({ to: 'meeting', back: true, reason: 'terms reopened' });
    const moved = applyStageMove(caseIn('agreement'), move, AT);
    expect(moved.stage).toBe('meeting');
    expect(moved.agreementType).toBeUndefined();
  });

  it('refuses `back` on a forward move and going back more than one stage', () => {
    const forward = ZStageMove.parse({
      to: 'agreement',
      agreementType: 'license',
      back: true,
      reason: 'x',
    });
    expect(failure(() => applyStageMove(caseIn('meeting'), forward, AT))).toBe(
      'precondition_failed',
    );
    const twoBack = ZStageMove.parse({ to: 'triage', back: true, reason: 'x' });
    expect(failure(() => applyStageMove(caseIn('meeting'), twoBack, AT))).toBe(
      'precondition_failed',
    );
  });
});
