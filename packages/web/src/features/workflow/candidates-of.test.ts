import { describe, expect, it } from 'vitest';
import type { ConsultationEvent } from '../../api/workflow-types.ts';
import { candidatesOf } from './candidates-of.ts';

const event = (
  seq: number,
  kind: ConsultationEvent['kind'],
  data: Record<string, unknown>,
): ConsultationEvent => ({
  consultationId: 'c1',
  seq,
  at: `2026-12-0${seq}T00:00:00Z`,
  actorId: 'a',
  kind,
  data,
});

describe('candidatesOf', () => {
  it('lists each proposed seed once, in order, with its latest judgement', () => {
    const history = [
      event(1, 'opened', {}),
      event(2, 'candidate_proposed', { seedIds: ['s1', 's2'] }),
      event(3, 'candidate_rejected', { seedId: 's1', reason: 'wrong_field', note: 'n' }),
      event(4, 'candidate_proposed', { seedIds: ['s2', 's3'] }),
      event(5, 'candidate_chosen', { seedId: 's1' }),
      event(6, 'candidate_rejected', { seedId: 's3', reason: 'too_early_stage' }),
    ];
    expect(candidatesOf(history)).toEqual([
      { seedId: 's1', decision: 'chosen' },
      { seedId: 's2' },
      { seedId: 's3', decision: 'rejected', reason: 'too_early_stage' },
    ]);
  });

  it('ignores events without seed ids', () => {
    expect(
      candidatesOf([
        event(1, 'candidate_proposed', { seedIds: 'not-a-list' }),
        event(2, 'candidate_chosen', {}),
      ]),
    ).toEqual([]);
  });
});
