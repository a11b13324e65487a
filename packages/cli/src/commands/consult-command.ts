import { DEFAULT_GLOSS_LINKS } from '#services/matching/gloss-link-source.ts';
import {
  CONSULTATION_STAGES,
  CONSULTATION_STAGE_LABELS_JA,
  ZStageMove,
} from '#core/consultation.ts';
import { parseInput } from '#services/matching/parse-input.ts';
import { computeConsultationFigures } from '#services/consultations/consultation-figures.ts';
import {
  createConsultationService,
  type ConsultationService,
} from '#services/consultations/consultation-service.ts';
import { buildTriageView } from '#services/consultations/triage-view.ts';
import {
  createMatchingService,
  type MatchingService,
} from '#services/matching/matching-service.ts';
import type { Repositories } from '#core/ports.ts';
import { openTarget, writeLine, type CommandContext } from '../context.ts';
import { viewerFromOptions, type ViewerCliOptions } from './match-command.ts';

export interface ConsultCliOptions extends ViewerCliOptions {
  db?: string;
  json?: boolean;
  note?: string;
  reason?: string;
  outcome?: string;
  agreement?: string;
  overdue?: boolean;
  mine?: boolean;
  stage?: string;
}

async function withServices<T>(
  options: ConsultCliOptions,
  context: CommandContext,
  needsMatching: boolean,
  work: (s: {
    repos: Repositories;
    consultations: ConsultationService;
    matching?: MatchingService;
  }) => Promise<T>,
): Promise<T> {
  const database = await openTarget(options.db, context);
  const matching = needsMatching
    ? await createMatchingService({ repos: database.repos, glossLinks: DEFAULT_GLOSS_LINKS })
    : undefined;
  try {
    return await work({
      repos: database.repos,
      consultations: createConsultationService({
        repos: database.repos,
        ...(matching ? { matching } : {}),
      }),
      ...(matching ? { matching } : {}),
    });
  } finally {
    await matching?.close();
    await database.close();
  }
}

function label(stage: string): string {
  const known = CONSULTATION_STAGES.find((s) => s === stage);
  return known === undefined ? stage : `${stage} ${CONSULTATION_STAGE_LABELS_JA[known]}`;
}

export async function runConsultOpen(
  needId: string,
  options: ConsultCliOptions,
  context: CommandContext,
): Promise<void> {
  await withServices(options, context, false, async ({ consultations }) => {
    const c = await consultations.open(
      viewerFromOptions(options),
      needId,
      options.note ? { note: options.note } : {},
    );
    if (options.json) writeLine(context.stdout, JSON.stringify(c));
    else
      writeLine(
        context.stdout,
        `consultation ${c.id} opened for need ${needId} (${label(c.stage)})`,
      );
  });
}

export async function runConsultMove(
  id: string,
  stage: string,
  options: ConsultCliOptions,
  context: CommandContext,
): Promise<void> {
  await withServices(options, context, false, async ({ consultations }) => {
    const move = parseInput(
      ZStageMove,
      {
        to: stage,
        ...(options.reason !== undefined ? { reason: options.reason } : {}),
        ...(options.outcome !== undefined ? { outcome: options.outcome } : {}),
        ...(options.agreement !== undefined ? { agreementType: options.agreement } : {}),
      },
      'consult move',
    );
    const c = await consultations.move(viewerFromOptions(options), id, move);
    if (options.json) writeLine(context.stdout, JSON.stringify(c));
    else
      writeLine(
        context.stdout,
        `consultation ${c.id}: ${label(c.stage)}${c.outcome ? ` (${c.outcome})` : ''}`,
      );
  });
}

export async function runConsultList(
  options: ConsultCliOptions,
  context: CommandContext,
): Promise<void> {
  await withServices(options, context, false, async ({ consultations }) => {
    const list = await consultations.list(viewerFromOptions(options), {
      ...(options.stage !== undefined ? { stage: options.stage } : {}),
      ...(options.overdue ? { overdueOnly: true } : {}),
      ...(options.mine ? { mine: true } : {}),
    });
    if (options.json) {
      writeLine(context.stdout, JSON.stringify({ consultations: list }));
      return;
    }
    if (list.length === 0) writeLine(context.stdout, 'no consultations');
    for (const c of list) {
      writeLine(
        context.stdout,
        `${c.id}  need ${c.needId}  ${label(c.stage)}${c.overdue.overdue ? `  OVERDUE ${c.overdue.hoursOverdue} h` : ''}  coordinators: ${c.coordinatorIds.join(', ') || '-'}`,
      );
    }
  });
}

export async function runConsultShow(
  id: string,
  options: ConsultCliOptions,
  context: CommandContext,
): Promise<void> {
  await withServices(options, context, false, async ({ consultations }) => {
    const view = await consultations.get(viewerFromOptions(options), id);
    if (options.json) {
      writeLine(context.stdout, JSON.stringify(view));
      return;
    }
    const c = view.consultation;
    writeLine(
      context.stdout,
      `${c.id}  need ${c.needId}  ${label(c.stage)}${view.overdue.overdue ? '  OVERDUE' : ''}`,
    );
    for (const e of view.history) {
      const move = e.toStage ? ` → ${e.toStage}` : '';
      writeLine(
        context.stdout,
        `  ${e.seq}. ${e.at}  ${e.actorId}  ${e.kind}${move}  ${JSON.stringify(e.data)}`,
      );
    }
  });
}

export async function runConsultFigures(
  options: ConsultCliOptions,
  context: CommandContext,
): Promise<void> {
  await withServices(options, context, false, async ({ consultations, repos }) => {
    const viewer = viewerFromOptions(options);
    const visible = await consultations.visible(viewer);
    const figures = computeConsultationFigures(
      visible,
      await repos.consultations.eventsOf(visible.map((c) => c.id)),
      { now: () => new Date() },
    );
    if (options.json) {
      writeLine(context.stdout, JSON.stringify(figures));
      return;
    }
    for (const [title, groups] of [
      ['coordinator', figures.byCoordinator],
      ['region', figures.byRegion],
    ] as const) {
      writeLine(context.stdout, `by ${title}:`);
      for (const g of groups) {
        writeLine(
          context.stdout,
          `  ${g.key}: ${g.consultations} (open ${g.open}, won ${g.won}, lost ${g.lost}, withdrawn ${g.withdrawn}) conversion ${g.conversion ?? '-'} days ${JSON.stringify(g.meanDaysInStage)}`,
        );
      }
    }
  });
}

export async function runConsultTriage(
  id: string,
  options: ConsultCliOptions,
  context: CommandContext,
): Promise<void> {
  await withServices(options, context, true, async ({ consultations, repos, matching }) => {
    if (matching === undefined) return;
    const view = await buildTriageView(
      { repos, consultations, matching },
      viewerFromOptions(options),
      id,
    );
    if (options.json) {
      writeLine(context.stdout, JSON.stringify(view));
      return;
    }
    writeLine(
      context.stdout,
      `${view.title}  (${label(view.stage)}${view.overdue ? ', OVERDUE' : ''})`,
    );
    writeLine(context.stdout, `key terms: ${view.keyTerms.map((t) => t.term).join(' ')}`);
    writeLine(
      context.stdout,
      `field: ${view.suggestedField ? `${view.suggestedField.field} (${view.suggestedField.source})` : '-'}`,
    );
    writeLine(
      context.stdout,
      `coordinators: ${view.suggestedCoordinators.map((c) => `${c.coordinatorId} (${c.cases}/${c.won} won)`).join(', ') || '-'}`,
    );
    writeLine(
      context.stdout,
      `researchers: ${view.researchers.map((r) => r.name).join(', ') || '-'}`,
    );
    writeLine(
      context.stdout,
      `seeds: ${view.seeds.map((s) => `${s.title} [${s.seedId}]`).join(' / ') || '-'}`,
    );
  });
}
