import { WHEEL_LABELS, WHEEL_SECTORS, type WheelSector } from '#analytics/abc/wheel.ts';
import { DomainError } from '#core/domain-error.ts';
import { findPrefecture } from '#core/geo.ts';
import { systemClock } from '#core/ports.ts';
import { RELATION_TYPES, type RelationType } from '#core/vocabulary.ts';
import {
  analyzeCommunities,
  type CommunityParameters,
} from '#services/analysis/analyze-communities.ts';
import { nameCommunitiesOutputs } from '#services/analysis/community-names.ts';
import { analyzeGapFill } from '#services/analysis/analyze-gap-fill.ts';
import { analyzeRoles } from '#services/analysis/analyze-roles.ts';
import { analyzeContinuation } from '#services/programmes/analyze-continuation.ts';
import { openTarget, writeLine, type CommandContext } from '../context.ts';

export interface CommunityCliOptions {
  db?: string;
  resolution?: string;
  resolutions?: string;
  seed?: string;
  asOf?: string;
  from?: string;
  to?: string;
  types?: string;
  save?: boolean;
  json?: boolean;
}

function number(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n))
    throw new DomainError('validation_failed', `${flag} must be a number, got "${value}"`);
  return n;
}

function communityParameters(options: CommunityCliOptions): CommunityParameters {
  const types = options.types?.split(',').map((t) => t.trim());
  const unknown = types?.filter((t) => !(RELATION_TYPES as readonly string[]).includes(t));
  if (unknown && unknown.length > 0) {
    throw new DomainError(
      'validation_failed',
      `--types: unknown relation type(s) ${unknown.join(', ')}`,
    );
  }
  const resolution = number(options.resolution, '--resolution');
  const seed = number(options.seed, '--seed');
  return {
    ...(resolution !== undefined ? { resolution } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(options.asOf ? { asOf: options.asOf } : {}),
    ...(options.from ? { from: options.from } : {}),
    ...(options.to ? { to: options.to } : {}),
    ...(types ? { relationTypes: types as RelationType[] } : {}),
  };
}

function prefectureNames(codes: string[]): string {
  return codes.map((code) => findPrefecture(code)?.name ?? code).join('・');
}

export async function runAnalyzeCommunities(
  options: CommunityCliOptions,
  context: CommandContext,
): Promise<void> {
  const base = communityParameters(options);
  const resolutions = options.resolutions
    ? options.resolutions.split(',').map((r) => number(r.trim(), '--resolutions') ?? 1)
    : [base.resolution ?? 1];
  const database = await openTarget(options.db, context);
  try {
    const network = await database.repos.network.readCompact();
    const plain = await analyzeCommunities(
      database.repos,
      systemClock,
      resolutions.map((resolution) => ({ ...base, resolution })),
      { save: options.save !== false, network },
    );
    const outputs = await nameCommunitiesOutputs(database.repos, plain, network);
    if (options.json) {
      writeLine(context.stdout, JSON.stringify(options.resolutions ? outputs : outputs[0]));
      return;
    }
    for (const output of outputs) {
      writeLine(
        context.stdout,
        `resolution ${output.resolution}, seed ${output.seed}: ${output.communityCount} communities, modularity ${output.modularity.toFixed(3)}, AMI vs prefectures ${output.ami.toFixed(3)}${output.runId ? ` (run ${output.runId})` : ''}`,
      );
      for (const c of output.communities.slice(0, 40)) {
        const core = c.coreActors
          .slice(0, 3)
          .map((a) => a.name)
          .join('、');
        writeLine(
          context.stdout,
          `  ${c.id.padEnd(4)} ${c.name}\n       ${String(c.size).padStart(5)} actors  ${prefectureNames(c.prefectures)}  広域連携 ${(c.crossPrefectureShare * 100).toFixed(0)}%  中核: ${core}`,
        );
        for (const gap of c.gaps.slice(0, 4)) writeLine(context.stdout, `         gap: ${gap.ja}`);
      }
      if (output.communities.length > 40)
        writeLine(context.stdout, `  … ${output.communities.length - 40} more (use --json)`);
    }
  } finally {
    await database.close();
  }
}

export async function runAnalyzeRoles(
  options: { db?: string; json?: boolean; limit?: string; starTop?: string },
  context: CommandContext,
): Promise<void> {
  const database = await openTarget(options.db, context);
  try {
    const limit = number(options.limit, '--limit');
    const starTopShare = number(options.starTop, '--star-top');
    const roles = await analyzeRoles(database.repos, systemClock, {
      ...(limit !== undefined ? { limit } : {}),
      ...(starTopShare !== undefined ? { starTopShare } : {}),
    });
    if (options.json) {
      writeLine(context.stdout, JSON.stringify(roles));
      return;
    }
    if (roles.generatedData) writeLine(context.stdout, `  ⚠ ${roles.generatedData.ja}`);
    const sections = [
      ['スター・サイエンティスト / star scientists', roles.starScientists],
      ['地域中核企業 / regional core companies', roles.coreCompanies],
      ['アンカー企業 / anchor companies', roles.anchorCompanies],
    ] as const;
    for (const [title, list] of sections) {
      const qualified = list.filter((c) => c.qualifies);
      const thin = list.filter((c) => c.status === 'insufficient_evidence').length;
      writeLine(
        context.stdout,
        `${title}: ${qualified.length} qualify, ${thin} with insufficient evidence (top ${list.length} shown by score)`,
      );
      for (const c of list.slice(0, 10)) {
        const evidence = c.evidence
          .map(
            (e) =>
              `${e.criterion}=${typeof e.value === 'number' ? Number(e.value.toFixed(2)) : e.value}`,
          )
          .join(' ');
        writeLine(
          context.stdout,
          `  ${c.qualifies ? '★' : c.status === 'insufficient_evidence' ? '?' : ' '} ${c.score.toFixed(2)} ${c.name} (${findPrefecture(c.prefectureCode)?.name ?? c.prefectureCode}) ${evidence}`,
        );
        writeLine(
          context.stdout,
          `      basis: ${c.basis.population}, n=${c.basis.n}${c.basis.insufficient.length > 0 ? `; insufficient evidence: ${c.basis.insufficient.join('; ')}` : ''}`,
        );
      }
    }
  } finally {
    await database.close();
  }
}

export async function runAnalyzeGapFill(
  options: CommunityCliOptions & {
    community?: string;
    sector?: string;
    keywords?: string;
    limit?: string;
  },
  context: CommandContext,
): Promise<void> {
  if (!options.community)
    throw new DomainError(
      'validation_failed',
      '--community is required (an id from `musubi analyze communities`, e.g. c3)',
    );
  if (options.sector && !(WHEEL_SECTORS as readonly string[]).includes(options.sector)) {
    throw new DomainError(
      'validation_failed',
      `--sector must be one of ${WHEEL_SECTORS.join(', ')}`,
    );
  }
  const database = await openTarget(options.db, context);
  try {
    const limit = number(options.limit, '--limit');
    const output = await analyzeGapFill(database.repos, systemClock, {
      ...communityParameters(options),
      community: options.community,
      ...(options.sector ? { sector: options.sector as WheelSector } : {}),
      ...(options.keywords ? { keywords: options.keywords.split(',').map((k) => k.trim()) } : {}),
      ...(limit !== undefined ? { limit } : {}),
    });
    if (options.json) {
      writeLine(context.stdout, JSON.stringify(output));
      return;
    }
    const sector = output.sector ? WHEEL_LABELS[output.sector].ja : '（指定なし）';
    writeLine(
      context.stdout,
      `${output.community.id} ${output.community.name} (${output.community.size} actors, ${prefectureNames(output.community.prefectures)}): candidates for ${sector}`,
    );
    if (output.generatedData) writeLine(context.stdout, `  ⚠ ${output.generatedData.ja}`);
    const from = output.communitySource;
    writeLine(
      context.stdout,
      from.source === 'stored'
        ? `  communities of run ${from.runId} (${from.computedAt.slice(0, 10)}, resolution ${from.resolution}, seed ${from.seed})`
        : `  communities computed now (resolution ${from.resolution}, seed ${from.seed})`,
    );
    for (const c of output.candidates) {
      writeLine(
        context.stdout,
        `  ${c.score.toFixed(2)} ${c.name} (${findPrefecture(c.prefectureCode)?.name ?? c.prefectureCode})`,
      );
      for (const reason of c.reasons) writeLine(context.stdout, `       ${reason.ja}`);
    }
  } finally {
    await database.close();
  }
}

function fixed(value: number | null, digits = 2): string {
  return value === null ? '—' : value.toFixed(digits);
}

export async function runAnalyzeContinuation(
  options: { db?: string; json?: boolean; asOfFy?: string; minRecords?: string },
  context: CommandContext,
): Promise<void> {
  const asOfFy = number(options.asOfFy, '--as-of-fy');
  const minRecords = number(options.minRecords, '--min-records');
  const database = await openTarget(options.db, context);
  try {
    const output = await analyzeContinuation(database.repos, systemClock, {
      ...(asOfFy !== undefined ? { asOfFy } : {}),
      ...(minRecords !== undefined ? { minRecords } : {}),
    });
    if (options.json) {
      writeLine(context.stdout, JSON.stringify(output));
      return;
    }
    writeLine(context.stdout, output.summary);
    writeLine(context.stdout, '');
    if (output.factors.length > 0) {
      writeLine(context.stdout, 'factor                          coef    95% CI            p');
      for (const f of output.factors) {
        writeLine(
          context.stdout,
          `  ${f.name.padEnd(30)}${fixed(f.coefficient).padStart(6)}  [${fixed(f.ciLow)}, ${fixed(f.ciHigh)}]  ${fixed(f.pValue, 4)}${f.supported ? ' *' : ''}`,
        );
      }
    }
    for (const t of output.crossTabs) {
      writeLine(
        context.stdout,
        `  ${t.factor} × ${t.outcome}: [[${t.table[0].join(', ')}], [${t.table[1].join(', ')}]] OR ${fixed(t.oddsRatio)} Fisher p ${fixed(t.fisherP, 4)}${t.supported ? ' *' : ''}`,
      );
    }
  } finally {
    await database.close();
  }
}
