import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { DomainError } from '#core/domain-error.ts';
import type { Viewer } from '#core/viewer.ts';
import {
  createMatchingService,
  type MatchOptions,
  type MatchingService,
  type NeedMatchResult,
  type RegionScope,
} from '#services/matching/matching-service.ts';
import { DEFAULT_GLOSS_LINKS } from '#services/matching/gloss-link-source.ts';
import { openTarget, writeLine, type CommandContext } from '../context.ts';
import { ownValue } from '#core/own-value.ts';

/** Who the CLI acts as: an account (default: a coordinator named "cli" without organisation). */
export interface ViewerCliOptions {
  as?: string;
  role?: string;
  org?: string;
}

export interface MatchCliOptions extends ViewerCliOptions {
  db?: string;
  json?: boolean;
  limit?: string;
  region?: string;
  expand?: boolean;
  tokenizer?: string;
  prefecture?: string;
}

const REGION_ALIASES: Record<string, RegionScope> = {
  any: 'any',
  anywhere: 'any',
  near: 'near',
  neighbouring: 'near',
  in: 'in',
  'in-region': 'in',
};

export function viewerFromOptions(options: ViewerCliOptions): Viewer {
  return {
    kind: 'account',
    accountId: options.as ?? 'cli',
    role: options.role ?? 'coordinator',
    organisationId: options.org ?? null,
  };
}

function matchOptions(options: MatchCliOptions): MatchOptions {
  const out: MatchOptions = {};
  if (options.limit !== undefined) {
    const limit = Number(options.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
      throw new DomainError(
        'validation_failed',
        `--limit must be a whole number 1..200, got "${options.limit}"`,
      );
    }
    out.limit = limit;
  }
  if (options.region !== undefined) {
    const region = ownValue(REGION_ALIASES, options.region);
    if (region === undefined) {
      throw new DomainError(
        'validation_failed',
        `--region must be any | near | in, got "${options.region}"`,
      );
    }
    out.region = region;
  }
  if (options.expand === false) out.expand = false;
  return out;
}

async function withService<T>(
  options: MatchCliOptions,
  context: CommandContext,
  work: (service: MatchingService) => Promise<T>,
): Promise<T> {
  const database = await openTarget(options.db, context);
  const tokenizer =
    options.tokenizer === 'kuromoji' || options.tokenizer === 'mecab' ? options.tokenizer : 'auto';
  const service = await createMatchingService({
    repos: database.repos,
    tokenizer,
    glossLinks: DEFAULT_GLOSS_LINKS,
  });
  try {
    return await work(service);
  } finally {
    await service.close();
    await database.close();
  }
}

function printSeedMatches(result: NeedMatchResult, context: CommandContext): void {
  if (result.noGoodMatch !== undefined) {
    writeLine(context.stdout, result.noGoodMatch.message);
    for (const s of result.noGoodMatch.suggestions) writeLine(context.stdout, `  - ${s}`);
    return;
  }
  if (result.results.length === 0) {
    writeLine(context.stdout, 'no matching seeds');
    return;
  }
  result.results.forEach((r, i) => {
    const where = r.explanation.distanceKm !== undefined ? ` ${r.explanation.distanceKm} km` : '';
    writeLine(
      context.stdout,
      `${i + 1}. ${r.explanation.highlightedTitle}  [${r.seedId}, ${r.kind}] ${r.score.toFixed(3)} ${r.confidence}${r.explanation.expansionOnly ? ' (expansion only)' : ''}`,
    );
    writeLine(
      context.stdout,
      `   ${r.ownerName} (${r.prefectureCode ?? '?'}, ${r.explanation.region}${where})`,
    );
    const signals = Object.entries(r.explanation.signals)
      .filter(([, v]) => v !== 0)
      .map(([k, v]) => `${k} ${v >= 0 ? '+' : ''}${v.toFixed(3)}`)
      .join(', ');
    writeLine(context.stdout, `   ${signals}`);
    writeLine(
      context.stdout,
      `   terms: ${r.explanation.terms.map((t) => `${t.term}(${t.source})`).join(' ')}`,
    );
    if (r.explanation.path.length > 0) {
      writeLine(
        context.stdout,
        `   path: ${r.explanation.path.map((s) => `${s.fromName} —${s.relation}→ ${s.toName}`).join(' / ')}`,
      );
    }
  });
  if (result.researchers.length > 0) {
    writeLine(
      context.stdout,
      `researchers: ${result.researchers.map((r) => `${r.name} (${r.score.toFixed(2)})`).join(', ')}`,
    );
  }
  if (result.facilities.length > 0) {
    writeLine(
      context.stdout,
      `facilities: ${result.facilities.map((f) => `${f.title} [${f.ownerName}]`).join(', ')}`,
    );
  }
}

export async function runMatchNeed(
  needId: string,
  options: MatchCliOptions,
  context: CommandContext,
): Promise<void> {
  await withService(options, context, async (service) => {
    const result = await service.matchNeed(
      viewerFromOptions(options),
      needId,
      matchOptions(options),
    );
    if (options.json) writeLine(context.stdout, JSON.stringify(result));
    else printSeedMatches(result, context);
  });
}

export async function runMatchText(
  text: string,
  options: MatchCliOptions,
  context: CommandContext,
): Promise<void> {
  await withService(options, context, async (service) => {
    const result = await service.matchText(viewerFromOptions(options), text, {
      ...matchOptions(options),
      ...(options.prefecture !== undefined
        ? { subject: { prefectureCode: options.prefecture } }
        : {}),
    });
    if (options.json) writeLine(context.stdout, JSON.stringify(result));
    else printSeedMatches(result, context);
  });
}

export async function runMatchSeed(
  seedId: string,
  options: MatchCliOptions,
  context: CommandContext,
): Promise<void> {
  await withService(options, context, async (service) => {
    const result = await service.matchSeed(
      viewerFromOptions(options),
      seedId,
      matchOptions(options),
    );
    if (options.json) {
      writeLine(context.stdout, JSON.stringify(result));
      return;
    }
    result.results.forEach((r, i) => {
      writeLine(
        context.stdout,
        `${i + 1}. ${r.name} [${r.actorId}] ${r.score.toFixed(3)} needs: ${r.needIds.join(', ') || '-'}`,
      );
      if (r.explanation.path.length > 0) {
        writeLine(
          context.stdout,
          `   path: ${r.explanation.path.map((s) => `${s.fromName} —${s.relation}→ ${s.toName}`).join(' / ')}`,
        );
      }
    });
  });
}

const ZBatchLine = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  text: z.string(),
});

/** NDJSON in ({ id, text } per line), NDJSON out ({ id, results } or { id, error } per line). */
export async function runMatchBatch(
  file: string,
  options: MatchCliOptions,
  context: CommandContext,
): Promise<void> {
  await withService(options, context, async (service) => {
    const viewer = viewerFromOptions(options);
    const opts = matchOptions(options);
    const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
    let lineNo = 0;
    for await (const line of lines) {
      lineNo += 1;
      if (line.trim() === '') continue;
      let parsed: z.infer<typeof ZBatchLine>;
      try {
        parsed = ZBatchLine.parse(JSON.parse(line));
      } catch {
        writeLine(
          context.stdout,
          JSON.stringify({ line: lineNo, error: 'expected {"id","text"}' }),
        );
        continue;
      }
      try {
        const result = await service.matchText(viewer, parsed.text, opts);
        writeLine(
          context.stdout,
          JSON.stringify({
            id: parsed.id,
            results: result.results,
            ...(result.noGoodMatch !== undefined ? { noGoodMatch: result.noGoodMatch } : {}),
          }),
        );
      } catch (error) {
        const message = error instanceof DomainError ? error.message : String(error);
        writeLine(context.stdout, JSON.stringify({ id: parsed.id, error: message }));
      }
    }
  });
}

export async function runIndexRebuild(
  options: MatchCliOptions,
  context: CommandContext,
): Promise<void> {
  await withService(options, context, async (service) => {
    const started = performance.now();
    const report = await service.refresh({ rebuild: true });
    const stats = service.stats();
    const out = { ...stats, refresh: report, wallSeconds: (performance.now() - started) / 1000 };
    if (options.json) writeLine(context.stdout, JSON.stringify(out));
    else
      writeLine(
        context.stdout,
        `index rebuilt with ${stats.tokenizer}: ${stats.seeds} seeds, ${stats.sharedNeeds} shared needs in ${report.seconds.toFixed(1)} s (snapshot stored)`,
      );
  });
}
