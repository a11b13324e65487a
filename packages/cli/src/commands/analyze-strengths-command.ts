import { DomainError } from '#core/domain-error.ts';
import { systemClock } from '#core/ports.ts';
import {
  analyzeStrengths,
  STRENGTH_MEASURES,
  type StrengthMeasure,
} from '#services/analysis/analyze-strengths.ts';
import { openTarget, writeLine, type CommandContext } from '../context.ts';

const isMeasure = (value: string): value is StrengthMeasure =>
  (STRENGTH_MEASURES as readonly string[]).includes(value);

const fixed = (value: number | null, digits = 2) => (value === null ? '—' : value.toFixed(digits));

/** `musubi analyze strengths --prefecture CODE|--municipality CODE|--community ID [--measure M] [--json]`. */
export async function runAnalyzeStrengths(
  options: {
    db?: string;
    prefecture?: string;
    municipality?: string;
    community?: string;
    measure?: string;
    json?: boolean;
  },
  context: CommandContext,
): Promise<void> {
  if (
    [options.prefecture, options.municipality, options.community].filter((x) => x !== undefined)
      .length !== 1
  )
    throw new DomainError(
      'validation_failed',
      'give exactly one of --prefecture, --municipality or --community',
    );
  if (options.measure !== undefined && !isMeasure(options.measure))
    throw new DomainError(
      'validation_failed',
      `--measure must be one of ${STRENGTH_MEASURES.join(', ')}, got "${options.measure}"`,
    );
  const measure =
    options.measure !== undefined && isMeasure(options.measure) ? options.measure : undefined;
  const database = await openTarget(options.db, context);
  try {
    const output = await analyzeStrengths(database.repos, systemClock, {
      ...(options.prefecture !== undefined ? { prefectureCode: options.prefecture } : {}),
      ...(options.municipality !== undefined ? { municipalityCode: options.municipality } : {}),
      ...(options.community !== undefined ? { communityId: options.community } : {}),
      ...(measure !== undefined ? { measure } : {}),
    });
    if (options.json) {
      writeLine(context.stdout, JSON.stringify(output));
      return;
    }
    writeLine(
      context.stdout,
      `地域の強み / regional strengths of ${output.scope.name} (${output.measure}: ${output.regionTotal} of ${output.total} units)`,
    );
    writeLine(context.stdout, `  ${output.method}`);
    if (output.generatedData) writeLine(context.stdout, `  ⚠ ${output.generatedData.ja}`);
    writeLine(context.stdout, '     LQ  interval          count  field');
    for (const f of output.fields.filter((x) => x.count > 0)) {
      writeLine(
        context.stdout,
        `  ${f.specialised ? '*' : ' '}${fixed(f.lq).padStart(5)}  [${fixed(f.ciLow)}, ${fixed(f.ciHigh)}]`.padEnd(
          28,
        ) + `${String(f.count).padStart(6)}  ${f.field}`,
      );
    }
    for (const note of output.sources) writeLine(context.stdout, `  note: ${note}`);
  } finally {
    await database.close();
  }
}
