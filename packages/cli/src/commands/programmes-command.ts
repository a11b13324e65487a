import { DomainError } from '#core/domain-error.ts';
import { findPrefecture } from '#core/geo.ts';
import { systemClock } from '#core/ports.ts';
import {
  CASE_OUTCOMES,
  INNOVATION_PATHS,
  type CaseOutcome,
  type InnovationPath,
} from '#core/vocabulary.ts';
import { analyzeCaseFactors, searchCases } from '#services/programmes/case-library.ts';
import { findSupportMeasures } from '#services/programmes/find-support-measures.ts';
import { analyzePortfolio, analyzeProjectHealth } from '#services/programmes/project-portfolio.ts';
import { openTarget, writeLine, type CommandContext } from '../context.ts';

function count(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0)
    throw new DomainError('validation_failed', `${flag} must be a number ≥ 0, got "${value}"`);
  return n;
}

export async function runSupportFit(
  options: {
    db?: string;
    actor?: string;
    project?: string;
    stage?: string;
    amount?: string;
    json?: boolean;
  },
  context: CommandContext,
): Promise<void> {
  if (options.stage && !(INNOVATION_PATHS as readonly string[]).includes(options.stage))
    throw new DomainError(
      'validation_failed',
      `--stage must be one of ${INNOVATION_PATHS.join(', ')}`,
    );
  const amountNeeded = count(options.amount, '--amount');
  const database = await openTarget(options.db, context);
  try {
    const output = await findSupportMeasures(database.repos, systemClock, {
      ...(options.actor !== undefined ? { actorId: options.actor } : {}),
      ...(options.project !== undefined ? { projectId: options.project } : {}),
      ...(options.stage ? { stage: options.stage as InnovationPath } : {}),
      ...(amountNeeded !== undefined ? { amountNeeded } : {}),
    });
    if (options.json) {
      writeLine(context.stdout, JSON.stringify(output));
      return;
    }
    const s = output.subject;
    writeLine(
      context.stdout,
      `${s.name} (${s.kind} ${s.id}; ${s.stage}, ${s.sector}, ${findPrefecture(s.prefectureCode)?.name ?? s.prefectureCode}): ${output.matches.length} measure(s) fit`,
    );
    for (const m of output.matches.slice(0, 20)) {
      writeLine(context.stdout, `  ✓ ${m.measure.name} (${m.measure.provider})`);
      for (const r of m.reasons) writeLine(context.stdout, `      ${r.reasonJa} / ${r.reason}`);
    }
    if (output.nearMisses.length > 0) writeLine(context.stdout, 'near misses:');
    for (const m of output.nearMisses.slice(0, 10)) {
      writeLine(
        context.stdout,
        `  ✗ ${m.measure.name}: ${m.whyNot.map((r) => r.reasonJa).join('、')}`,
      );
    }
  } finally {
    await database.close();
  }
}

interface CaseOptions {
  db?: string;
  q?: string;
  outcome?: string;
  prefecture?: string;
  programme?: string;
  factor?: string;
  limit?: string;
  json?: boolean;
}

function caseFilter(options: CaseOptions) {
  if (options.outcome && !(CASE_OUTCOMES as readonly string[]).includes(options.outcome))
    throw new DomainError(
      'validation_failed',
      `--outcome must be one of ${CASE_OUTCOMES.join(', ')}`,
    );
  return {
    ...(options.q ? { q: options.q } : {}),
    ...(options.outcome ? { outcome: options.outcome as CaseOutcome } : {}),
    ...(options.prefecture ? { prefectureCode: options.prefecture } : {}),
    ...(options.programme ? { programmeId: options.programme } : {}),
    ...(options.factor ? { factor: options.factor } : {}),
  };
}

export async function runCasesSearch(options: CaseOptions, context: CommandContext): Promise<void> {
  const filter = caseFilter(options);
  const limit = count(options.limit, '--limit');
  const database = await openTarget(options.db, context);
  try {
    const output = await searchCases(database.repos, {
      ...filter,
      ...(limit !== undefined ? { limit } : {}),
    });
    if (options.json) {
      writeLine(context.stdout, JSON.stringify(output));
      return;
    }
    writeLine(context.stdout, `${output.total} case(s)`);
    for (const c of output.cases)
      writeLine(context.stdout, `  [${c.outcome}] ${c.id} ${c.title} — ${c.factors.join('、')}`);
  } finally {
    await database.close();
  }
}

export async function runCasesFactors(
  options: CaseOptions,
  context: CommandContext,
): Promise<void> {
  const { outcome: _outcome, ...filter } = caseFilter(options);
  const database = await openTarget(options.db, context);
  try {
    const output = await analyzeCaseFactors(database.repos, filter);
    if (options.json) {
      writeLine(context.stdout, JSON.stringify(output));
      return;
    }
    writeLine(
      context.stdout,
      `${output.successes} success(es), ${output.failures} failure(s), ${output.mixedExcluded} mixed left out`,
    );
    if (output.note) writeLine(context.stdout, `no comparison: ${output.note}`);
    else writeLine(context.stdout, `rule: ${output.rule}`);
    // infinite limits arrive as null (finiteOrNull): the interval is open on that side
    const or = (x: number | null) => (x === null ? '∞' : x.toFixed(2));
    for (const f of output.factors) {
      const share = (x: number) => `${Math.round(x * 100)}%`;
      writeLine(
        context.stdout,
        `  ${f.leansTowards === 'success' ? '+' : f.leansTowards === 'failure' ? '−' : ' '} ${f.factor}: successes ${share(f.shareInSuccesses)} vs failures ${share(f.shareInFailures)}, conditional OR ${or(f.conditionalOddsRatio)} (exact CI ${or(f.exactCiLow)}–${or(f.exactCiHigh)}), Fisher p ${f.fisherP.toFixed(4)}`,
      );
    }
  } finally {
    await database.close();
  }
}

export async function runProjectHealth(
  options: { db?: string; project?: string; json?: boolean },
  context: CommandContext,
): Promise<void> {
  if (!options.project) throw new DomainError('validation_failed', '--project is required');
  const database = await openTarget(options.db, context);
  try {
    const h = await analyzeProjectHealth(database.repos, systemClock, options.project);
    if (options.json) {
      writeLine(context.stdout, JSON.stringify(h));
      return;
    }
    writeLine(context.stdout, `${h.title} (${h.id}, ${h.stage}) as of ${h.asOf}`);
    writeLine(
      context.stdout,
      `  milestones: ${h.progress.done} done, ${h.progress.overdue} overdue, max slip ${h.progress.maxSlipDays} days`,
    );
    writeLine(
      context.stdout,
      h.budget
        ? `  budget: ${Math.round(h.budget.spentShare * 100)}% spent at ${Math.round(h.budget.elapsedShare * 100)}% of the period (${h.budget.status})`
        : `  budget: ${h.budgetNote ?? '—'}`,
    );
    for (const r of h.risks)
      writeLine(
        context.stdout,
        `  risk ${r.rising ? '↑' : ' '} ${r.latestScore.toString().padStart(2)} ${r.title} (owner ${r.owner ?? '—'}; ${r.mitigation ?? 'no mitigation'})`,
      );
    writeLine(
      context.stdout,
      `  PDCA: ${h.pdca.completedCycles} cycle(s); team ${h.team.complete ? 'complete' : `lacks ${h.team.missing.join(', ')}`}`,
    );
    for (const k of h.kpis)
      writeLine(
        context.stdout,
        `  KPI [${k.value}] ${k.name}: ${k.actual ?? '—'} / ${k.target} ${k.unit}${k.sdgs.length ? ` (SDGs ${k.sdgs.join(',')})` : ''}`,
      );
    for (const a of h.alerts) writeLine(context.stdout, `  ! ${a}`);
  } finally {
    await database.close();
  }
}

export async function runPortfolio(
  options: { db?: string; prefecture?: string; community?: string; json?: boolean },
  context: CommandContext,
): Promise<void> {
  const database = await openTarget(options.db, context);
  try {
    const p = await analyzePortfolio(database.repos, systemClock, {
      ...(options.prefecture !== undefined ? { prefectureCode: options.prefecture } : {}),
      ...(options.community !== undefined ? { communityId: options.community } : {}),
    });
    if (options.json) {
      writeLine(context.stdout, JSON.stringify(p));
      return;
    }
    writeLine(context.stdout, `${p.scope.name}: ${p.projects.length} project(s) as of ${p.asOf}`);
    if (p.communitySource)
      writeLine(
        context.stdout,
        p.communitySource.source === 'stored'
          ? `  communities of the stored run ${p.communitySource.runId} (${p.communitySource.computedAt.slice(0, 10)}, resolution ${p.communitySource.resolution})`
          : `  communities computed with the default settings (resolution ${p.communitySource.resolution}; no stored run)`,
      );
    writeLine(
      context.stdout,
      `  by stage: ${Object.entries(p.byStage)
        .map(([s, n]) => `${s} ${n}`)
        .join(', ')}; team gaps: ${
        Object.entries(p.teamGaps)
          .map(([r, n]) => `${r} ${n}`)
          .join(', ') || 'none'
      }`,
    );
    for (const k of p.kpis)
      writeLine(
        context.stdout,
        `  KPI [${k.value}] ${k.name}: ${k.actual ?? '—'} / ${k.target} ${k.unit} (${k.projects} project(s)${k.missing > 0 ? `, ${k.missing} not reported` : ''})`,
      );
    for (const x of p.projects.slice(0, 30))
      writeLine(
        context.stdout,
        `  ${String(x.alerts).padStart(2)} alert(s) ${x.id} ${x.title} [${x.stage}]`,
      );
  } finally {
    await database.close();
  }
}
