import type { ConsultationEvent } from '../../api/workflow-types.ts';

export interface Candidate {
  seedId: string;
  decision?: 'chosen' | 'rejected';
  reason?: string;
  note?: string;
}

/** The seeds proposed on the case (from its history) with their latest judgement. */
export function candidatesOf(history: readonly ConsultationEvent[]): Candidate[] {
  const bySeed = new Map<string, Candidate>();
  for (const event of history) {
    if (event.kind === 'candidate_proposed' && Array.isArray(event.data['seedIds']))
      for (const seedId of event.data['seedIds'])
        if (typeof seedId === 'string' && !bySeed.has(seedId)) bySeed.set(seedId, { seedId });
    if (event.kind === 'candidate_chosen' || event.kind === 'candidate_rejected') {
      const seedId = event.data['seedId'];
      if (typeof seedId !== 'string') continue;
      const reason = event.data['reason'];
      const note = event.data['note'];
      bySeed.set(seedId, {
        seedId,
        decision: event.kind === 'candidate_chosen' ? 'chosen' : 'rejected',
        ...(typeof reason === 'string' ? { reason } : {}),
        ...(typeof note === 'string' ? { note } : {}),
      });
    }
  }
  return [...bySeed.values()];
}
