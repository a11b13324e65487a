import { DomainError } from '#core/domain-error.ts';
import { findPrefecture } from '#core/geo.ts';
import { systemClock } from '#core/ports.ts';
import { analyzeBrokers } from '#services/analysis/analyze-brokers.ts';
import { openTarget, writeLine, type CommandContext } from '../context.ts';

function positiveInteger(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new DomainError(
      'validation_failed',
      `${flag} must be a whole number ≥ 1, got "${value}"`,
    );
  return n;
}

/** `musubi analyze brokers [--community ID] [--json]`: who bridges the communities. */
export async function runAnalyzeBrokers(
  options: { db?: string; community?: string; limit?: string; samples?: string; json?: boolean },
  context: CommandContext,
): Promise<void> {
  if (options.community !== undefined && !/^c\d+$/.test(options.community))
    throw new DomainError(
      'validation_failed',
      `--community must be a community id like c3, got "${options.community}"`,
    );
  const limit = positiveInteger(options.limit, '--limit');
  const samples = positiveInteger(options.samples, '--samples');
  const database = await openTarget(options.db, context);
  try {
    const output = await analyzeBrokers(database.repos, systemClock, {
      ...(options.community !== undefined ? { community: options.community } : {}),
      ...(limit !== undefined ? { limit } : {}),
      ...(samples !== undefined ? { samples } : {}),
    });
    if (options.json) {
      writeLine(context.stdout, JSON.stringify(output));
      return;
    }
    const m = output.method;
    writeLine(
      context.stdout,
      `仲介者 / brokers${output.community ? ` of ${output.community} ${output.communityNames[output.community]?.name ?? ''}` : ''}: ${m.nodes} actors, ${m.edges} ties; betweenness ${m.betweenness === 'exact' ? 'exact' : `sampled from ${m.samples} shortest paths, ±${m.errorBound.toFixed(3)} at ${Math.round(m.confidence * 100)}%`}`,
    );
    if (output.generatedData) writeLine(context.stdout, `  ⚠ ${output.generatedData.ja}`);
    writeLine(context.stdout, '  betweenness  constraint  eff.size  communities  actor');
    for (const b of output.brokers) {
      const bridged = b.communitiesBridged
        .map((id) => `${id} ${output.communityNames[id]?.name ?? ''}`.trim())
        .join(' / ');
      writeLine(
        context.stdout,
        `  ${b.betweenness.toFixed(4).padStart(11)}  ${(b.constraint === null ? '—' : b.constraint.toFixed(3)).padStart(10)}  ${b.effectiveSize.toFixed(1).padStart(8)}  ${(b.communitiesBridged.join(',') || '—').padEnd(11)}  ${b.name} (${findPrefecture(b.prefectureCode)?.name ?? b.prefectureCode})${bridged ? ` — ${bridged}` : ''}`,
      );
    }
  } finally {
    await database.close();
  }
}
