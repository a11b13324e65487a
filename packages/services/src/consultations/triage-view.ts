/**
 * One-screen triage view (振り分け画面) for a consultation: the need's key terms, a suggested
 * field (the need's own, else the field most represented among the best seeds), coordinators
 * who handled that field before (won cases count double), and the best researchers and seeds.
 */
import { DomainError } from '#core/domain-error.ts';
import { ZNeed } from '#core/entities/need.ts';
import type { Repositories } from '#core/ports.ts';
import type { Viewer } from '#core/viewer.ts';
import type { MatchingService, ResearcherMatch, SeedMatch } from '../matching/matching-service.ts';
import type { ConsultationService } from './consultation-service.ts';

export interface TriageView {
  readonly consultationId: string;
  readonly needId: string;
  readonly title: string;
  readonly stage: string;
  readonly overdue: boolean;
  readonly keyTerms: readonly { term: string; weight: number }[];
  readonly suggestedField: { field: string; share: number; source: 'need' | 'seeds' } | null;
  readonly suggestedCoordinators: readonly { coordinatorId: string; cases: number; won: number }[];
  readonly researchers: readonly ResearcherMatch[];
  readonly seeds: readonly Pick<SeedMatch, 'seedId' | 'title' | 'ownerName' | 'score'>[];
}

export async function buildTriageView(
  deps: { repos: Repositories; consultations: ConsultationService; matching: MatchingService },
  viewer: Viewer,
  consultationId: string,
): Promise<TriageView> {
  const view = await deps.consultations.get(viewer, consultationId);
  const c = view.consultation;
  const stored = await deps.repos.entity('needs').get(c.needId);
  const parsed = stored === undefined ? undefined : ZNeed.safeParse(stored.record);
  if (parsed === undefined || !parsed.success)
    throw new DomainError('not_found', `no need ${c.needId}`);
  const need = parsed.data;
  const text = [need.title, need.description ?? '', need.keywords.join('、')].join('\n');
  const [keyTerms, matches] = await Promise.all([
    deps.matching.keyTerms(text, 8, [need.title, ...need.keywords].join('、')),
    deps.matching.matchNeed(viewer, need.id, { limit: 10 }),
  ]);
  let suggestedField: TriageView['suggestedField'] = null;
  if (need.field !== undefined) {
    suggestedField = { field: need.field, share: 1, source: 'need' };
  } else {
    const votes = new Map<string, number>();
    let total = 0;
    for (const m of matches.results) {
      const field =
        m.explanation.signals.field >= 0 ? await seedField(deps.repos, m.seedId) : undefined;
      if (field === undefined) continue;
      votes.set(field, (votes.get(field) ?? 0) + m.score);
      total += m.score;
    }
    const best = [...votes.entries()].sort((a, b) => b[1] - a[1])[0];
    if (best !== undefined && total > 0) {
      suggestedField = {
        field: best[0],
        share: Math.round((best[1] / total) * 100) / 100,
        source: 'seeds',
      };
    }
  }
  const counts = new Map<string, { cases: number; won: number }>();
  if (suggestedField !== null) {
    for (const other of await deps.consultations.visible(viewer)) {
      if (other.field !== suggestedField.field || other.id === c.id) continue;
      for (const coordinatorId of other.coordinatorIds) {
        const entry = counts.get(coordinatorId) ?? { cases: 0, won: 0 };
        entry.cases += 1;
        if (other.outcome === 'won') entry.won += 1;
        counts.set(coordinatorId, entry);
      }
    }
  }
  return {
    consultationId: c.id,
    needId: need.id,
    title: need.title,
    stage: c.stage,
    overdue: view.overdue.overdue,
    keyTerms,
    suggestedField,
    suggestedCoordinators: [...counts.entries()]
      .map(([coordinatorId, e]) => ({ coordinatorId, ...e }))
      .sort(
        (a, b) =>
          b.cases + b.won - (a.cases + a.won) || (a.coordinatorId < b.coordinatorId ? -1 : 1),
      )
      .slice(0, 5),
    researchers: matches.researchers.slice(0, 5),
    seeds: matches.results.slice(0, 5).map((m) => ({
      seedId: m.seedId,
      title: m.title,
      ownerName: m.ownerName,
      score: m.score,
    })),
  };
}

async function seedField(repos: Repositories, seedId: string): Promise<string | undefined> {
  const stored = await repos.entity('seeds').get(seedId);
  const field = stored?.record['field'];
  return typeof field === 'string' ? field : undefined;
}
