/**
 * Figures per coordinator and per region (prefecture): consultations, outcomes, conversion
 * (won / closed) and mean days spent in each stage, from the history. Computed only over the
 * consultations the viewer may see, so confidential ones never leak through a count.
 */
import {
  CONSULTATION_STAGES,
  type Consultation,
  type ConsultationEvent,
} from '#core/consultation.ts';
import type { Clock } from '#core/ports.ts';

export interface GroupFigures {
  readonly key: string;
  readonly consultations: number;
  readonly open: number;
  readonly won: number;
  readonly lost: number;
  readonly withdrawn: number;
  /** won / closed (null when nothing closed yet). */
  readonly conversion: number | null;
  /** Mean days spent in each stage, over the consultations that passed through it. */
  readonly meanDaysInStage: Record<string, number>;
}

export interface ConsultationFigures {
  readonly byCoordinator: readonly GroupFigures[];
  readonly byRegion: readonly GroupFigures[];
  readonly total: GroupFigures;
}

/** Time in each stage of one consultation, in days (the current stage counts until now). */
export function stageDurations(
  c: Consultation,
  events: readonly ConsultationEvent[],
  now: Date,
): Record<string, number> {
  const out: Record<string, number> = {};
  let stage: string = 'intake';
  let since = Date.parse(c.openedAt);
  for (const e of events) {
    if (e.kind !== 'moved' || e.toStage === undefined) continue;
    const at = Date.parse(e.at);
    out[stage] = (out[stage] ?? 0) + (at - since) / 86_400_000;
    stage = e.toStage;
    since = at;
  }
  if (stage !== 'closed') out[stage] = (out[stage] ?? 0) + (now.getTime() - since) / 86_400_000;
  return out;
}

function figuresOf(
  key: string,
  group: readonly Consultation[],
  durations: ReadonlyMap<string, Record<string, number>>,
): GroupFigures {
  const closed = group.filter((c) => c.stage === 'closed');
  const won = closed.filter((c) => c.outcome === 'won').length;
  const meanDaysInStage: Record<string, number> = {};
  for (const stage of CONSULTATION_STAGES) {
    if (stage === 'closed') continue;
    const values = group
      .map((c) => durations.get(c.id)?.[stage])
      .filter((v): v is number => v !== undefined);
    if (values.length > 0) {
      meanDaysInStage[stage] =
        Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100;
    }
  }
  return {
    key,
    consultations: group.length,
    open: group.length - closed.length,
    won,
    lost: closed.filter((c) => c.outcome === 'lost').length,
    withdrawn: closed.filter((c) => c.outcome === 'withdrawn').length,
    conversion: closed.length === 0 ? null : Math.round((won / closed.length) * 1000) / 1000,
    meanDaysInStage,
  };
}

export function computeConsultationFigures(
  consultations: readonly Consultation[],
  events: readonly ConsultationEvent[],
  clock: Clock,
): ConsultationFigures {
  const now = clock.now();
  const byId = new Map<string, ConsultationEvent[]>();
  for (const e of events) {
    const list = byId.get(e.consultationId) ?? [];
    list.push(e);
    byId.set(e.consultationId, list);
  }
  const durations = new Map(
    consultations.map((c) => [
      c.id,
      stageDurations(
        c,
        (byId.get(c.id) ?? []).sort((a, b) => a.seq - b.seq),
        now,
      ),
    ]),
  );
  const group = (keys: (c: Consultation) => string[]): GroupFigures[] => {
    const groups = new Map<string, Consultation[]>();
    for (const c of consultations) {
      for (const key of keys(c)) {
        const list = groups.get(key) ?? [];
        list.push(c);
        groups.set(key, list);
      }
    }
    return [...groups.entries()]
      .map(([key, list]) => figuresOf(key, list, durations))
      .sort((a, b) => b.consultations - a.consultations || (a.key < b.key ? -1 : 1));
  };
  return {
    byCoordinator: group((c) =>
      c.coordinatorIds.length > 0 ? c.coordinatorIds : ['(unassigned)'],
    ),
    byRegion: group((c) => [c.prefectureCode ?? '(unknown)']),
    total: figuresOf('total', consultations, durations),
  };
}
