import { ENTITY_NAMES, ENTITY_SPECS } from '#core/entities/registry.ts';
import { openTarget, writeLine, type CommandContext } from '../context.ts';

export async function runStats(
  options: { db?: string; json?: boolean },
  context: CommandContext,
): Promise<void> {
  const database = await openTarget(options.db, context);
  try {
    const counts = await database.repos.counts();
    if (options.json) {
      writeLine(context.stdout, JSON.stringify(counts));
      return;
    }
    writeLine(context.stdout, `database: ${database.location}`);
    for (const name of ENTITY_NAMES) {
      writeLine(
        context.stdout,
        `${name.padEnd(18)} ${String(counts[name].toLocaleString('en')).padStart(10)}  ${ENTITY_SPECS[name].labelJa}`,
      );
    }
    writeLine(
      context.stdout,
      `${'prefectures'.padEnd(18)} ${String(counts.prefectures).padStart(10)}  都道府県（主体の所在）`,
    );
  } finally {
    await database.close();
  }
}
