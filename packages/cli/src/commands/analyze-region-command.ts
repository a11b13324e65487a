/**
 * `musubi analyze money|strategy|people --prefecture CODE|--community ID [--json]`: the region-level
 * analyses (自立化・資金循環, 地域戦略のKPI・PDCA, 人材育成).
 */
import { DomainError } from '#core/domain-error.ts';
import { systemClock } from '#core/ports.ts';
import { analyzeMoney } from '#services/region/analyze-money.ts';
import { analyzePeople } from '#services/region/analyze-people.ts';
import { analyzeRegionStrategy } from '#services/region/analyze-region-strategy.ts';
import { openTarget, writeLine, type CommandContext } from '../context.ts';

interface RegionOptions {
  db?: string;
  prefecture?: string;
  community?: string;
  asOfFy?: string;
  json?: boolean;
}

const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);
const yen = (value: number) => `¥${Math.round(value).toLocaleString('en-US')}`;

function region(options: RegionOptions): { prefectureCode?: string; communityId?: string } {
  if ((options.prefecture === undefined) === (options.community === undefined))
    throw new DomainError('validation_failed', 'give exactly one of --prefecture or --community');
  return options.prefecture !== undefined
    ? { prefectureCode: options.prefecture }
    : { communityId: options.community ?? '' };
}

function fiscalYear(value: string | undefined): { asOfFy?: number } {
  if (value === undefined) return {};
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1990 || n > 2100)
    throw new DomainError('validation_failed', `--as-of-fy must be a fiscal year, got "${value}"`);
  return { asOfFy: n };
}

/** A consortium's code alone, else exactly one region. */
function regionOrConsortium(options: RegionOptions & { consortium?: string }): {
  prefectureCode?: string;
  communityId?: string;
  consortium?: string;
} {
  if (options.consortium === undefined) return region(options);
  if (options.prefecture !== undefined || options.community !== undefined)
    throw new DomainError(
      'validation_failed',
      'give exactly one of --prefecture, --community or --consortium',
    );
  return { consortium: options.consortium };
}

export async function runAnalyzeMoney(
  options: RegionOptions & { consortium?: string },
  context: CommandContext,
) {
  const request = { ...regionOrConsortium(options), ...fiscalYear(options.asOfFy) };
  const database = await openTarget(options.db, context);
  try {
    const out = await analyzeMoney(database.repos, systemClock, request);
    if (options.json) return writeLine(context.stdout, JSON.stringify(out));
    const r = out.region;
    writeLine(
      context.stdout,
      `地域の資金循環 / money of ${out.scope.name} (FY${out.asOfFy}): ${yen(r.total)} in ${r.flows} flows`,
    );
    writeLine(
      context.stdout,
      `  national ${percent(r.nationalShare)}, local ${percent(r.localShare)}; largest source ${r.dependency.largest ? (out.sourceNames[r.dependency.largest.key] ?? r.dependency.largest.key) : '—'} ${percent(r.dependency.largest?.share ?? null)}, HHI ${r.dependency.hhi?.toFixed(3) ?? '—'}${r.dependency.concentrated ? ' (concentrated)' : ''}`,
    );
    if (r.note) writeLine(context.stdout, `  note: ${r.note}`);
    const c = out.circulation;
    writeLine(
      context.stdout,
      `  received by origin: ${c.received
        .filter((o) => o.flows > 0)
        .map(
          (o) => `${o.origin} ${yen(o.amount)}${o.share === null ? '' : ` (${percent(o.share)})`}`,
        )
        .join(', ')}`,
    );
    writeLine(
      context.stdout,
      `  the region's own funders: ${yen(c.given.total)}, kept ${yen(c.given.kept)}, paid out ${yen(c.given.paidOut)} (stays ${percent(c.retentionShare)})${
        c.destinations.length > 0
          ? `; out to ${c.destinations
              .slice(0, 5)
              .map((d) => `${d.place} ${yen(d.amount)}`)
              .join(', ')}`
          : ''
      }`,
    );
    for (const note of c.notes) writeLine(context.stdout, `  note: ${note}`);
    for (const year of r.years)
      writeLine(
        context.stdout,
        `  FY${year.fiscalYear}  ${yen(year.total).padStart(16)}  national ${percent(year.nationalShare)}`,
      );
    writeLine(context.stdout, '  outlook            runway  project');
    for (const p of out.projects)
      writeLine(
        context.stdout,
        `  ${p.outlook.padEnd(18)} ${(p.runwayYears === null ? '—' : `${p.runwayYears.toFixed(1)}y`).padStart(6)}  ${p.projectId} ${p.title}: ${p.reasons.join('; ')}`,
      );
    writeLine(context.stdout, `  ${out.method}`);
  } finally {
    await database.close();
  }
}

export async function runAnalyzeStrategy(
  options: RegionOptions & { strategy?: string },
  context: CommandContext,
) {
  const request =
    options.strategy !== undefined
      ? { strategyId: options.strategy, ...fiscalYear(options.asOfFy) }
      : { ...region(options), ...fiscalYear(options.asOfFy) };
  const database = await openTarget(options.db, context);
  try {
    const out = await analyzeRegionStrategy(database.repos, systemClock, request);
    if (options.json) return writeLine(context.stdout, JSON.stringify(out));
    writeLine(context.stdout, `地域戦略 / region strategy of ${out.area.name} (FY${out.asOfFy})`);
    if (out.note) writeLine(context.stdout, `  note: ${out.note}`);
    for (const s of out.strategies) {
      writeLine(context.stdout, `  ${s.id} ${s.name}${s.vision ? ` — ${s.vision}` : ''}`);
      writeLine(
        context.stdout,
        `  last PDCA check: ${s.lastCheck ?? 'none'}${s.daysSinceCheck !== null ? ` (${s.daysSinceCheck} days ago)` : ''}`,
      );
      if (s.summary.valuesWithoutTargets.length > 0)
        writeLine(
          context.stdout,
          `  no KPI target for: ${s.summary.valuesWithoutTargets.join(', ')}`,
        );
      for (const t of s.targets)
        writeLine(
          context.stdout,
          `    ${t.status.padEnd(8)} ${t.value.padEnd(10)} ${t.metric} FY${t.year} target ${t.target}${t.unit}: ${t.basis}`,
        );
    }
    writeLine(context.stdout, `  ${out.method}`);
  } finally {
    await database.close();
  }
}

export async function runAnalyzePeople(
  options: RegionOptions & { consortium?: string },
  context: CommandContext,
) {
  const request = regionOrConsortium(options);
  const database = await openTarget(options.db, context);
  try {
    const out = await analyzePeople(database.repos, request);
    if (options.json) return writeLine(context.stdout, JSON.stringify(out));
    const r = out.retention;
    writeLine(context.stdout, `人材育成 / people of ${out.area.name}`);
    writeLine(
      context.stdout,
      `  local retention ${percent(r.rate)} [${percent(r.ciLow)}, ${percent(r.ciHigh)}] of ${r.n} known destinations${r.claim ? '' : ' (no claim)'}`,
    );
    if (r.note) writeLine(context.stdout, `  note: ${r.note}`);
    for (const p of out.programmes)
      writeLine(
        context.stdout,
        `    ${p.id} ${p.name}: ${p.totals.enrolled} enrolled, ${p.totals.completed} completed, retention ${percent(p.retention.rate)} [${percent(p.retention.ciLow)}, ${percent(p.retention.ciHigh)}]`,
      );
    const c = out.coordinators;
    writeLine(
      context.stdout,
      `  coordinators: ${c.latestStaff ?? '—'} now; turnover ${percent(c.turnover.rate)} [${percent(c.turnover.ciLow)}, ${percent(c.turnover.ciHigh)}] over ${c.turnover.n} staff-years${c.turnover.claim ? '' : ' (no claim)'}`,
    );
    if (out.note) writeLine(context.stdout, `  note: ${out.note}`);
    writeLine(context.stdout, `  ${out.method}`);
  } finally {
    await database.close();
  }
}
